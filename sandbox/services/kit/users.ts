import type pg from 'pg';

/** Whether the tenant has a live (not deleted) profile with this id: the body-named user checks of #2, #16, #30. */
export async function userExists(db: pg.Pool, tenantId: string, profileId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM "UserProfile" WHERE "tenantId" = $1 AND "profileId" = $2 AND "deletedAt" IS NULL`,
    [tenantId, profileId],
  );
  return (rowCount ?? 0) > 0;
}
