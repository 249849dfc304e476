import type pg from 'pg';

/**
 * A wallet's balance and the effect of its Transaction rows, read in one statement (one MVCC
 * snapshot), so "balance now = balance then + effect of the rows added since" can be checked
 * while other activity goes on.
 */

export interface BalanceSnapshot { balance: string; rowIds: string[] }

export async function snapshot(client: pg.Client, walletId: string): Promise<BalanceSnapshot> {
  const { rows } = await client.query<{ balance: string; ids: string[] }>(
    `SELECT w."cachedBalance"::text AS balance,
            array(SELECT t."offTxId" FROM "Transaction" t WHERE t."walletId" = w."walletId") AS ids
     FROM "Wallet" w WHERE w."walletId" = $1`, [walletId]);
  if (!rows[0]) throw new Error(`wallet ${walletId} not found in the read model`);
  return { balance: rows[0].balance, rowIds: rows[0].ids };
}

export interface Reconciliation { before: string; after: string; delta: string; consistent: boolean; newRows: number }

/** Compares the balance now with `before` plus the signed amounts of the rows added since. */
export async function reconcile(client: pg.Client, walletId: string, before: BalanceSnapshot): Promise<Reconciliation> {
  const { rows } = await client.query<{ after: string; delta: string; consistent: boolean; n: string }>(
    `WITH added AS (
       SELECT t.* FROM "Transaction" t WHERE t."walletId" = $1 AND NOT (t."offTxId" = ANY($2::text[]))
     ), effect AS (
       SELECT COALESCE(SUM(CASE
         WHEN a.type::text IN ('RECEIVED', 'GENESIS', 'LOAN_DISBURSEMENT', 'MINT') THEN a.amount
         WHEN a.type::text = 'SENT' THEN -(a.amount + a.fee)
         ELSE -a.amount END), 0) AS delta, count(*) AS n FROM added a
     )
     SELECT w."cachedBalance"::text AS after, e.delta::text AS delta, e.n::text AS n,
            w."cachedBalance" = $3::numeric + e.delta AS consistent
     FROM "Wallet" w, effect e WHERE w."walletId" = $1`, [walletId, before.rowIds, before.balance]);
  const r = rows[0];
  return { before: before.balance, after: r.after, delta: r.delta, consistent: r.consistent, newRows: Number(r.n) };
}
