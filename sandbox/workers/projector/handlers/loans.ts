import { z } from 'zod';
import { EffectError, statusValue, type EventHandler } from './context';
import { move, primaryWalletId } from './money';
import { amount, base, id, parser } from './schema';

const received = z.object({ ...base, loanId: id, borrowerId: id, amount, collateralHash: z.string().nullish(), purpose: z.string().nullish() });

export const LoanApplicationReceived: EventHandler<z.infer<typeof received>> = {
  parse: parser(received),
  async apply(ctx, p) {
    await ctx.q(
      `INSERT INTO "Loan" ("loanId", "tenantId", "borrowerId", "amount", "collateralHash", "purpose", "status", "appliedAt")
       VALUES ($1, $2, $3, $4::numeric, $5, $6, $7, $8) ON CONFLICT ("loanId") DO NOTHING`,
      [p.loanId, ctx.tenantId, p.borrowerId, p.amount, p.collateralHash || null, p.purpose ?? null, statusValue('PENDING_APPROVAL', ctx.faults), ctx.at],
    );
    return 'applied';
  },
};

const approved = z.object({ ...base, loanId: id, approvedBy: id, borrowerId: id, amount });

/** LoanApproved: loan ACTIVE, and the borrower's primary wallet is credited with a LOAN_DISBURSEMENT row. */
export const LoanApproved: EventHandler<z.infer<typeof approved>> = {
  parse: parser(approved),
  async apply(ctx, p) {
    const res = await ctx.q(
      `UPDATE "Loan" SET "status" = $2, "approvedBy" = $3, "approvedAt" = COALESCE("approvedAt", $4) WHERE "loanId" = $1`,
      [p.loanId, statusValue('ACTIVE', ctx.faults), p.approvedBy, ctx.at],
    );
    if (res.rowCount !== 1) throw new EffectError(`No loan ${p.loanId} in the read model`);
    const walletId = await primaryWalletId(ctx, p.borrowerId);
    await move(ctx, { walletId, type: 'LOAN_DISBURSEMENT', delta: p.amount, direction: 1, amount: p.amount });
    return 'applied';
  },
};
