import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckDef } from '../../src/checks/define';
import type { CheckResult } from '../../src/evidence/types';
import type { FixtureWorld } from '../../src/fixtures/types';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import type { Target } from '../../src/profile/target';
import { runChecks } from '../../src/run/runner';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import type { StartedLedgerStack } from '../../sandbox/ledger-stack';
import { roundtripChecks } from '../../suites/integration/roundtrip/index';
import { resettableWorld } from '../fixtures/reseed';

/**
 * One sandbox per test file, with its default ledger stack (emulator, two submitters, projector):
 * the file's own fixture world in the read model and on the ledger. The Target is the sandbox
 * profile, which carries the `fabric`, `workers` and `sandbox.control` sections. No edges: the
 * round-trip checks talk to the services directly and the edges only cost boot time.
 */
export interface RoundTripHarness {
  sandbox: StartedSandbox;
  stack: StartedLedgerStack;
  target: Target;
  world: FixtureWorld;
  /** Where the runs' artifacts go (removed by stop). */
  artifactsDir: string;
  run(ids: readonly string[], opts?: { concurrency?: number }): Promise<Map<string, CheckResult>>;
  stop(): Promise<void>;
}

export function rtCheck(id: string): CheckDef {
  const check = roundtripChecks.find((c) => c.id === id);
  if (!check) throw new Error(`no round-trip check ${id}`);
  return check;
}

export async function startRoundTripHarness(namespace: string): Promise<RoundTripHarness> {
  const sandbox = await startSandbox({ ports: 'free', edges: false });
  const artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-rt-artifacts-'));
  try {
    const stack = sandbox.ledger;
    if (!stack) throw new Error('the sandbox started without its ledger stack');
    // A retried test gets the world back whole (see resettableWorld).
    const fixtures = await resettableWorld(sandbox.databaseUrl, namespace, sandbox.tenantId, (w) => stack.seedWorld(w));
    const world = fixtures.world;
    const parsed = parseProfileText(JSON.stringify(sandbox.profileDocument()), 'json', sandbox.tempDir);
    if (!parsed.ok) throw new Error(`profile rejected: ${parsed.errors.join('; ')}`);
    const target = resolveTarget(parsed.profile);
    let runs = 0;
    return {
      sandbox, stack, target, world, artifactsDir,
      async run(ids, opts = {}) {
        const outcome = await runChecks(ids.map(rtCheck), { runId: `${namespace}-${++runs}`, target, fixtures: fixtures.world, artifactsDir, concurrency: opts.concurrency });
        return new Map(outcome.results.map((r) => [r.id, r]));
      },
      async stop() {
        rmSync(artifactsDir, { recursive: true, force: true });
        await fixtures.close();
        await sandbox.stop();
      },
    };
  } catch (error) {
    rmSync(artifactsDir, { recursive: true, force: true });
    await sandbox.stop();
    throw error;
  }
}

export function explain(result: CheckResult | undefined): string {
  if (!result) return 'no result';
  const evidence = result.evidence.slice(0, 3).map((e) => `${e.note ?? ''}\n${e.request ?? ''}\n${e.response ?? ''}`).join('\n---\n');
  return `${result.id}: ${result.status} — ${result.message}\n${evidence}`.slice(0, 3000);
}
