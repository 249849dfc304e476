import type pg from 'pg';

/** Targeted read-model queries (§14) the round-trip checks compare against §8.2. */

export interface WalletRow { walletId: string; profileId: string; primaryAccountId: string; cachedBalance: string; isFrozen: boolean }
export interface TxRow { onChainTxId: string; tenantId: string; walletId: string; type: string; counterparty: string | null; amount: string; fee: string; remark: string | null; timestamp: Date; blockNumber: string | null }

export async function walletOf(db: pg.Pool, profileId: string): Promise<WalletRow | null> {
  const { rows } = await db.query<WalletRow>(
    `SELECT "walletId", "profileId", "primaryAccountId", "cachedBalance"::text AS "cachedBalance", "isFrozen"
       FROM "Wallet" WHERE "profileId" = $1 AND "deletedAt" IS NULL ORDER BY "createdAt" LIMIT 1`,
    [profileId],
  );
  return rows[0] ?? null;
}

export async function balanceOf(db: pg.Pool, profileId: string): Promise<string> {
  const wallet = await walletOf(db, profileId);
  if (!wallet) throw new Error(`no wallet for ${profileId} in the read model`);
  return wallet.cachedBalance;
}

export async function txRows(db: pg.Pool, walletId: string, type: string, remark?: string): Promise<TxRow[]> {
  const { rows } = await db.query<TxRow>(
    `SELECT "onChainTxId", "tenantId", "walletId", "type"::text AS "type", "counterparty", "amount"::text AS "amount", "fee"::text AS "fee", "remark", "timestamp", "blockNumber"::text AS "blockNumber"
       FROM "Transaction" WHERE "walletId" = $1 AND "type"::text = $2 AND ($3::text IS NULL OR "remark" = $3) ORDER BY "timestamp"`,
    [walletId, type, remark ?? null],
  );
  return rows;
}

export async function one<T extends Record<string, unknown>>(db: pg.Pool, sql: string, params: unknown[]): Promise<T | null> {
  const { rows } = await db.query<T>(sql, params);
  return rows[0] ?? null;
}

export async function param(db: pg.Pool, tenantId: string, key: string): Promise<string | null> {
  const row = await one<{ paramValue: string }>(db, `SELECT "paramValue" FROM "SystemParameter" WHERE "tenantId" = $1 AND "paramKey" = $2`, [tenantId, key]);
  return row?.paramValue ?? null;
}

/** Collects "field: expected X, got Y" problems. */
export class Expect {
  readonly problems: string[] = [];
  eq(what: string, got: unknown, want: unknown): this {
    if (canonical(got) !== canonical(want)) this.problems.push(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    return this;
  }
  ok(what: string, cond: boolean, detail = ''): this {
    if (!cond) this.problems.push(`${what}${detail ? ` (${detail})` : ''}`);
    return this;
  }
}

/** JSON with object keys sorted: jsonb does not keep key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
    : v));
}
