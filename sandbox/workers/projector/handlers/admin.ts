import { z } from 'zod';
import type { EventHandler } from './context';
import { deleteParam, upsertParam } from './params';
import { base, id, parser } from './schema';

const empty = z.object({ ...base });

export const SystemBootstrapped: EventHandler<z.infer<typeof empty>> = {
  parse: parser(empty),
  async apply(ctx) {
    await upsertParam(ctx, 'SYSTEM_BOOTSTRAPPED', 'true');
    await upsertParam(ctx, 'SYSTEM_STATUS', 'ACTIVE', true);
    return 'applied';
  },
};

const country = z.object({ ...base, countryCode: z.string().regex(/^[A-Za-z]{2}$/), countryName: z.string().min(1), region: z.string().nullish() });

export const CountryDataInitialized: EventHandler<z.infer<typeof country>> = {
  parse: parser(country),
  async apply(ctx, p) {
    const cc = p.countryCode.toUpperCase();
    await ctx.q(
      `INSERT INTO "Country" ("countryCode", "countryName", "region") VALUES ($1, $2, $3)
       ON CONFLICT ("countryCode") DO UPDATE SET "countryName" = EXCLUDED."countryName", "region" = EXCLUDED."region"`,
      [cc, p.countryName, p.region ?? null],
    );
    await upsertParam(ctx, `COUNTRY_${cc}_INITIALIZED`, 'true');
    return 'applied';
  },
};

const paramUpdated = z.object({ ...base, paramKey: id, paramValue: z.string() });

export const SystemParameterUpdated: EventHandler<z.infer<typeof paramUpdated>> = {
  parse: parser(paramUpdated),
  async apply(ctx, p) {
    await upsertParam(ctx, p.paramKey, p.paramValue);
    return 'applied';
  },
};

const paused = z.object({ ...base, reason: z.string() });

export const SystemPaused: EventHandler<z.infer<typeof paused>> = {
  parse: parser(paused),
  async apply(ctx, p) {
    await upsertParam(ctx, 'SYSTEM_STATUS', 'PAUSED');
    await upsertParam(ctx, 'SYSTEM_PAUSE_REASON', p.reason);
    return 'applied';
  },
};

export const SystemResumed: EventHandler<z.infer<typeof empty>> = {
  parse: parser(empty),
  async apply(ctx) {
    await upsertParam(ctx, 'SYSTEM_STATUS', 'ACTIVE');
    await deleteParam(ctx, 'SYSTEM_PAUSE_REASON');
    return 'applied';
  },
};

const appointed = z.object({ ...base, adminId: id });

export const AdminAppointed: EventHandler<z.infer<typeof appointed>> = {
  parse: parser(appointed),
  async apply(ctx, p) {
    await ctx.q(`UPDATE "UserProfile" SET "role" = 'ADMIN', "updatedAt" = now() WHERE "profileId" = $1 AND "role" <> 'SUPER_ADMIN'`, [p.adminId]);
    return 'applied';
  },
};

const treasury = z.object({ ...base, countryCode: z.string().regex(/^[A-Za-z]{2}$/) });

export const TreasuryActivated: EventHandler<z.infer<typeof treasury>> = {
  parse: parser(treasury),
  async apply(ctx, p) {
    await upsertParam(ctx, `TREASURY_${p.countryCode.toUpperCase()}_STATUS`, 'ACTIVE');
    return 'applied';
  },
};
