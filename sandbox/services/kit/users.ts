import type pg from 'pg';
import { HttpError } from './envelope';

/** Whether the tenant has a live (not deleted) profile with this id: the body-named user checks of #2, #16, #30. */
export async function userExists(db: pg.Pool, tenantId: string, profileId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM "UserProfile" WHERE "tenantId" = $1 AND "profileId" = $2 AND "deletedAt" IS NULL`,
    [tenantId, profileId],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * SEC-JWT-2: commands from a profile that is SUSPENDED, CLOSED or deleted → 403 "Account is
 * inactive". A principal with no profile row at all (a synthetic test identity) is not judged here.
 */
export async function assertActive(db: pg.Pool, profileId: string): Promise<void> {
  const { rows } = await db.query<{ status: string; deleted: boolean }>(
    `SELECT "status", "deletedAt" IS NOT NULL AS "deleted" FROM "UserProfile" WHERE "profileId" = $1`,
    [profileId],
  );
  const row = rows[0];
  if (row && (row.deleted || row.status === 'SUSPENDED' || row.status === 'CLOSED')) throw new HttpError(403, 'Account is inactive');
}
