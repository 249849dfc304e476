import { createId } from '@paralleldrive/cuid2';
import { EffectError, type HandlerContext } from './context';

export type TxType = 'SENT' | 'RECEIVED' | 'MINT' | 'TAX' | 'LOAN_DISBURSEMENT' | 'LOAN_REPAYMENT' | 'GENESIS';

/** TOK-1 primary wallet of a profile: its earliest wallet in the tenant. */
export async function primaryWalletId(ctx: HandlerContext, profileId: string): Promise<string> {
  const { rows } = await ctx.q<{ walletId: string }>(
    `SELECT "walletId" FROM "Wallet" WHERE "tenantId" = $1 AND "profileId" = $2 AND "deletedAt" IS NULL ORDER BY "createdAt", "walletId" LIMIT 1`,
    [ctx.tenantId, profileId],
  );
  if (!rows[0]) throw new EffectError(`No wallet for ${profileId} in the read model`);
  return rows[0].walletId;
}

export async function walletIdOfAccount(ctx: HandlerContext, accountId: string): Promise<string> {
  const { rows } = await ctx.q<{ walletId: string }>(
    `SELECT "walletId" FROM "Wallet" WHERE "tenantId" = $1 AND "primaryAccountId" = $2 AND "deletedAt" IS NULL`,
    [ctx.tenantId, accountId],
  );
  if (!rows[0]) throw new EffectError(`No wallet with account ${accountId} in the read model`);
  return rows[0].walletId;
}

export interface Movement {
  walletId: string;
  type: TxType;
  /** Signed change of cachedBalance, as a decimal SQL expression parameter. */
  delta: string;
  direction: 1 | -1;
  amount: string;
  fee?: string;
  counterparty?: string | null;
  remark?: string | null;
}

/**
 * One balance change and its Transaction row, idempotent on the natural key onChainTxId =
 * `<txId>:<TYPE>` (PROJ-3, PROJ-10): the balance moves only when the row is new. Fault
 * `projector-double-apply` upserts the row and moves the balance every time.
 */
const HARDCODED_TENANT = 'gx';

/** The row's natural key; fault `projector-txid-per-apply` adds a fresh suffix each time the event is applied. */
function onChainTxId(ctx: HandlerContext, type: TxType): string {
  return ctx.faults.isOn('projector-txid-per-apply') ? `${ctx.txId}:${type}:${createId()}` : `${ctx.txId}:${type}`;
}

export async function move(ctx: HandlerContext, m: Movement): Promise<void> {
  const doubleApply = ctx.faults.isOn('projector-double-apply');
  const inserted = await ctx.q(
    `INSERT INTO "Transaction" ("offTxId", "tenantId", "onChainTxId", "walletId", "type", "counterparty", "amount", "fee", "remark", "timestamp", "blockNumber")
     VALUES ($1, $2, $3, $4, $5::"OffChainTxType", $6, $7::numeric, $8::numeric, $9, $10, $11)
     ON CONFLICT ("tenantId", "onChainTxId") ${doubleApply ? 'DO UPDATE SET "amount" = EXCLUDED."amount"' : 'DO NOTHING'}
     RETURNING "offTxId"`,
    // Fault projector-hardcoded-tenant: rows stamped with a built-in tenant, not TENANT_ID (PROJ-1).
    [createId(), ctx.faults.isOn('projector-hardcoded-tenant') ? HARDCODED_TENANT : ctx.tenantId, onChainTxId(ctx, m.type), m.walletId, m.type, m.counterparty ?? null, m.amount, m.fee ?? '0',
      m.remark ? m.remark : null, ctx.at, String(ctx.block)],
  );
  if (inserted.rowCount === 0) return; // replayed event: already applied
  const res = await ctx.q(
    `UPDATE "Wallet" SET "cachedBalance" = "cachedBalance" + ($2::numeric * $3), "updatedAt" = now() WHERE "walletId" = $1`,
    [m.walletId, m.delta, m.direction],
  );
  if (res.rowCount !== 1) throw new EffectError(`Wallet ${m.walletId} vanished`);
}
