import type pg from 'pg';
import { bigintString, isoTime, money } from '../kit';
import type { FaultSwitchboard } from '../../faults/switchboard';

export interface WalletRow {
  walletId: string;
  profileId: string;
  primaryAccountId: string;
  cachedBalance: string;
  isFrozen: boolean;
  updatedAt: Date;
}

const WALLET_COLUMNS = `"walletId","profileId","primaryAccountId","cachedBalance","isFrozen","updatedAt"`;

/**
 * TOK-1: the earliest created, non-deleted wallet of a profile in the tenant. Faults only:
 * `newest` (`primary-wallet-newest`), tenantId null (`balance-any-tenant`, every tenant's wallets).
 */
export async function primaryWallet(db: pg.Pool, tenantId: string | null, profileId: string, newest = false): Promise<WalletRow | null> {
  const { rows } = await db.query<WalletRow>(
    `SELECT ${WALLET_COLUMNS} FROM "Wallet" WHERE ($1::text IS NULL OR "tenantId" = $1) AND "profileId" = $2 AND "deletedAt" IS NULL
      ORDER BY "createdAt"${newest ? ' DESC' : ''}, "walletId" LIMIT 1`,
    [tenantId, profileId],
  );
  return rows[0] ?? null;
}

export async function walletById(db: pg.Pool, tenantId: string, walletId: string): Promise<WalletRow | null> {
  const { rows } = await db.query<WalletRow>(
    `SELECT ${WALLET_COLUMNS} FROM "Wallet" WHERE "tenantId" = $1 AND "walletId" = $2 AND "deletedAt" IS NULL`,
    [tenantId, walletId],
  );
  return rows[0] ?? null;
}

export async function hasGenesis(db: pg.Pool, walletId: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM "Transaction" WHERE "walletId" = $1 AND "type" = 'GENESIS' LIMIT 1`, [walletId]);
  return rows.length > 0;
}

interface TxRow {
  offTxId: string;
  onChainTxId: string;
  walletId: string;
  type: string;
  counterparty: string | null;
  amount: string;
  fee: string;
  remark: string | null;
  timestamp: Date;
  blockNumber: string | null;
}

/**
 * #5: a page of the wallet's transactions, newest first with offTxId as tie-break (TOK-4).
 * Fault `bigint-500` hands JSON a raw BigInt blockNumber, which cannot be serialized.
 */
export async function transactionsPage(db: pg.Pool, faults: FaultSwitchboard, walletId: string, limit: number, offset: number | string) {
  const select = `SELECT "offTxId","onChainTxId","walletId","type","counterparty","amount","fee","remark","timestamp","blockNumber"
       FROM "Transaction" WHERE "walletId" = $1 ORDER BY "timestamp" DESC, "offTxId" DESC LIMIT $2`;
  // A string offset only arrives under fault `sqli-search` (validation bypassed): concatenated, as the bug does.
  const { rows } = typeof offset === 'string'
    ? await db.query<TxRow>(`${select} OFFSET ${offset}`, [walletId, limit])
    // Fault `paging-offset-ignored`: every page starts at the first row.
    : await db.query<TxRow>(`${select} OFFSET $3`, [walletId, limit, faults.isOn('paging-offset-ignored') ? 0 : offset]);
  const rawBigint = faults.isOn('bigint-500');
  return rows.map((t) => ({
    offTxId: t.offTxId,
    onChainTxId: t.onChainTxId,
    walletId: t.walletId,
    type: t.type,
    counterparty: t.counterparty,
    amount: money(t.amount),
    fee: money(t.fee),
    remark: t.remark,
    timestamp: isoTime(t.timestamp),
    blockNumber: rawBigint && t.blockNumber !== null ? BigInt(t.blockNumber) : bigintString(t.blockNumber),
  }));
}
