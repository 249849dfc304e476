import type pg from 'pg';
import { EXPECTED_TABLES } from '../../database/expected-schema';
import { sleep } from './context';

/** An OutboxCommand row as the round-trip checks read it (§14). */
export interface OutboxRow {
  id: string;
  tenantId: string;
  /** The producing service's §1 name (CMD-2). */
  service: string;
  requestId: string;
  commandType: string;
  status: string;
  attempts: number;
  payload: Record<string, unknown>;
  fabricTxId: string | null;
  commitBlock: string | null;
  error: string | null;
  errorCode: string | null;
  nextAttemptAt: Date | null;
  updatedAt: Date;
  createdAt: Date;
}

/** The advisory (†) OutboxCommand columns: a deployment may lack them, and then they read as null. */
const ADVISORY = new Set(EXPECTED_TABLES.find((t) => t.name === 'OutboxCommand')!.columns.filter((c) => c.advisory).map((c) => c.name));
const selects = new WeakMap<pg.Pool, Promise<string>>();

/**
 * The select list of an OutboxRow on this database: advisory columns it lacks become nulls; a
 * missing contract column is left in, so the query fails and says so (a failure is evidence).
 */
export function outboxSelect(db: pg.Pool): Promise<string> {
  let select = selects.get(db);
  if (!select) {
    select = db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'OutboxCommand'`,
    ).then(({ rows }) => {
      const present = new Set(rows.map((r) => r.column_name));
      const col = (name: string, cast = '') => (ADVISORY.has(name) && !present.has(name) ? `NULL${cast || '::timestamptz'} AS "${name}"` : `"${name}"${cast} AS "${name}"`);
      return ['"id"', '"tenantId"', '"service"::text AS "service"', '"requestId"', col('commandType', '::text'), col('status', '::text'), '"attempts"', '"payload"', '"fabricTxId"', col('commitBlock', '::text'),
        '"error"', '"errorCode"', col('nextAttemptAt'), '"updatedAt"', '"createdAt"'].join(', ');
    });
    select.catch(() => selects.delete(db));
    selects.set(db, select);
  }
  return select;
}

export async function readRow(db: pg.Pool, id: string): Promise<OutboxRow | null> {
  const select = await outboxSelect(db);
  try {
    const { rows } = await db.query<OutboxRow>(`SELECT ${select} FROM "OutboxCommand" WHERE "id" = $1`, [id]);
    return rows[0] ?? null;
  } catch (error) {
    throw new Error(`reading OutboxCommand ${id} failed: ${(error as Error).message}`);
  }
}

/** One observation of the row while it moves through the §7.3 states. */
export interface RowSample { at: number; status: string; attempts: number; nextAttemptAt: Date | null; updatedAt: Date; errorCode: string | null }

export interface Watched {
  row: OutboxRow | null;
  /** Distinct (status, attempts) states in the order observed. */
  trail: RowSample[];
  /** When COMMITTED was first observed (ms since epoch). */
  committedSeenAt: number | null;
  timedOut: boolean;
}

export const TERMINAL = new Set(['COMMITTED', 'FAILED']);

/** Polls the row until it is terminal (or `stopWhen` says so) or `timeoutMs` passes; keeps every state change. */
export async function watchRow(db: pg.Pool, id: string, timeoutMs: number, opts: { everyMs?: number; stopWhen?: (row: OutboxRow) => boolean } = {}): Promise<Watched> {
  const deadline = Date.now() + timeoutMs;
  const trail: RowSample[] = [];
  let row: OutboxRow | null = null;
  let committedSeenAt: number | null = null;
  for (;;) {
    // Never swallowed: a query that fails is evidence, not a missing row.
    row = await readRow(db, id);
    if (row) {
      const last = trail[trail.length - 1];
      if (!last || last.status !== row.status || last.attempts !== row.attempts) {
        trail.push({ at: Date.now(), status: row.status, attempts: row.attempts, nextAttemptAt: row.nextAttemptAt, updatedAt: row.updatedAt, errorCode: row.errorCode });
      }
      if (row.status === 'COMMITTED' && committedSeenAt === null) committedSeenAt = Date.now();
      if (TERMINAL.has(row.status) || opts.stopWhen?.(row)) return { row, trail, committedSeenAt, timedOut: false };
    }
    if (Date.now() >= deadline) return { row, trail, committedSeenAt, timedOut: true };
    await sleep(opts.everyMs ?? 10);
  }
}

export const trailText = (trail: readonly RowSample[]) => trail.map((s) => `${s.status}#${s.attempts}`).join(' → ');

const ORDER = ['PENDING', 'LOCKED', 'SUBMITTED', 'COMMITTED'];

/** §7.3: within one attempt states only move forward; a retry (attempts + 1) starts again at PENDING. */
export function trailProblem(trail: readonly RowSample[]): string | null {
  let rank = -1;
  let attempts = -1;
  for (const s of trail) {
    const r = ORDER.indexOf(s.status);
    if (r < 0) return `unexpected status ${s.status}`;
    if (s.attempts !== attempts) rank = -1;
    if (r < rank) return `status went back from ${ORDER[rank]} to ${s.status} within attempt ${s.attempts}`;
    rank = r;
    attempts = s.attempts;
  }
  return null;
}
