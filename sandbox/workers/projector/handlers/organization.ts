import { z } from 'zod';
import { statusValue, type EventHandler, updateOne } from './context';
import { amount, base, id, parser } from './schema';

const proposed = z.object({ ...base, orgId: id, orgName: z.string().min(1), orgType: z.string().min(1), stakeholderIds: z.array(id) });

export const OrganizationProposed: EventHandler<z.infer<typeof proposed>> = {
  parse: parser(proposed),
  async apply(ctx, p) {
    await ctx.q(
      `INSERT INTO "Organization" ("orgId", "tenantId", "orgName", "orgType", "status", "stakeholders", "endorsers", "authRules", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, '[]'::jsonb, '{}'::jsonb, $7, $7) ON CONFLICT ("orgId") DO NOTHING`,
      [p.orgId, ctx.tenantId, p.orgName, p.orgType, statusValue('PROPOSED', ctx.faults), JSON.stringify(p.stakeholderIds), ctx.at],
    );
    return 'applied';
  },
};

const endorsed = z.object({ ...base, orgId: id, endorserId: id });

/** Set semantics: an endorser already listed is not added again. */
export const MembershipEndorsed: EventHandler<z.infer<typeof endorsed>> = {
  parse: parser(endorsed),
  async apply(ctx, p) {
    return updateOne(ctx,
      `UPDATE "Organization" SET "endorsers" = CASE WHEN "endorsers" @> $2::jsonb THEN "endorsers" ELSE "endorsers" || $2::jsonb END, "updatedAt" = now()
        WHERE "orgId" = $1`,
      [p.orgId, JSON.stringify([p.endorserId])],
      `No organization ${p.orgId} in the read model`,
    );
  },
};

const activated = z.object({ ...base, orgId: id });

export const OrganizationActivated: EventHandler<z.infer<typeof activated>> = {
  parse: parser(activated),
  async apply(ctx, p) {
    return updateOne(ctx,
      `UPDATE "Organization" SET "status" = $2, "activatedAt" = COALESCE("activatedAt", $3), "updatedAt" = now() WHERE "orgId" = $1`,
      [p.orgId, statusValue('ACTIVE', ctx.faults), ctx.at],
      `No organization ${p.orgId} in the read model`,
    );
  },
};

const ruleDefined = z.object({
  ...base, orgId: id, ruleId: id, threshold: z.number().int().positive(), signers: z.array(id), amountThreshold: amount.nullish(),
});

export const AuthRuleDefined: EventHandler<z.infer<typeof ruleDefined>> = {
  parse: parser(ruleDefined),
  async apply(ctx, p) {
    const rule = { requiredApprovers: p.threshold, approverGroup: p.signers, amountThreshold: p.amountThreshold ?? null };
    return updateOne(ctx,
      `UPDATE "Organization" SET "authRules" = "authRules" || jsonb_build_object($2::text, $3::jsonb), "updatedAt" = now() WHERE "orgId" = $1`,
      [p.orgId, p.ruleId, JSON.stringify(rule)],
      `No organization ${p.orgId} in the read model`,
    );
  },
};

const initiated = z.object({
  ...base, txId: id, orgId: id, proposerId: id, operation: z.string().min(1),
  params: z.object({ toUserId: id, amount, remark: z.string().nullish() }), requiredSignatures: z.number().int().positive(), ruleId: id.nullish(),
});

export const MultiSigTxInitiated: EventHandler<z.infer<typeof initiated>> = {
  parse: parser(initiated),
  async apply(ctx, p) {
    await ctx.q(
      `INSERT INTO "MultiSigTransaction" ("txId", "tenantId", "orgId", "proposerId", "operation", "params", "ruleId", "status", "requiredSignatures",
         "currentSignatures", "approvers", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, 0, '[]'::jsonb, $10, $10) ON CONFLICT ("txId") DO NOTHING`,
      [p.txId, ctx.tenantId, p.orgId, p.proposerId, p.operation, JSON.stringify(p.params), p.ruleId ?? null,
        statusValue('PENDING', ctx.faults), p.requiredSignatures, ctx.at],
    );
    return 'applied';
  },
};

const approved = z.object({ ...base, txId: id, approverId: id });

export const MultiSigTxApproved: EventHandler<z.infer<typeof approved>> = {
  parse: parser(approved),
  async apply(ctx, p) {
    return updateOne(ctx,
      // Fault `projector-counters-not-idempotent`: the approvers set is not consulted, a replayed approval counts again.
      `UPDATE "MultiSigTransaction" m SET "approvers" = a.next, "currentSignatures" = jsonb_array_length(a.next), "updatedAt" = now()
         FROM (SELECT "txId", CASE WHEN "approvers" @> $2::jsonb AND NOT $3::boolean THEN "approvers" ELSE "approvers" || $2::jsonb END AS next
                 FROM "MultiSigTransaction" WHERE "txId" = $1) a
        WHERE m."txId" = a."txId"`,
      [p.txId, JSON.stringify([p.approverId]), ctx.faults.isOn('projector-counters-not-idempotent')],
      `No multi-signature transaction ${p.txId} in the read model`,
    );
  },
};

const executed = z.object({ ...base, txId: id });

/** Funds move through the TransferCompleted event of the same ledger transaction, not here. */
export const MultiSigTxExecuted: EventHandler<z.infer<typeof executed>> = {
  parse: parser(executed),
  async apply(ctx, p) {
    return updateOne(ctx,
      `UPDATE "MultiSigTransaction" SET "status" = $2, "executedAt" = COALESCE("executedAt", $3), "updatedAt" = now() WHERE "txId" = $1`,
      [p.txId, statusValue('EXECUTED', ctx.faults), ctx.at],
      `No multi-signature transaction ${p.txId} in the read model`,
    );
  },
};
