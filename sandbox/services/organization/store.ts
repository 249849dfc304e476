import type pg from 'pg';
import { ADMIN_ROLES, HttpError, type Principal } from '../kit';

/** One Organization row as the routes use it (§14). */
export interface OrgRow {
  orgId: string;
  tenantId: string;
  orgName: string;
  orgType: string;
  status: string;
  stakeholders: string[];
  endorsers: string[];
  authRules: Record<string, { approverGroup?: unknown } | undefined>;
  activatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export async function findOrg(db: pg.Pool, tenantId: string, orgId: string): Promise<OrgRow | null> {
  const { rows } = await db.query<OrgRow>(
    `SELECT "orgId", "tenantId", "orgName", "orgType", "status", "stakeholders", "endorsers", "authRules",
            "activatedAt", "createdAt", "updatedAt"
       FROM "Organization" WHERE "tenantId" = $1 AND "orgId" = $2`,
    [tenantId, orgId],
  );
  return rows[0] ?? null;
}

/** CMD-6 lookup of a path organization: 404 when it does not exist. */
export async function requireOrg(db: pg.Pool, tenantId: string, orgId: string): Promise<OrgRow> {
  const org = await findOrg(db, tenantId, orgId);
  if (org === null) throw new HttpError(404, 'Organization not found');
  return org;
}

/**
 * #10/#11 gate (§3.5): ADMIN/SUPER_ADMIN pass and learn whether the organization exists (404);
 * anyone else must be one of its stakeholders, and gets the same 403 when it does not exist
 * (AUTHZ-3: the answer to a non-owner never depends on existence).
 */
export async function orgForAdminOrStakeholder(db: pg.Pool, principal: Principal, orgId: string): Promise<OrgRow> {
  const org = await findOrg(db, principal.tenantId, orgId);
  if (!ADMIN_ROLES.includes(principal.role) && (org === null || !org.stakeholders.includes(principal.profileId))) {
    throw new HttpError(403, 'Insufficient permissions to access this resource');
  }
  if (org === null) throw new HttpError(404, 'Organization not found');
  return org;
}

/** The ids among `profileIds` that name no live user of the tenant, in the order given. */
export async function unknownUsers(db: pg.Pool, tenantId: string, profileIds: string[]): Promise<string[]> {
  const { rows } = await db.query<{ profileId: string }>(
    `SELECT "profileId" FROM "UserProfile" WHERE "tenantId" = $1 AND "profileId" = ANY($2::text[]) AND "deletedAt" IS NULL`,
    [tenantId, profileIds],
  );
  const known = new Set(rows.map((r) => r.profileId));
  return profileIds.filter((id) => !known.has(id));
}
