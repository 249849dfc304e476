import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { CheckDef } from '../../src/checks/define';
import type { CheckResult } from '../../src/evidence/types';
import { seedWorld } from '../../src/fixtures/seed';
import type { FixtureWorld } from '../../src/fixtures/types';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import type { Target } from '../../src/profile/target';
import { runChecks } from '../../src/run/runner';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import { startControlServer, type StartedControl } from '../../sandbox/control/server';
import { startLedgerStack, type StartedLedgerStack } from '../../sandbox/ledger-stack';
import { roundtripChecks } from '../../suites/integration/roundtrip/index';

/**
 * One sandbox + ledger stack per test file: the sandbox without its idle heartbeat (the real
 * projector writes ProjectorState), the emulator and workers from startLedgerStack, the file's own
 * fixture world in the read model and on the ledger, and a control server that can restart the
 * projector. The Target comes from the sandbox profile plus the `fabric` and `workers` sections.
 */
export interface RoundTripHarness {
  sandbox: StartedSandbox;
  stack: StartedLedgerStack;
  target: Target;
  world: FixtureWorld;
  run(ids: readonly string[], opts?: { concurrency?: number }): Promise<Map<string, CheckResult>>;
  stop(): Promise<void>;
}

export function rtCheck(id: string): CheckDef {
  const check = roundtripChecks.find((c) => c.id === id);
  if (!check) throw new Error(`no round-trip check ${id}`);
  return check;
}

export async function startRoundTripHarness(namespace: string): Promise<RoundTripHarness> {
  const sandbox = await startSandbox({ ports: 'free' }, { startProjector: () => ({ stop: async () => {} }) });
  const artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-rt-artifacts-'));
  let stack: StartedLedgerStack | undefined;
  let control: StartedControl | undefined;
  try {
    stack = await startLedgerStack({ databaseUrl: sandbox.databaseUrl, faults: sandbox.faults, world: sandbox.world, tempDir: sandbox.tempDir, tenantId: sandbox.tenantId });
    const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
    const world = await seedWorld(pool, { namespace, tenantId: sandbox.tenantId }).finally(() => pool.end());
    stack.seedWorld(world);
    control = await startControlServer({ faults: sandbox.faults, gate: sandbox.gate, ledger: stack });
    const doc = { ...sandbox.profileDocument(), fabric: stack.profileFabricSection, workers: stack.profileWorkersSection, sandbox: { control: control.url } };
    const parsed = parseProfileText(JSON.stringify(doc), 'json', sandbox.tempDir);
    if (!parsed.ok) throw new Error(`profile rejected: ${parsed.errors.join('; ')}`);
    const target = resolveTarget(parsed.profile);
    let runs = 0;
    const s = stack;
    const c = control;
    return {
      sandbox, stack: s, target, world,
      async run(ids, opts = {}) {
        const outcome = await runChecks(ids.map(rtCheck), { runId: `${namespace}-${++runs}`, target, fixtures: world, artifactsDir, concurrency: opts.concurrency });
        return new Map(outcome.results.map((r) => [r.id, r]));
      },
      async stop() {
        rmSync(artifactsDir, { recursive: true, force: true });
        await c.stop();
        await s.stop();
        await sandbox.stop();
      },
    };
  } catch (error) {
    rmSync(artifactsDir, { recursive: true, force: true });
    await control?.stop();
    await stack?.stop();
    await sandbox.stop();
    throw error;
  }
}

export function explain(result: CheckResult | undefined): string {
  if (!result) return 'no result';
  const evidence = result.evidence.slice(0, 3).map((e) => `${e.note ?? ''}\n${e.request ?? ''}\n${e.response ?? ''}`).join('\n---\n');
  return `${result.id}: ${result.status} — ${result.message}\n${evidence}`.slice(0, 3000);
}
