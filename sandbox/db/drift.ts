import type pg from 'pg';
import type { FaultSwitchboard } from '../faults/switchboard';

/** The contract enum value the `schema-drift` fault takes away, and what it becomes meanwhile. */
const ENUM_TYPE = 'KycStatus';
const CONTRACT_VALUE = 'EXPIRED';
const DRIFTED_VALUE = 'EXPIRED_LEGACY';

async function enumValues(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ label: string }>(
    `SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
     WHERE t.typname = $1 ORDER BY e.enumsortorder`,
    [ENUM_TYPE],
  );
  return rows.map((r) => r.label);
}

/** Puts the schema in the drifted (on) or contract (off) state; does nothing when it is already there. */
export async function applySchemaDrift(pool: pg.Pool, on: boolean): Promise<void> {
  const values = await enumValues(pool);
  const [from, to] = on ? [CONTRACT_VALUE, DRIFTED_VALUE] : [DRIFTED_VALUE, CONTRACT_VALUE];
  if (values.includes(from) && !values.includes(to)) {
    await pool.query(`ALTER TYPE "${ENUM_TYPE}" RENAME VALUE '${from}' TO '${to}'`);
  }
}

/**
 * The database part of the fault switchboard: keeps the schema in step with `schema-drift`,
 * now and on every later change. Returns the function that detaches it.
 */
export async function attachSchemaDrift(faults: FaultSwitchboard, pool: pg.Pool): Promise<() => void> {
  await applySchemaDrift(pool, faults.isOn('schema-drift'));
  return faults.onChange((active) => applySchemaDrift(pool, active.includes('schema-drift')));
}
