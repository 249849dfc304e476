import type pg from 'pg';
import { f, HttpError, isoTime, money, ok, withMessage, type ServiceRouter } from '../kit';
import type { ServiceDeps } from '../deps';

interface ParamRow { tenantId: string; paramKey: string; paramValue: string; updatedAt: Date }
interface CountryRow { countryCode: string; countryName: string; region: string | null }

async function findParameter(db: pg.Pool, tenantId: string, paramKey: string): Promise<ParamRow | undefined> {
  const { rows } = await db.query<ParamRow>(
    `SELECT "tenantId", "paramKey", "paramValue", "updatedAt" FROM "SystemParameter" WHERE "tenantId" = $1 AND "paramKey" = $2`,
    [tenantId, paramKey],
  );
  return rows[0];
}

/**
 * A missing read-model row is a 404 (ERR-4). Fault `empty-state-500` stands for the classic bug
 * of dereferencing the absent row, which the error handler turns into a 500.
 */
function present<T>(deps: ServiceDeps, row: T | undefined, message: string): T {
  if (row !== undefined) return row;
  if (deps.faults.isOn('empty-state-500')) throw new TypeError('Cannot read properties of undefined');
  throw new HttpError(404, message);
}

const parameterDto = (p: ParamRow) => ({ tenantId: p.tenantId, paramKey: p.paramKey, paramValue: p.paramValue, updatedAt: isoTime(p.updatedAt) });

/** #32–#36: public reads; the tenant is the deployment tenant (TEN-2). */
export function mountAdminQueries(r: ServiceRouter): void {
  r.add({
    method: 'get', path: '/api/v1/system/status', access: 'public',
    handler: async ({ deps, tenantId }) => {
      const row = present(deps, await findParameter(deps.db, tenantId, 'SYSTEM_STATUS'), 'System status not found');
      return ok({ status: parameterDto(row) });
    },
  });

  r.add({
    method: 'get', path: '/api/v1/parameters/:paramId', access: 'public',
    params: { fields: { paramId: f.id() } },
    handler: async ({ deps, tenantId, params }) => {
      const row = present(deps, await findParameter(deps.db, tenantId, params.paramId), 'System parameter not found');
      return ok({ parameter: parameterDto(row) });
    },
  });

  // #34: Country rows are global; userCount counts the tenant's live users of that nationality.
  r.add({
    method: 'get', path: '/api/v1/countries/:countryCode/stats', access: 'public',
    params: { fields: { countryCode: withMessage(f.countryCode(), 'Invalid country code') } },
    handler: async ({ deps, tenantId, params }) => {
      const { rows } = await deps.db.query<CountryRow & { userCount: number }>(
        `SELECT c."countryCode", c."countryName", c."region",
                (SELECT count(*)::int FROM "UserProfile" u
                  WHERE u."tenantId" = $1 AND u."nationalityCountryCode" = c."countryCode" AND u."deletedAt" IS NULL) AS "userCount"
           FROM "Country" c WHERE c."countryCode" = $2`,
        [tenantId, params.countryCode],
      );
      const row = present(deps, rows[0], 'Country stats not found');
      return ok({ stats: { countryCode: row.countryCode, countryName: row.countryName, region: row.region, userCount: row.userCount } });
    },
  });

  r.add({
    method: 'get', path: '/api/v1/countries', access: 'public',
    handler: async ({ deps }) => {
      // Fault db-slow-query: the statement itself takes 80 ms longer (one volatile CTE row, evaluated once).
      const sql = deps.faults.isOn('db-slow-query')
        ? 'WITH pause AS MATERIALIZED (SELECT pg_sleep(0.08)) SELECT "countryCode", "countryName", "region" FROM "Country", pause ORDER BY "countryCode" ASC'
        : 'SELECT "countryCode", "countryName", "region" FROM "Country" ORDER BY "countryCode" ASC';
      const { rows } = await deps.db.query<CountryRow>(sql);
      return ok({ countries: rows });
    },
  });

  // #36 (ADM-1): supply over live wallets (treasuries included), live users, organizations.
  r.add({
    method: 'get', path: '/api/v1/counters', access: 'public',
    handler: async ({ deps, tenantId }) => {
      // Fault `counters-count-deleted`: deleted profiles are counted too.
      const liveUsers = deps.faults.isOn('counters-count-deleted') ? '' : ' AND "deletedAt" IS NULL';
      const { rows } = await deps.db.query<{ totalSupply: string; totalUsers: number; totalOrganizations: number }>(
        `SELECT (SELECT COALESCE(sum("cachedBalance"), 0)::text FROM "Wallet" WHERE "tenantId" = $1 AND "deletedAt" IS NULL) AS "totalSupply",
                (SELECT count(*)::int FROM "UserProfile" WHERE "tenantId" = $1${liveUsers}) AS "totalUsers",
                (SELECT count(*)::int FROM "Organization" WHERE "tenantId" = $1) AS "totalOrganizations"`,
        [tenantId],
      );
      const counters = rows[0];
      return ok({ counters: { totalSupply: money(counters.totalSupply), totalUsers: counters.totalUsers, totalOrganizations: counters.totalOrganizations } });
    },
  });
}
