import type { HandlerContext } from './context';

export async function upsertParam(ctx: HandlerContext, key: string, value: string, onlyIfAbsent = false): Promise<void> {
  await ctx.q(
    `INSERT INTO "SystemParameter" ("tenantId", "paramKey", "paramValue", "updatedAt") VALUES ($1, $2, $3, now())
     ON CONFLICT ("tenantId", "paramKey") ${onlyIfAbsent ? 'DO NOTHING' : 'DO UPDATE SET "paramValue" = EXCLUDED."paramValue", "updatedAt" = now()'}`,
    [ctx.tenantId, key, value],
  );
}

export async function deleteParam(ctx: HandlerContext, key: string): Promise<void> {
  await ctx.q(`DELETE FROM "SystemParameter" WHERE "tenantId" = $1 AND "paramKey" = $2`, [ctx.tenantId, key]);
}
