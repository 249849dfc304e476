import type pg from 'pg';
import type { FaultSwitchboard } from '../../faults/switchboard';
import { writeCheckpoint, type ProjectorKey } from './checkpoint';
import type { LedgerEvent } from './event';
import { handlerFor, PayloadError, type Outcome, type Query } from './handlers';

/** Thrown when the projector is killed mid-event: the open transaction is rolled back, as a crash would. */
export class Killed extends Error {}

export type ApplyResult = Outcome | 'dropped';

export interface ApplyOptions {
  pool: pg.Pool;
  key: ProjectorKey;
  faults: FaultSwitchboard;
  /** True once the projector is being killed; checked after every statement. */
  killed: () => boolean;
}

function decode(event: LedgerEvent): unknown {
  try {
    return JSON.parse(Buffer.from(event.payload).toString('utf8'));
  } catch {
    throw new PayloadError(`${event.name} payload is not JSON`);
  }
}

/** Run `work` in one transaction on one connection; a kill or error rolls it back. */
async function inTransaction<T>(opts: ApplyOptions, work: (q: Query) => Promise<T>): Promise<T> {
  const client = await opts.pool.connect();
  try {
    await client.query('BEGIN');
    const q: Query = async (sql, params) => {
      const res = await client.query(sql, params as unknown[]);
      if (opts.killed()) throw new Killed('projector killed');
      return { rows: res.rows, rowCount: res.rowCount };
    };
    const result = await work(q);
    if (opts.killed()) throw new Killed('projector killed');
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Apply one event exactly once (PROJ-3): its read-model effect and the checkpoint in ONE
 * transaction. Unknown names advance the checkpoint only (PROJ-6). A payload that violates the
 * catalog throws (PROJ-5: the caller retries and never skips), except with fault
 * `projector-skip-validation-drop`, which drops it and moves on. Fault `projector-checkpoint-early`
 * commits the checkpoint first, in its own transaction.
 */
export async function applyEvent(event: LedgerEvent, opts: ApplyOptions): Promise<ApplyResult> {
  const position = { block: event.block, index: event.index };
  // Fault projector-drops-effects: an empty handler registry, so every event takes the
  // unknown-name path and only advances the checkpoint.
  const handler = opts.faults.isOn('projector-drops-effects') ? undefined : handlerFor(event.name);
  let payload: unknown;
  let parsed: unknown;
  try {
    payload = handler ? decode(event) : undefined;
    parsed = handler ? handler.parse(payload, opts.faults) : undefined;
  } catch (err) {
    if (err instanceof PayloadError && opts.faults.isOn('projector-skip-validation-drop')) {
      await inTransaction(opts, (q) => writeCheckpoint({ query: q }, opts.key, position));
      return 'dropped';
    }
    throw err;
  }
  if (!handler) {
    // Fault projector-retries-unknown-event: a name outside the catalog fails like a bad payload
    // and is retried for ever, stalling the projector at it (PROJ-6 wants it acknowledged).
    if (opts.faults.isOn('projector-retries-unknown-event') && !opts.faults.isOn('projector-drops-effects')) throw new PayloadError(`unknown event name ${event.name}`);
    await inTransaction(opts, (q) => writeCheckpoint({ query: q }, opts.key, position));
    return 'ignored';
  }
  const at = timestampOf(payload, event, opts.faults);
  const early = opts.faults.isOn('projector-checkpoint-early');
  if (early) await inTransaction(opts, (q) => writeCheckpoint({ query: q }, opts.key, position));
  return inTransaction(opts, async (q) => {
    const outcome = await handler.apply({ q, tenantId: opts.key.tenantId, txId: event.txId, block: event.block, at, faults: opts.faults, own: (work) => inTransaction(opts, work) }, parsed);
    if (!early) await writeCheckpoint({ query: q }, opts.key, position);
    return outcome;
  });
}

/** PROJ-7: the ledger transaction time carried in the payload; the arrival time only when a ledger sends none. */
function timestampOf(payload: unknown, event: LedgerEvent, faults: ApplyOptions['faults']): Date {
  // Fault projector-processing-time: the time the event is applied instead of the ledger's.
  if (faults.isOn('projector-processing-time')) return new Date();
  const ts = (payload as { timestamp?: unknown } | null)?.timestamp;
  const parsed = typeof ts === 'string' ? new Date(ts) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : new Date(event.receivedAt);
}
