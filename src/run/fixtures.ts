import pg from 'pg';
import { cleanupWorld, seedWorld } from '../fixtures/seed';
import type { FixtureWorld } from '../fixtures/types';
import type { Target } from '../profile/target';
import { describeError } from './describe-error';

/**
 * The fixture world of a run, seeded into the target's read model only where the profile gives a
 * database and allows writes, namespaced `gxv-<run-id>` and removed afterwards.
 */
export interface SeededFixtures {
  world: FixtureWorld | null;
  /** Why there is no world, when seeding was allowed but failed. */
  problem: string | null;
  cleanup(): Promise<string | null>;
}

export async function seedFixtures(target: Target, runId: string): Promise<SeededFixtures> {
  if (!target.database || !target.allowWrites) return { world: null, problem: null, cleanup: async () => null };
  // Short connect timeout: a dead database is reported, it does not hang the run.
  const pool = new pg.Pool({ connectionString: target.database.url, max: 2, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => undefined);
  const namespace = `gxv-${runId}`;
  try {
    const world = await seedWorld(pool, { namespace, tenantId: target.tenantId });
    await mirrorIntoSandboxLedger(target, world);
    // Fixture passwords are secrets too: keep them out of every output.
    for (const user of Object.values(world.users)) target.secrets.push(user.password);
    return {
      world,
      problem: null,
      async cleanup() {
        try {
          await cleanupWorld(pool, namespace);
          return null;
        } catch (error) {
          return `Fixture cleanup of ${namespace} failed: ${describeError(error)}`;
        } finally {
          await pool.end().catch(() => undefined);
        }
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    return { world: null, problem: `Fixture seeding failed (${describeError(error)}); checks that need fixtures are skipped.`, cleanup: async () => null };
  }
}

/**
 * On the gx-verify sandbox the ledger is a separate store: the run's world must exist there too,
 * or every command on fixture data is refused by the chaincode. Real targets seed their ledger
 * through their own processes, so this only talks to a sandbox control endpoint.
 */
async function mirrorIntoSandboxLedger(target: Target, world: FixtureWorld): Promise<void> {
  if (!target.sandboxControl) return;
  const res = await fetch(`${target.sandboxControl}/ledger/seed-world`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ world }),
    signal: AbortSignal.timeout(10_000),
  });
  // 404: this sandbox runs without the ledger stack, so the read model is all there is.
  if (!res.ok && res.status !== 404) throw new Error(`the sandbox refused to seed its ledger (HTTP ${res.status})`);
}
