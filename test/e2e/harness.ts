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
import { startSandbox, type SandboxOptions, type StartedSandbox } from '../../sandbox/index';
import { checks as e2eChecks } from '../../suites/e2e/index';

/**
 * One sandbox per test file with its monitoring (Prometheus, Alertmanager, front) and its own
 * fixture world in the read model and on the ledger; the Target comes from the sandbox profile
 * through the real loader. `regions` narrows the edge regions the journeys walk.
 */
export interface E2eHarness {
  sandbox: StartedSandbox;
  target: Target;
  world: FixtureWorld;
  run(ids: readonly string[], target?: Target): Promise<Map<string, CheckResult>>;
  /** The target with the profile document changed (a section removed, other credentials…). */
  targetWith(change: (doc: Record<string, any>) => void): Target;
  stop(): Promise<void>;
}

export function e2eCheck(id: string): CheckDef {
  const check = e2eChecks.find((c) => c.id === id);
  if (!check) throw new Error(`no e2e check ${id}`);
  return check;
}

export async function startE2eHarness(namespace: string, opts: SandboxOptions & { regions?: string[] } = {}): Promise<E2eHarness> {
  const sandbox = await startSandbox({ ports: 'free', monitoring: true, ...opts });
  const artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-e2e-artifacts-'));
  try {
    const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
    const world = await seedWorld(pool, { namespace, tenantId: sandbox.tenantId }).finally(() => pool.end());
    sandbox.ledger?.seedWorld(world);
    const targetWith = (change: (doc: Record<string, any>) => void) => {
      const doc = structuredClone(sandbox.profileDocument()) as Record<string, any>;
      if (opts.regions) doc.regions = doc.regions.filter((r: { name: string }) => r.name === 'local' || opts.regions!.includes(r.name));
      change(doc);
      const parsed = parseProfileText(JSON.stringify(doc), 'json', sandbox.tempDir);
      if (!parsed.ok) throw new Error(`profile rejected: ${parsed.errors.join('; ')}`);
      return resolveTarget(parsed.profile);
    };
    const target = targetWith(() => undefined);
    let runs = 0;
    return {
      sandbox, target, world, targetWith,
      async run(ids, runTarget = target) {
        const outcome = await runChecks(ids.map(e2eCheck), { runId: `${namespace}-${++runs}`, target: runTarget, fixtures: world, artifactsDir });
        return new Map(outcome.results.map((r) => [r.id, r]));
      },
      async stop() {
        rmSync(artifactsDir, { recursive: true, force: true });
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
  const findings = (result.findings ?? []).slice(0, 5).map((f) => `- ${f.rule ?? ''} ${f.text}`).join('\n');
  const evidence = result.evidence.slice(0, 3).map((e) => `${e.note ?? ''}\n${e.request ?? ''}\n${e.response ?? ''}`).join('\n---\n');
  return `${result.id}: ${result.status} — ${result.message}\n${findings}\n${evidence}`.slice(0, 4000);
}
