import type pg from 'pg';

/** Postgres codes for a table, column or function the target's schema lacks (INT-DB-SCHEMA reports those). */
const SCHEMA_GAPS = new Set(['42P01', '42703', '42883', '42704']);

/**
 * Runs a read; returns null when the target's schema lacks what it reads, so a read-model judgement
 * is counted unusable instead of failing on a schema difference another check already names.
 */
export async function readRows<T extends pg.QueryResultRow>(client: pg.Client, sql: string, params: unknown[] = []): Promise<T[] | null> {
  try {
    return (await client.query<T>(sql, params)).rows;
  } catch (error) {
    if (SCHEMA_GAPS.has((error as { code?: string }).code ?? '')) return null;
    throw error;
  }
}

/** Rows an evidence excerpt shows; every offending row is its own finding, so none is lost. */
const EXCERPT_ROWS = 10;

/** A query and its rows as an evidence excerpt (reads only non-secret columns). */
export const shown = (sql: string, params: unknown[], rows: unknown[]) => ({
  request: `${sql.replace(/\s+/g, ' ').trim()}\n-- params: ${JSON.stringify(params)}`,
  response: JSON.stringify(rows.slice(0, EXCERPT_ROWS))
    + (rows.length > EXCERPT_ROWS ? `\n-- ${EXCERPT_ROWS} of ${rows.length} rows shown; each offending row is a finding of its own` : ''),
});
