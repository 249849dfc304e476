import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { CheckResult } from '../../src/evidence/types';
import { seedWorld } from '../../src/fixtures/seed';
import type { FixtureWorld } from '../../src/fixtures/types';
import { parseProfileData } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import { runChecks } from '../../src/run/runner';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import { checks } from '../../suites/load/index';

/**
 * One sandbox (edges and ledger on) per load test file, and load runs against it: each run gets a
 * fresh Target (the memoized load runs belong to a target), quick phases unless asked otherwise,
 * the profile's load section and parts changed as a test needs.
 */
export interface LoadRunOptions {
  regions?: string[];
  quick?: boolean;
  /** Merged into the sandbox profile's `load` section. */
  load?: Record<string, unknown>;
  /** Drop the profile's `database` (no pg_stat_statements, no commit probes). */
  noDatabase?: boolean;
  /** Merged into the profile's `thresholds`. */
  thresholds?: Record<string, number>;
}

export interface LoadHarness {
  sandbox: StartedSandbox;
  /** Where the runs' artifacts go (removed by stop()). */
  artifacts: string;
  run(ids: string[], opts?: LoadRunOptions): Promise<Map<string, CheckResult>>;
  stop(): Promise<void>;
}

export async function startLoadHarness(namespace: string): Promise<LoadHarness> {
  const sandbox = await startSandbox({ ports: 'free' });
  const artifacts = mkdtempSync(path.join(os.tmpdir(), 'gxv-load-artifacts-'));
  const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  const world: FixtureWorld = await seedWorld(pool, { namespace, tenantId: sandbox.tenantId }).finally(() => pool.end());
  sandbox.ledger?.seedWorld(world);
  return {
    sandbox,
    artifacts,
    async run(ids, opts = {}) {
      const doc = sandbox.profileDocument() as unknown as Record<string, unknown>;
      const changed: Record<string, unknown> = { ...doc, load: { ...(doc.load as object), ...opts.load } };
      if (opts.noDatabase) delete changed.database;
      if (opts.thresholds) changed.thresholds = { ...(doc.thresholds as object), ...opts.thresholds };
      const parsed = parseProfileData(changed, sandbox.tempDir);
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      const target = resolveTarget(parsed.profile);
      if (opts.regions) target.regions = target.regions.filter((r) => opts.regions!.includes(r.name));
      const chosen = checks.filter((c) => ids.includes(c.id));
      const out = await runChecks(chosen, { runId: `load-${Date.now()}`, target, fixtures: world, artifactsDir: artifacts, quick: opts.quick ?? true });
      return new Map(out.results.map((r) => [r.id, r]));
    },
    async stop() {
      rmSync(artifacts, { recursive: true, force: true });
      await sandbox.stop();
    },
  };
}

/** `status: message` of a result, for assertions that show why. */
export const status = (m: Map<string, CheckResult>, id: string) => `${m.get(id)?.status}: ${m.get(id)?.message}`;
