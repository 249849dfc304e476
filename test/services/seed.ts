import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type pg from 'pg';

/** Plain-SQL seeding for the service tests (the shared fixture seeder covers whole worlds). */
export interface SeededUser {
  profileId: string;
  email: string;
  password: string;
  walletId: string;
  accountId: string;
}

export interface UserSeed {
  tenantId?: string;
  role?: string;
  status?: string;
  phoneNum?: string | null;
  balance?: string;
  frozen?: boolean;
  wallet?: boolean;
  deleted?: boolean;
  profileId?: string;
}

// Cost 4 keeps seeding fast; svc-identity itself hashes with cost 12.
const PASSWORD = 'correct horse battery';
const PASSWORD_HASH = bcrypt.hashSync(PASSWORD, 4);

export async function seedUser(pool: pg.Pool, seed: UserSeed = {}): Promise<SeededUser> {
  const tenantId = seed.tenantId ?? 'default';
  const profileId = seed.profileId ?? randomUUID();
  const email = `u-${profileId}@example.test`;
  await pool.query(
    `INSERT INTO "UserProfile" ("profileId","tenantId","email","passwordHash","firstName","lastName","phoneNum","biometricHash","status","role","deletedAt")
     VALUES ($1,$2,$3,$4,'Ada','Lovelace',$5,$6,$7::"UserProfileStatus",$8::"UserRole",$9)`,
    [profileId, tenantId, email, PASSWORD_HASH, seed.phoneNum ?? null, randomUUID().replace(/-/g, '').padEnd(64, '0'),
      seed.status ?? 'VERIFIED', seed.role ?? 'USER', seed.deleted ? new Date() : null],
  );
  const walletId = `w-${profileId}`;
  if (seed.wallet !== false) await seedWallet(pool, { tenantId, profileId, walletId, balance: seed.balance ?? '100', frozen: seed.frozen });
  return { profileId, email, password: PASSWORD, walletId, accountId: profileId };
}

export async function seedWallet(pool: pg.Pool, w: { tenantId?: string; profileId: string; walletId?: string; accountId?: string; balance?: string; frozen?: boolean; createdAt?: Date }): Promise<string> {
  const walletId = w.walletId ?? `w-${randomUUID()}`;
  await pool.query(
    `INSERT INTO "Wallet" ("walletId","tenantId","profileId","primaryAccountId","cachedBalance","isFrozen","createdAt")
     VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [walletId, w.tenantId ?? 'default', w.profileId, w.accountId ?? w.profileId, w.balance ?? '0', w.frozen ?? false, w.createdAt ?? new Date()],
  );
  return walletId;
}

export async function seedTx(pool: pg.Pool, t: { walletId: string; type: string; amount: string; timestamp: Date; blockNumber?: string | null; offTxId?: string; tenantId?: string }): Promise<string> {
  const offTxId = t.offTxId ?? `tx-${randomUUID()}`;
  await pool.query(
    `INSERT INTO "Transaction" ("offTxId","tenantId","onChainTxId","walletId","type","amount","timestamp","blockNumber")
     VALUES ($1,$2,$3,$4,$5::"OffChainTxType",$6,$7,$8)`,
    [offTxId, t.tenantId ?? 'default', `${offTxId}:${t.type}`, t.walletId, t.type, t.amount, t.timestamp, t.blockNumber ?? null],
  );
  return offTxId;
}

export async function outboxRows(pool: pg.Pool, commandType?: string): Promise<{ id: string; tenantId: string; service: string; requestId: string; commandType: string; payload: Record<string, unknown>; status: string; attempts: number }[]> {
  const { rows } = await pool.query(
    `SELECT "id","tenantId","service","requestId","commandType","payload","status","attempts" FROM "OutboxCommand"
      WHERE ($1::text IS NULL OR "commandType"::text = $1) ORDER BY "createdAt"`,
    [commandType ?? null],
  );
  return rows;
}
