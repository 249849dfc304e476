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
