import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/evidence/types';
import { seedWorld } from '../../src/fixtures/seed';
import type { FixtureWorld } from '../../src/fixtures/types';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import { runChecks } from '../../src/run/runner';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import { checks } from '../../suites/load/index';

/**
 * The load layer on one sandbox (edges and ledger on), quick phases: green on the clean sandbox
 * in every region, and each load fault turns the checks it names red. One fresh Target per run
 * (the memoized load runs belong to a target).
 */
let sandbox: StartedSandbox;
let world: FixtureWorld;
let artifacts: string;

async function runLoad(ids: string[], regions?: string[]): Promise<Map<string, CheckResult>> {
  const parsed = parseProfileText(JSON.stringify(sandbox.profileDocument()), 'json', sandbox.tempDir);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const target = resolveTarget(parsed.profile);
  if (regions) target.regions = target.regions.filter((r) => regions.includes(r.name));
  const chosen = checks.filter((c) => ids.includes(c.id));
  const out = await runChecks(chosen, { runId: `load-${Date.now()}`, target, fixtures: world, artifactsDir: artifacts, quick: true });
  return new Map(out.results.map((r) => [r.id, r]));
}

beforeAll(async () => {
  sandbox = await startSandbox({ ports: 'free' });
  artifacts = mkdtempSync(path.join(os.tmpdir(), 'gxv-load-artifacts-'));
  const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  world = await seedWorld(pool, { namespace: 'gxv-load-test', tenantId: sandbox.tenantId }).finally(() => pool.end());
  sandbox.ledger?.seedWorld(world);
}, 120_000);

afterAll(async () => {
  rmSync(artifacts, { recursive: true, force: true });
  await sandbox?.stop();
});

const status = (m: Map<string, CheckResult>, id: string) => `${m.get(id)?.status}: ${m.get(id)?.message}`;

describe('load layer on the sandbox (quick phases)', () => {
  it('clean: load-100 passes in every region, under-load PERF-2/3 pass, stress names its breaking point and degrades gracefully', async () => {
    const r = await runLoad(['LOAD-P95', 'LOAD-ERRORS', 'LOAD-PROJECTOR-LAG', 'LOAD-DB-P95', 'STRESS-BREAKING-POINT', 'STRESS-DEGRADATION']);
    for (const region of ['local', 'asia', 'north-america', 'europe']) {
      expect(status(r, `LOAD-P95-${region}`)).toMatch(/^pass/);
      expect(status(r, `LOAD-ERRORS-${region}`)).toMatch(/^pass/);
      expect(r.get(`LOAD-P95-${region}`)?.measurements.p95Ms).toBeGreaterThan(0);
    }
    expect(r.get('LOAD-P95-asia')?.measurements.loadFrom).toMatch(/spread over 100 loopback client addresses/);
    expect(r.get('LOAD-P95-local')?.measurements.loadFrom).toMatch(/directly/);
    for (const id of ['LOAD-PROJECTOR-LAG', 'LOAD-DB-P95', 'STRESS-BREAKING-POINT', 'STRESS-DEGRADATION']) expect(status(r, id)).toMatch(/^pass/);
    expect(r.get('STRESS-BREAKING-POINT')?.measurements.breakingPoint).toBeTruthy();
  }, 600_000);

  const FAULTS: Array<[fault: string, ids: string[], red: string[], regions?: string[]]> = [
    ['slow-endpoint', ['LOAD-P95'], ['LOAD-P95-asia'], ['asia']],
    ['slow-region', ['LOAD-P95'], ['LOAD-P95-north-america'], ['asia', 'north-america']],
    ['error-burst', ['LOAD-ERRORS', 'STRESS-BREAKING-POINT', 'STRESS-DEGRADATION'], ['LOAD-ERRORS-asia', 'STRESS-BREAKING-POINT', 'STRESS-DEGRADATION'], ['asia']],
    ['no-backpressure', ['STRESS-DEGRADATION'], ['STRESS-DEGRADATION'], ['asia']],
    ['db-slow-query', ['LOAD-DB-P95'], ['LOAD-DB-P95'], ['asia']],
    ['projector-slow-under-load', ['LOAD-PROJECTOR-LAG'], ['LOAD-PROJECTOR-LAG'], ['asia']],
  ];
  for (const [fault, ids, red, regions] of FAULTS) {
    it(`${fault}: ${red.join(', ')} fail`, async () => {
      await sandbox.faults.set([fault]);
      try {
        const r = await runLoad(ids, regions);
        for (const id of red) expect(status(r, id), id).toMatch(/^fail/);
        if (fault === 'slow-region') expect(status(r, 'LOAD-P95-asia')).toMatch(/^pass/);
      } finally {
        await sandbox.faults.set([]);
      }
    }, 300_000);
  }
});
