import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { CheckDef } from '../../src/checks/define';
import type { CheckResult } from '../../src/evidence/types';
import { seedWorld } from '../../src/fixtures/seed';
import type { FixtureWorld } from '../../src/fixtures/types';
import { measureNetwork } from '../../src/measure/network';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import type { Target } from '../../src/profile/target';
import { runChecks } from '../../src/run/runner';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import type { LatencySpec } from '../../sandbox/lifecycle/latency';
import { checks as integrationChecks } from '../../suites/integration/index';

/**
 * A sandbox seen from afar: started with `latency` (every direct route behind a delay proxy), its
 * profile resolved as a run does, the network measured before the checks as a run does, and the
 * chosen integration checks run through the runner. No edges (their own delay proxies are the
 * edge tests' business).
 */
export interface DistanceHarness {
  sandbox: StartedSandbox;
  target: Target;
  world: FixtureWorld;
  rttMs: Record<string, number>;
  run(ids: readonly string[]): Promise<Map<string, CheckResult>>;
  stop(): Promise<void>;
}

const byId = (id: string): CheckDef => {
  const check = integrationChecks.find((c) => c.id === id);
  if (!check) throw new Error(`no integration check ${id}`);
  return check;
};

export async function startDistanceHarness(namespace: string, latency?: LatencySpec): Promise<DistanceHarness> {
  const sandbox = await startSandbox({ ports: 'free', edges: false, latency });
  const artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-distance-artifacts-'));
  const stop = async () => {
    rmSync(artifactsDir, { recursive: true, force: true });
    await sandbox.stop();
  };
  try {
    const parsed = parseProfileText(JSON.stringify(sandbox.profileDocument()), 'json', sandbox.tempDir);
    if (!parsed.ok) throw new Error(`sandbox profile rejected: ${parsed.errors.join('; ')}`);
    const target = resolveTarget(parsed.profile);
    const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
    const world = await seedWorld(pool, { namespace, tenantId: target.tenantId }).finally(() => pool.end());
    sandbox.ledger?.seedWorld(world);
    let runs = 0;
    let measuredRtt: Record<string, number> = {};
    return {
      sandbox, target, world,
      get rttMs() { return measuredRtt; },
      async run(ids) {
        const network = await measureNetwork(target);
        measuredRtt = network.measured.rttMs;
        try {
          const outcome = await runChecks(ids.map(byId), { runId: `${namespace}-${++runs}`, target, fixtures: world, artifactsDir, network: network.measured });
          return new Map(outcome.results.map((r) => [r.id, r]));
        } finally {
          await network.stop();
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function explain(result: CheckResult | undefined): string {
  if (!result) return 'no result';
  const evidence = result.evidence.slice(0, 2).map((e) => `${e.note ?? ''}\n${e.response ?? ''}`).join('\n---\n');
  return `${result.id}: ${result.status} — ${result.message}\n${JSON.stringify(result.measurements)}\n${evidence}`.slice(0, 4000);
}
