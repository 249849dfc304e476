import pg from 'pg';
import { FIXTURE_ITEMS, guardWorld, type FixtureItem } from '../fixtures/items';
import { providedWorld } from '../fixtures/provided';
import { cleanupWorld, seedFixtureWorld } from '../fixtures/seed';
import { fixtureIds } from '../fixtures/ids';
import type { FixtureWorld } from '../fixtures/types';
import { worldOf } from '../fixtures/world';
import type { Target } from '../profile/target';
import type { FixturesSummary } from '../report/types';
import { describeError } from './describe-error';

/**
 * The fixture world of a run: seeded item by item into the target's read model (profile
 * `fixtures.mode: seed`, where the profile gives a database and allows writes, namespaced
 * `gxv-<run-id>` and removed afterwards), or named by the profile (`provided`), or none. Checks
 * get a guarded world: an item that does not exist skips only the checks that use it.
 */
export interface RunFixtures {
  /** The guarded world; null when the run has none (mode none, or seeding not allowed). */
  world: FixtureWorld | null;
  /** The same world as plain data, for a process boundary (vitest provide/inject): see `guardedWorld`. */
  portable: PortableWorld | null;
  /** The report's fixtures table. */
  report: FixturesReport | null;
  /** Why seeding could not even start, for the report notes. */
  problem: string | null;
  cleanup(): Promise<string | null>;
}

export type FixturesReport = FixturesSummary;

/** A world and its unavailable items as plain, cloneable data. */
export interface PortableWorld {
  world: FixtureWorld;
  unavailable: Array<[FixtureItem, string]>;
}

/** The world checks get from a portable one. */
export function guardedWorld(p: PortableWorld): FixtureWorld {
  const unavailable = new Map(p.unavailable);
  return guardWorld(p.world, (i) => unavailable.get(i));
}

const none = (report: FixturesReport | null = null): RunFixtures => ({ world: null, portable: null, report, problem: null, cleanup: async () => null });

function withWorld(world: FixtureWorld, unavailable: ReadonlyMap<FixtureItem, string>, rest: Omit<RunFixtures, 'world' | 'portable'>): RunFixtures {
  const portable = { world, unavailable: [...unavailable] };
  return { ...rest, world: guardedWorld(portable), portable };
}

export async function prepareFixtures(target: Target, runId: string): Promise<RunFixtures> {
  const f = target.fixtures ?? { mode: 'seed' as const, tenant: [], users: {}, objects: {} };
  const namespace = `gxv-${runId}`;
  if (f.mode === 'none') return none({ mode: 'none', namespace: null, items: [] });
  if (f.mode === 'provided') {
    const provided = providedWorld(f, namespace, target.tenantId);
    for (const user of Object.values(provided.world.users)) if (user.password) target.secrets.push(user.password);
    return withWorld(provided.world, provided.unavailable, none({ mode: 'provided', namespace, items: provided.items }));
  }
  if (!target.database || !target.allowWrites) return none();

  // Short connect timeout: a dead database is reported, it does not hang the run.
  const pool = new pg.Pool({ connectionString: target.database.url, max: 2, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => undefined);
  let seeded;
  try {
    seeded = await seedFixtureWorld(pool, { namespace, tenantId: target.tenantId, tenant: f.tenant });
  } catch (error) {
    await pool.end().catch(() => undefined);
    return seedingImpossible(target, namespace, error);
  }
  // Fixture passwords are secrets too: keep them out of every output.
  target.secrets.push(seeded.world.users.userA.password);
  const mirrored = await mirrorIntoSandboxLedger(target, seeded.world).then(() => null, (error: unknown) => describeError(error));
  return withWorld(seeded.world, seeded.failed, {
    report: { mode: 'seed', namespace, items: seeded.items },
    problem: mirrored && `The run's fixture world is not on the sandbox ledger (${mirrored}): commands on it are refused there.`,
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
  });
}

/** Nothing could be tried (no connection, no schema): every item carries the one cause; checks using none still run. */
function seedingImpossible(target: Target, namespace: string, error: unknown): RunFixtures {
  const why = `seeding failed before any item: ${describeError(error)}`;
  const failed = new Map<FixtureItem, string>(FIXTURE_ITEMS.map((i) => [i, why]));
  return withWorld(worldOf(fixtureIds(namespace), namespace, target.tenantId, ''), failed, {
    report: { mode: 'seed', namespace, items: FIXTURE_ITEMS.map((item) => ({ item, status: 'failed', detail: why })) },
    problem: `Fixture seeding failed (${describeError(error)}); checks that use fixture items are skipped.`,
    cleanup: async () => null,
  });
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
