import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../src/clients/http';
import { timeBudget } from '../../src/run/budget';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import { DEFAULT_RTT_MS } from '../../sandbox/edge/regional-edge';
import { edgeRttMs, localOneWayMs, parseLatency } from '../../sandbox/lifecycle/latency';
import { cli } from '../cli/helpers';

describe('--latency', () => {
  it('reads one value for every region, per-region values, or both', () => {
    expect(parseLatency('250')).toEqual({ all: 250 });
    expect(parseLatency('asia=200,europe=80')).toEqual({ regions: { asia: 200, europe: 80 } });
    expect(parseLatency('100, local=0')).toEqual({ all: 100, regions: { local: 0 } });
    expect(() => parseLatency('mars=10')).toThrow(/unknown region "mars".*local, asia, north-america, europe/);
    expect(() => parseLatency('fast')).toThrow(/milliseconds/);
    expect(() => parseLatency('1,2')).toThrow(/two defaults/);
  });

  it('delays the edges by twice the one-way value; unnamed edges keep their default round trip', () => {
    expect(edgeRttMs(undefined)).toEqual(DEFAULT_RTT_MS);
    expect(edgeRttMs({ regions: { asia: 200 } })).toEqual({ ...DEFAULT_RTT_MS, asia: 400 });
    expect(edgeRttMs({ all: 250 })).toEqual({ asia: 500, 'north-america': 500, europe: 500 });
    expect(localOneWayMs({ regions: { europe: 80 } })).toBe(0);
    expect(localOneWayMs({ all: 250, regions: { local: 10 } })).toBe(10);
  });

  it('is refused for a profile (a real target has its own distance) and when malformed, before anything starts', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gxv-latency-cli-'));
    try {
      const profile = await cli(['run', '--profile', path.join(dir, 'none.yaml'), '--latency', '100', '--out', dir]);
      expect(profile.code).toBe(2);
      expect(profile.stderr).toMatch(/--latency is for the built-in sandbox only/);
      const bad = await cli(['sandbox', 'up', '--latency', 'asia=soon'], { GX_VERIFY_STATE_DIR: dir, GX_VERIFY_SANDBOX_PORTS: 'free' });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--latency asia must be a number of milliseconds/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('time budgets', () => {
  it('grow by the sequential requests times the measured round trip, and say so', () => {
    const b = timeBudget({ sequentialRequests: 100 }, 60_000, 10_000, 500);
    expect(b).toMatchObject({ checkMs: 110_000, requestMs: 11_500, rttMs: 500 });
    expect(b.text).toBe('60 s + 100 sequential requests × 500 ms RTT = 110 s');
    expect(timeBudget({}, 60_000, 10_000, undefined).checkMs).toBe(60_000);
  });
});

describe('a sandbox 100 ms away', () => {
  let sandbox: StartedSandbox;
  beforeAll(async () => { sandbox = await startSandbox({ ports: 'free', ledger: false, edges: false, latency: { all: 100 } }); }, 120_000);
  afterAll(async () => { await sandbox?.stop(); }, 60_000);

  it('puts every direct route of its profile behind a delay proxy and leaves the services where they listen', async () => {
    const local = sandbox.profileDocument().regions[0] as { services: Record<string, string> };
    expect(local.services).toEqual(sandbox.publicServices);
    for (const key of Object.keys(sandbox.services)) expect(sandbox.publicServices[key as 'identity']).not.toBe(sandbox.services[key as 'identity']);
    const timed = async (baseUrl: string) => {
      await send({ method: 'GET', baseUrl, path: '/livez' }); // connection open
      const started = performance.now();
      const res = await send({ method: 'GET', baseUrl, path: '/livez' });
      expect(res.status).toBe(200);
      return performance.now() - started;
    };
    // The proxy holds every chunk 100 ms each way: a lower bound no load can undercut (an upper
    // bound on the direct route would only time the machine).
    expect(await timed(sandbox.publicServices.tax)).toBeGreaterThanOrEqual(199);
    expect((await send({ method: 'GET', baseUrl: sandbox.services.tax, path: '/livez' })).status).toBe(200);
  });
});
