import { z } from 'zod';
import type { EventHandler } from './context';
import { move, primaryWalletId, walletIdOfAccount } from './money';
import { amount, base, id, parser, parseWith } from './schema';

const transferSchema = z.object({ ...base, fromUserId: id, toUserId: id, amount, fee: amount, remark: z.string().nullish() });
/** Fault `projector-skip-validation-drop`: an over-strict schema (whole-token amounts, no fee) that real transfers fail. */
const strictTransferSchema = transferSchema.extend({ amount: z.string().regex(/^\d+$/), fee: z.literal('0') });

/** TransferCompleted: sender − (amount + fee) with a SENT row, receiver + amount with a RECEIVED row. */
export const TransferCompleted: EventHandler<z.infer<typeof transferSchema>> = {
  parse: (payload, faults) => parseWith(faults.isOn('projector-skip-validation-drop') ? strictTransferSchema : transferSchema, payload),
  async apply(ctx, p) {
    const from = await primaryWalletId(ctx, p.fromUserId);
    const to = await primaryWalletId(ctx, p.toUserId);
    const total = (await ctx.q<{ total: string }>('SELECT ($1::numeric + $2::numeric)::text AS total', [p.amount, p.fee])).rows[0].total;
    const debit = { walletId: from, type: 'SENT', delta: total, direction: -1, amount: p.amount, fee: p.fee, counterparty: p.toUserId, remark: p.remark } as const;
    // Fault projector-split-transfer: the debit commits in its own transaction before the credit (PROJ-8).
    if (ctx.faults.isOn('projector-split-transfer')) await ctx.own((q) => move({ ...ctx, q }, debit));
    else await move(ctx, debit);
    await move(ctx, { walletId: to, type: 'RECEIVED', delta: p.amount, direction: 1, amount: p.amount, counterparty: p.fromUserId, remark: p.remark });
    return 'applied';
  },
};

const genesisSchema = z.object({ ...base, userId: id, amount, tier: z.string().min(1) });

export const GenesisDistributed: EventHandler<z.infer<typeof genesisSchema>> = {
  parse: parser(genesisSchema),
  async apply(ctx, p) {
    const walletId = await primaryWalletId(ctx, p.userId);
    await move(ctx, { walletId, type: 'GENESIS', delta: p.amount, direction: 1, amount: p.amount, remark: p.tier });
    return 'applied';
  },
};

const taxSchema = z.object({ ...base, accountId: id, taxAmount: amount, taxRateBps: z.union([z.number().int(), z.string().regex(/^\d+$/)]) });

export const VelocityTaxApplied: EventHandler<z.infer<typeof taxSchema>> = {
  parse: parser(taxSchema),
  async apply(ctx, p) {
    const walletId = await walletIdOfAccount(ctx, p.accountId);
    await move(ctx, { walletId, type: 'TAX', delta: p.taxAmount, direction: -1, amount: p.taxAmount });
    return 'applied';
  },
};
