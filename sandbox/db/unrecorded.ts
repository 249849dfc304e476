import type pg from 'pg';
import type { FaultSwitchboard } from '../faults/switchboard';
import { loadMigrations } from './migrate';

/**
 * The migration whose record the `migrations-unrecorded` fault takes away. A middle one: a lost
 * record shows as a gap in the versions, which is what a check can see without the files.
 */
const LOST_VERSION = 4;

/** Deletes (on) or restores (off) the record of LOST_VERSION; does nothing when it is already so. */
export async function applyMigrationsUnrecorded(pool: pg.Pool, on: boolean): Promise<void> {
  if (on) {
    await pool.query('DELETE FROM "_gx_migrations" WHERE "version" = $1', [LOST_VERSION]);
    return;
  }
  const m = loadMigrations().find((x) => x.version === LOST_VERSION);
  if (!m) throw new Error(`no migration ${LOST_VERSION} to restore`);
  await pool.query(
    'INSERT INTO "_gx_migrations" ("version", "name", "checksum") VALUES ($1, $2, $3) ON CONFLICT ("version") DO NOTHING',
    [m.version, m.name, m.checksum],
  );
}

/** Keeps the migrations table in step with `migrations-unrecorded`, now and on every later change. */
export async function attachMigrationsUnrecorded(faults: FaultSwitchboard, pool: pg.Pool): Promise<() => void> {
  await applyMigrationsUnrecorded(pool, faults.isOn('migrations-unrecorded'));
  return faults.onChange((active) => applyMigrationsUnrecorded(pool, active.includes('migrations-unrecorded')));
}
