import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlServer, type StartedControl } from '../../sandbox/control/server';
import { FaultSwitchboard } from '../../sandbox/faults/switchboard';
import { TcpGate, type StartedGate } from '../../sandbox/infra/gate';

let upstream: net.Server;
let gate: StartedGate;
let control: StartedControl;
const faults = new FaultSwitchboard(['auth-alg-none']);
const seen: string[][] = [];

beforeAll(async () => {
  // a plain TCP echo server stands in for the database behind the gate
  upstream = net.createServer((s) => s.pipe(s));
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  gate = await new TcpGate({ host: '127.0.0.1', port: (upstream.address() as net.AddressInfo).port }).start();
  faults.onChange((active) => {
    seen.push(active);
  });
  control = await startControlServer({ faults, gate });
});
afterAll(async () => {
  await control?.stop();
  await gate?.stop();
  await new Promise((r) => upstream?.close(r));
});

type Json = Record<string, any>;
const call = (method: string, path: string, body?: unknown) =>
  fetch(`${control.url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });

describe('sandbox control server', () => {
  it('listens on loopback only', () => {
    expect(new URL(control.url).hostname).toBe('127.0.0.1');
  });

  it('lists and replaces the active faults, notifying the parts that listen', async () => {
    expect(await (await call('GET', '/faults')).json()).toEqual({ faults: ['auth-alg-none'] });
    const put = await call('PUT', '/faults', { faults: ['schema-drift', 'idempotency-off'] });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ faults: ['idempotency-off', 'schema-drift'] });
    expect(faults.isOn('idempotency-off')).toBe(true);
    expect(faults.isOn('auth-alg-none')).toBe(false);
    expect(seen.at(-1)).toEqual(['idempotency-off', 'schema-drift']);
    await call('PUT', '/faults', { faults: [] });
    expect(faults.list()).toEqual([]);
  });

  it('refuses unknown fault names and bad bodies with the E1 envelope, changing nothing', async () => {
    await call('PUT', '/faults', { faults: ['readyz-ignores-db'] });
    for (const body of [{ faults: ['no-such-fault'] }, { faults: 'readyz-ignores-db' }, '{"faults": [', [1]]) {
      const res = await call('PUT', '/faults', body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as Json;
      expect(Object.keys(json).sort()).toEqual(['error', 'message']);
      expect(json.error).toBe('Bad Request');
    }
    expect(((await (await call('PUT', '/faults', { faults: ['no-such-fault'] })).json()) as Json).message).toMatch(/Unknown fault "no-such-fault"/);
    expect(faults.list()).toEqual(['readyz-ignores-db']);
  });

  it('cuts and restores the database path', async () => {
    expect(await (await call('POST', '/dependencies/database/cut')).json()).toEqual({ database: 'cut' });
    expect(gate.isCut).toBe(true);
    expect(((await (await call('GET', '/health')).json()) as Json).database).toBe('cut');
    expect(await (await call('POST', '/dependencies/database/restore')).json()).toEqual({ database: 'connected' });
    expect(gate.isCut).toBe(false);
  });

  it('answers unknown routes with a 404 envelope', async () => {
    const res = await call('DELETE', '/faults');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Not Found', message: 'Route DELETE /faults not found' });
  });
});
