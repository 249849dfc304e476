import { z } from 'zod';
import type { EventHandler } from './context';
import { amount, base, id, parser } from './schema';

const createdSchema = z.object({ ...base, walletId: id, userId: id, accountId: id, walletName: z.string().nullish(), initialBalance: amount.nullish() });

/** WalletCreated: insert the wallet once (walletId is the natural key). */
export const WalletCreated: EventHandler<z.infer<typeof createdSchema>> = {
  parse: parser(createdSchema),
  async apply(ctx, p) {
    await ctx.q(
      `INSERT INTO "Wallet" ("walletId", "tenantId", "profileId", "primaryAccountId", "walletName", "cachedBalance", "isFrozen", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6::numeric, false, $7, $7) ON CONFLICT DO NOTHING`,
      [p.walletId, ctx.tenantId, p.userId, p.accountId, p.walletName ?? null, p.initialBalance ?? '0', ctx.at],
    );
    return 'applied';
  },
};

const frozenSchema = z.object({ ...base, userId: id, reason: z.string().nullish() });
const unfrozenSchema = z.object({ ...base, userId: id });

async function setFrozen(ctx: Parameters<EventHandler['apply']>[0], userId: string, frozen: boolean) {
  await ctx.q(`UPDATE "Wallet" SET "isFrozen" = $3, "updatedAt" = now() WHERE "tenantId" = $1 AND "profileId" = $2`, [ctx.tenantId, userId, frozen]);
  return 'applied' as const;
}

export const WalletFrozen: EventHandler<z.infer<typeof frozenSchema>> = {
  parse: parser(frozenSchema),
  apply: (ctx, p) => setFrozen(ctx, p.userId, true),
};

export const WalletUnfrozen: EventHandler<z.infer<typeof unfrozenSchema>> = {
  parse: parser(unfrozenSchema),
  apply: (ctx, p) => setFrozen(ctx, p.userId, false),
};
