import type { Network } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import type pg from 'pg';
import { classifyLedgerError, validationCodeName } from './ledger-errors';

export interface StaleRow {
  id: string;
  fabricTxId: string | null;
  lockedAt: Date;
  attempts: number;
}

export type TxLookup = { found: true; valid: boolean; code: string; block: bigint } | { found: false } | { unavailable: true; error: string };

/** Ask the peer's qscc what became of a transaction id (the real Fabric way to look up an old transaction). */
export async function lookupTransaction(network: Network, channel: string, txId: string): Promise<TxLookup> {
  const qscc = network.getContract('qscc');
  try {
    const processed = peer.ProcessedTransaction.deserializeBinary(await qscc.evaluateTransaction('GetTransactionByID', channel, txId));
    const block = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByTxID', channel, txId));
    const code = processed.getValidationcode();
    return { found: true, valid: code === peer.TxValidationCode.VALID, code: validationCodeName(code), block: BigInt(block.getHeader()?.getNumber() ?? 0) };
  } catch (err) {
    const failure = classifyLedgerError(err);
    if (!failure.unavailable && /no such transaction ID/i.test(failure.error)) return { found: false };
    return { unavailable: true, error: failure.error };
  }
}

/**
 * OUT-3 / §7.3 last row: rows LOCKED or SUBMITTED for longer than the lock timeout (their worker
 * died or lost the commit status). With a recorded fabricTxId the ledger decides; without one, or
 * when the ledger never saw it, the attempt counts as failed with errorCode LOCK_TIMEOUT.
 * Each row is resolved under a row lock, conditioned on the lockedAt that was seen.
 */
export async function resolveStaleLocks(
  db: pg.Pool,
  tenantId: string,
  lockTimeoutMs: number,
  lookup: (txId: string) => Promise<TxLookup>,
  fail: (client: pg.PoolClient, row: StaleRow, errorCode: string, error: string) => Promise<void>,
  /** Only rows a given worker id locked before a given time (a restarted worker's own orphans). */
  only?: { lockedBy: string; lockedBefore: Date },
): Promise<number> {
  const client = await db.connect();
  let resolved = 0;
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<StaleRow>(
      `SELECT "id", "fabricTxId", "lockedAt", "attempts" FROM "OutboxCommand"
        WHERE "tenantId" = $1 AND "status" IN ('LOCKED', 'SUBMITTED') AND "lockedAt" < now() - make_interval(secs => $2::double precision / 1000)
          AND ($3::text IS NULL OR ("lockedBy" = $3 AND "lockedAt" < $4))
        ORDER BY "lockedAt" LIMIT 50 FOR UPDATE SKIP LOCKED`,
      [tenantId, lockTimeoutMs, only?.lockedBy ?? null, only?.lockedBefore ?? null],
    );
    for (const row of rows) {
      if (!row.fabricTxId) {
        await fail(client, row, 'LOCK_TIMEOUT', `Lock held longer than ${lockTimeoutMs} ms before the transaction was sent`);
        resolved++;
        continue;
      }
      const found = await lookup(row.fabricTxId);
      if ('unavailable' in found) continue; // ask again on the next poll
      if (found.found && found.valid) {
        await client.query(
          `UPDATE "OutboxCommand" SET "status" = 'COMMITTED', "commitBlock" = $2, "lockedBy" = NULL, "lockedAt" = NULL,
                  "error" = NULL, "errorCode" = NULL, "updatedAt" = now() WHERE "id" = $1`,
          [row.id, String(found.block)],
        );
      } else if (found.found) {
        await fail(client, row, found.code, `Transaction ${row.fabricTxId} committed invalid in block ${found.block}: ${found.code}`);
      } else {
        await fail(client, row, 'LOCK_TIMEOUT', `Transaction ${row.fabricTxId} is not on the ledger ${lockTimeoutMs} ms after it was locked`);
      }
      resolved++;
    }
    await client.query('COMMIT');
    return resolved;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
