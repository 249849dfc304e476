import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CheckSkipped, type CheckContext } from '../../../../src/checks/define';
import { FabricClient, type LedgerEvent } from '../../../../src/clients/fabric';
import { newServerTimes, type ServerTimes } from './write-time';

/**
 * What one round-trip check works with: a small database pool (read model and outbox rows), the
 * ledger client when the profile has a `fabric` section, and a fresh id prefix for the data it
 * creates (`gxv-rt-<run>-<random>`), so checks never share objects.
 */
export interface RoundTrip {
  ctx: CheckContext;
  db: pg.Pool;
  fabric: FabricClient | null;
  prefix: string;
  /** Lag samples (ms) per command type, from ledger commit to read-model change. */
  lags: Map<string, number[]>;
  /**
   * When each transaction's first chaincode event reached this check's own live ChaincodeEvents
   * listener (started at the ledger height when the check began): the commit as a client of the
   * network observes it, since a peer delivers events only for committed blocks. Empty without `fabric`.
   */
  commits: Map<string, number>;
  /** ms from a command's 202 to its commit (listener arrival): ledger time, reported beside the lag, not judged. */
  commitLatencies: number[];
  /** The events the live listener received, by transaction id. */
  events: Map<string, LedgerEvent[]>;
  /** The same round trips timed on the deployment's own clocks (write-time.ts). */
  server: ServerTimes;
}

/** The arrival time of `txId`'s events on the live listener, waiting up to `timeoutMs`; null if never seen. */
export async function commitSeenAt(rt: RoundTrip, txId: string, timeoutMs = 2_000): Promise<number | null> {
  if (!rt.fabric) return null;
  const deadline = Date.now() + timeoutMs;
  while (!rt.commits.has(txId) && Date.now() < deadline) await sleep(5);
  return rt.commits.get(txId) ?? null;
}

export async function withRoundTrip<T>(ctx: CheckContext, label: string, task: (rt: RoundTrip) => Promise<T>): Promise<T> {
  if (!ctx.target.database) throw new Error('round-trip checks need the profile database section');
  const db = new pg.Pool({ connectionString: ctx.target.database.url, max: 8, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 5_000, allowExitOnIdle: true });
  db.on('error', () => undefined);
  if (ctx.target.workersExternal) {
    // Workers out of sight: the outbox is all there is to watch, so it must exist.
    const { rows } = await db.query<{ t: string | null }>(`SELECT to_regclass('"OutboxCommand"')::text AS t`).catch(async (error) => { await db.end(); throw error; });
    if (!rows[0].t) {
      await db.end().catch(() => undefined);
      throw new CheckSkipped('Needs the outbox: the profile declares `workers: external`, but the database has no "OutboxCommand" table to watch.');
    }
  }
  const fabric = ctx.target.fabric ? FabricClient.connect(ctx.target.fabric) : null;
  const run = ctx.runId.toLowerCase().replace(/[^a-z0-9]/g, '').slice(-8) || 'run';
  const prefix = `gxv-rt-${run}-${label}-${randomBytes(3).toString('hex')}`;
  const commits = new Map<string, number>();
  const events = new Map<string, LedgerEvent[]>();
  let listener: { close(): void } | undefined;
  try {
    if (fabric) {
      const height = await fabric.height();
      listener = fabric.listen(height, (e, at) => {
        if (!commits.has(e.txId)) commits.set(e.txId, at);
        events.set(e.txId, [...(events.get(e.txId) ?? []), e]);
      });
    }
    return await task({ ctx, db, fabric, prefix, lags: new Map(), commits, events, commitLatencies: [], server: newServerTimes() });
  } finally {
    listener?.close();
    fabric?.close();
    await db.end().catch(() => undefined);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` every `everyMs` until it returns true; the time it first did, or null on timeout.
 * A probe that throws is polled again (the row may not exist yet), but when its last attempt
 * failed the error is thrown rather than read as "not yet": a failing query is evidence.
 */
export async function until(probe: () => Promise<boolean>, timeoutMs: number, everyMs = 10, stop?: () => boolean): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: Error | null = null;
    const held = await probe().catch((error: Error) => { failure = error; return false; });
    if (held) return Date.now();
    if (Date.now() >= deadline || stop?.()) {
      if (failure) throw new Error(`${(failure as Error).message} (the read kept failing until it gave up after ${Math.round(timeoutMs / 1000)} s)`);
      return null;
    }
    await sleep(everyMs);
  }
}
