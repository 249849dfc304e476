import { z } from 'zod';
import { type EventHandler, type HandlerContext, updateOne } from './context';
import { base, id, parser } from './schema';

const createdSchema = z.object({ ...base, userId: id, countryCode: z.string().nullish(), biometricHash: z.string().min(1) });

interface CreateUserPayload {
  email?: string | null;
  passwordHash?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phoneNum?: string | null;
  identityNum?: string | null;
}

async function phoneFree(ctx: HandlerContext, phoneNum: string | null | undefined, profileId: string): Promise<boolean> {
  if (!phoneNum) return false;
  const { rows } = await ctx.q(`SELECT 1 FROM "UserProfile" WHERE "phoneNum" = $1 AND "profileId" <> $2`, [phoneNum, profileId]);
  return rows.length === 0;
}

/**
 * UserCreated: the profile's private fields come from the CREATE_USER outbox payload of the same
 * userId (they never go to the ledger). Existing profile: unchanged. Email taken by another
 * profile, or no such command: nothing changes (ignored). Phone taken: stored null.
 */
export const UserCreated: EventHandler<z.infer<typeof createdSchema>> = {
  parse: parser(createdSchema),
  async apply(ctx, p) {
    const existing = await ctx.q(`SELECT 1 FROM "UserProfile" WHERE "profileId" = $1`, [p.userId]);
    if (existing.rows.length > 0) return 'applied';
    const cmd = await ctx.q<{ payload: CreateUserPayload }>(
      `SELECT "payload" FROM "OutboxCommand" WHERE "tenantId" = $1 AND "commandType" = 'CREATE_USER' AND "payload"->>'userId' = $2
        ORDER BY "createdAt" DESC LIMIT 1`,
      [ctx.tenantId, p.userId],
    );
    const data = cmd.rows[0]?.payload;
    if (!data?.email || !data.passwordHash) return 'ignored';
    const email = data.email.toLowerCase();
    const clash = await ctx.q(`SELECT 1 FROM "UserProfile" WHERE "email" = $1`, [email]);
    if (clash.rows.length > 0) return 'ignored';
    const phone = (await phoneFree(ctx, data.phoneNum, p.userId)) ? data.phoneNum : null;
    await ctx.q(
      `INSERT INTO "UserProfile" ("profileId", "tenantId", "email", "passwordHash", "firstName", "lastName", "phoneNum", "identityNum",
         "biometricHash", "nationalityCountryCode", "status", "role", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'PENDING_VERIFICATION', 'USER', $11, $11) ON CONFLICT ("profileId") DO NOTHING`,
      [p.userId, ctx.tenantId, email, data.passwordHash, data.firstName ?? '', data.lastName ?? '', phone ?? null, data.identityNum ?? null,
        p.biometricHash, p.countryCode ? p.countryCode.toUpperCase() : null, ctx.at],
    );
    return 'applied';
  },
};

const updatedSchema = z.object({
  ...base,
  userId: id,
  changes: z.object({ firstName: z.string().optional(), lastName: z.string().optional(), phoneNum: z.string().optional(), identityNum: z.string().optional() }),
});

export const UserProfileUpdated: EventHandler<z.infer<typeof updatedSchema>> = {
  parse: parser(updatedSchema),
  async apply(ctx, p) {
    const changes: Record<string, string> = {};
    for (const k of ['firstName', 'lastName', 'identityNum'] as const) if (p.changes[k] !== undefined) changes[k] = p.changes[k]!;
    if (p.changes.phoneNum !== undefined && (await phoneFree(ctx, p.changes.phoneNum, p.userId))) changes.phoneNum = p.changes.phoneNum;
    const cols = Object.keys(changes);
    if (cols.length === 0) return 'applied';
    return updateOne(ctx,
      `UPDATE "UserProfile" SET ${cols.map((c, i) => `"${c}" = $${i + 2}`).join(', ')}, "updatedAt" = now() WHERE "profileId" = $1`,
      [p.userId, ...cols.map((c) => changes[c])],
      `No profile ${p.userId} in the read model`,
    );
  },
};

const kycSchema = z.object({
  ...base, userId: id, kycId: id, evidenceHash: z.string(), evidenceSize: z.union([z.number().int(), z.string().regex(/^\d+$/)]), evidenceMime: z.string(),
});

export const KYCSubmitted: EventHandler<z.infer<typeof kycSchema>> = {
  parse: parser(kycSchema),
  async apply(ctx, p) {
    await ctx.q(
      `INSERT INTO "KYCVerification" ("kycId", "profileId", "status", "evidenceHash", "evidenceSize", "evidenceMime", "createdAt", "updatedAt")
       VALUES ($1, $2, 'PENDING', $3, $4, $5, $6, $6) ON CONFLICT ("kycId") DO NOTHING`,
      [p.kycId, p.userId, p.evidenceHash, Number(p.evidenceSize), p.evidenceMime, ctx.at],
    );
    return 'applied';
  },
};
