import type pg from 'pg';
import { isoTime } from '../kit';

export interface UserRow {
  profileId: string;
  tenantId: string;
  email: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
  phoneNum: string | null;
  identityNum: string | null;
  status: string;
  role: string;
  nationalityCountryCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const USER_COLUMNS = `"profileId","tenantId","email","passwordHash","firstName","lastName","phoneNum","identityNum","status","role","nationalityCountryCode","createdAt","updatedAt"`;

/** SUSPENDED and CLOSED accounts cannot log in or refresh (§8.3). */
export const INACTIVE_STATUSES = new Set(['SUSPENDED', 'CLOSED']);

/** A non-deleted user of the tenant by lower-cased email (ID-1). */
export async function userByEmail(db: pg.Pool, tenantId: string, email: string, withDeleted = false): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM "UserProfile" WHERE "email" = $1 AND "tenantId" = $2 ${withDeleted ? '' : 'AND "deletedAt" IS NULL'}`,
    [email.toLowerCase(), tenantId],
  );
  return rows[0] ?? null;
}

/** A non-deleted user by profileId, optionally restricted to a tenant (TEN-1). */
export async function userById(db: pg.Pool, profileId: string, tenantId?: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM "UserProfile" WHERE "profileId" = $1 AND ($2::text IS NULL OR "tenantId" = $2) AND "deletedAt" IS NULL`,
    [profileId, tenantId ?? null],
  );
  return rows[0] ?? null;
}

/** UserDTO (§6.1): never passwordHash or biometricHash (RESP-1). */
export function userDto(u: UserRow) {
  return {
    profileId: u.profileId,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    phoneNum: u.phoneNum,
    identityNum: u.identityNum,
    status: u.status,
    role: u.role,
    nationalityCountryCode: u.nationalityCountryCode,
    createdAt: isoTime(u.createdAt),
    updatedAt: isoTime(u.updatedAt),
  };
}

/**
 * I4 uniqueness: a profile (deleted or not, any tenant: the column is unique) holds the value, or a
 * CREATE_USER command carrying it is not FAILED (registration still on its way to the ledger).
 */
export async function valueTaken(db: pg.Pool, column: 'email' | 'phoneNum', value: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM "UserProfile" WHERE "${column}" = $1
     UNION ALL
     SELECT 1 FROM "OutboxCommand" WHERE "commandType" = 'CREATE_USER' AND "status" <> 'FAILED' AND "payload"->>'${column}' = $1
     LIMIT 1`,
    [value],
  );
  return rows.length > 0;
}

/** I6: another profile than `profileId` holds this phone number. */
export async function phoneHeldByOther(db: pg.Pool, phoneNum: string, profileId: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM "UserProfile" WHERE "phoneNum" = $1 AND "profileId" <> $2 LIMIT 1`, [phoneNum, profileId]);
  return rows.length > 0;
}
