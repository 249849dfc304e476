import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckDef } from '../../src/checks/define';
import type { CheckResult } from '../../src/evidence/types';
import type { FixtureWorld } from '../../src/fixtures/types';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import type { Target } from '../../src/profile/target';
import { runChecks, type RunOptions } from '../../src/run/runner';
import type { LatencySpec } from '../../sandbox/lifecycle/latency';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import type { StartedLedgerStack } from '../../sandbox/ledger-stack';
import { checks as integrationChecks } from '../../suites/integration/index';
import { checks as securityChecks } from '../../suites/security/index';
import { resettableWorld } from '../fixtures/reseed';

/**
 * One sandbox per test file: the Target built from its profile document (the same loader a real
 * run uses), a fixture world seeded in the file's own namespace, and the runner for chosen checks.
 */
export interface IntegrationHarness {
  sandbox: StartedSandbox;
  /** The ledger emulator and workers, when started with `ledger: true`. */
  stack: StartedLedgerStack | null;
  target: Target;
  world: FixtureWorld;
  /** Runs checks through the runner; `target` replaces the sandbox target (e.g. a login-mode profile); `network` is a measured distance. */
  run(ids: readonly string[], opts?: { concurrency?: number; target?: Target; network?: RunOptions['network']; onEvent?: RunOptions['onEvent'] }): Promise<Map<string, CheckResult>>;
  /** Puts the fixture world back whole (same ids): what earlier runs spent or froze is restored. */
  reseed(): Promise<void>;
  stop(): Promise<void>;
}

/** An integration check, or a security check that runs on services without edges (e.g. SEC-HEADERS). */
export function checkById(id: string): CheckDef {
  const check = integrationChecks.find((c) => c.id === id) ?? securityChecks.find((c) => c.id === id);
  if (!check) throw new Error(`no integration or security check ${id}`);
  return check;
}

/**
 * `ledger: true` keeps the sandbox's write path (Fabric emulator, outbox-submitters, projector)
 * for checks that need commands decided and projected; the fixture world is mirrored into its
 * ledger as a run does. Fault tests leave it (and the edges, which these checks do not use) off.
 */
export async function startHarness(namespace: string, opts: { ledger?: boolean; latency?: LatencySpec } = {}): Promise<IntegrationHarness> {
  const sandbox = await startSandbox({ ports: 'free', ledger: opts.ledger ?? false, edges: false, latency: opts.latency });
  const artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-int-artifacts-'));
  let fixtures: Awaited<ReturnType<typeof resettableWorld>> | undefined;
  const stopAll = async () => {
    rmSync(artifactsDir, { recursive: true, force: true });
    await fixtures?.close();
    await sandbox.stop();
  };
  try {
    const parsed = parseProfileText(JSON.stringify(sandbox.profileDocument()), 'json', sandbox.tempDir);
    if (!parsed.ok) throw new Error(`sandbox profile rejected: ${parsed.errors.join('; ')}`);
    const target = resolveTarget(parsed.profile);
    // A retried test gets the world back whole (see resettableWorld).
    fixtures = await resettableWorld(sandbox.databaseUrl, namespace, target.tenantId, (w) => sandbox.ledger?.seedWorld(w));
    const world = fixtures.world;
    let runs = 0;
    return {
      sandbox, stack: sandbox.ledger, target, world,
      async run(ids, runOpts = {}) {
        const outcome = await runChecks(ids.map(checkById), {
          runId: `${namespace}-${++runs}`, target: runOpts.target ?? target, fixtures: fixtures!.world, artifactsDir, concurrency: runOpts.concurrency, network: runOpts.network, onEvent: runOpts.onEvent,
        });
        return new Map(outcome.results.map((r) => [r.id, r]));
      },
      reseed: () => fixtures!.reseed(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** A one-line account of a result for assertion messages. */
export function explain(result: CheckResult | undefined): string {
  if (!result) return 'no result';
  const evidence = result.evidence.slice(0, 2).map((e) => `${e.request ?? ''}\n${e.response ?? ''}`).join('\n---\n');
  return `${result.id}: ${result.status} — ${result.message}\n${evidence}`.slice(0, 3000);
}
