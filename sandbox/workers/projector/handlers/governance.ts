import { z } from 'zod';
import { EffectError, statusValue, type EventHandler } from './context';
import { upsertParam } from './params';
import { base, id, parser } from './schema';

const submitted = z.object({
  ...base, proposalId: id, proposerId: id, targetParam: id, newValue: z.string(), endTime: z.string().nullish(),
  title: z.string().nullish(), description: z.string().nullish(), proposalType: z.string().nullish(),
});

export const ProposalSubmitted: EventHandler<z.infer<typeof submitted>> = {
  parse: parser(submitted),
  async apply(ctx, p) {
    await ctx.q(
      `INSERT INTO "Proposal" ("proposalId", "tenantId", "proposerId", "targetParam", "newValue", "endTime", "title", "description", "proposalType",
         "status", "votesFor", "votesAgainst", "voters", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, 0, '[]'::jsonb, $11, $11) ON CONFLICT ("proposalId") DO NOTHING`,
      [p.proposalId, ctx.tenantId, p.proposerId, p.targetParam, p.newValue, p.endTime ?? null, p.title ?? null, p.description ?? null,
        p.proposalType ?? null, statusValue('ACTIVE', ctx.faults), ctx.at],
    );
    return 'applied';
  },
};

const voted = z.object({ ...base, proposalId: id, voterId: id, support: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]) });

/** A voter counts once: a vote from someone already in voters changes nothing. */
export const VoteCast: EventHandler<z.infer<typeof voted>> = {
  parse: parser(voted),
  async apply(ctx, p) {
    const found = await ctx.q(`SELECT 1 FROM "Proposal" WHERE "proposalId" = $1`, [p.proposalId]);
    if (found.rows.length === 0) throw new EffectError(`No proposal ${p.proposalId} in the read model`);
    const column = p.support ? '"votesFor"' : '"votesAgainst"';
    // Fault `projector-counters-not-idempotent`: the voters set is not consulted, a replayed vote counts again.
    const guard = ctx.faults.isOn('projector-counters-not-idempotent') ? '' : 'AND NOT ("voters" @> $2::jsonb)';
    await ctx.q(
      `UPDATE "Proposal" SET "voters" = "voters" || $2::jsonb, ${column} = ${column} + 1, "updatedAt" = now()
        WHERE "proposalId" = $1 ${guard}`,
      [p.proposalId, JSON.stringify([p.voterId])],
    );
    return 'applied';
  },
};

const executed = z.object({ ...base, proposalId: id });

export const ProposalExecuted: EventHandler<z.infer<typeof executed>> = {
  parse: parser(executed),
  async apply(ctx, p) {
    const { rows } = await ctx.q<{ targetParam: string; newValue: string }>(
      `UPDATE "Proposal" SET "status" = $2, "executedAt" = COALESCE("executedAt", $3), "updatedAt" = now() WHERE "proposalId" = $1
       RETURNING "targetParam", "newValue"`,
      [p.proposalId, statusValue('EXECUTED', ctx.faults), ctx.at],
    );
    if (!rows[0]) throw new EffectError(`No proposal ${p.proposalId} in the read model`);
    await upsertParam(ctx, rows[0].targetParam, rows[0].newValue);
    return 'applied';
  },
};
