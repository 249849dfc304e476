import type pg from 'pg';
import type { FixtureUser, FixtureWorld } from '../../../src/fixtures/types';
import type { Problems } from '../support/problems';
import { readRows, shown } from './read-query';

/**
 * FIX-1 on the fixture world the run works on (seeded by the suite or provided by the profile):
 * each user is a live UserProfile with the role the world gives it and a Wallet whose
 * primaryAccountId is the world's account id and held by no other wallet of the tenant; the
 * country's treasury is a Wallet of `treasury_<CC>`; the active organization has a wallet of its
 * own orgId; the bootstrapped system is ACTIVE. Items the profile does not provide are not judged.
 */

const UNREADABLE = 'read model lacks a §14 column (INT-DB-SCHEMA names it)';

async function judgeUser(client: pg.Client, p: Problems, key: string, u: FixtureUser, tenantId: string): Promise<void> {
  const who = `fixture user ${key} (${u.profileId})`;
  const sql = `SELECT p."profileId", p."tenantId", p."role"::text AS role, p."deletedAt" IS NOT NULL AS deleted,
      (SELECT json_agg(json_build_object('walletId', w."walletId", 'primaryAccountId', w."primaryAccountId",
         'sharedWith', (SELECT count(*) FROM "Wallet" o WHERE o."tenantId" = w."tenantId" AND o."primaryAccountId" = w."primaryAccountId") - 1))
       FROM "Wallet" w WHERE w."tenantId" = $2 AND w."profileId" = p."profileId" AND w."deletedAt" IS NULL) AS wallets
    FROM "UserProfile" p WHERE p."profileId" = $1`;
  const params = [u.profileId, tenantId];
  const rows = await readRows<{ tenantId: string; role: string; deleted: boolean; wallets: Array<{ walletId: string; primaryAccountId: string; sharedWith: number }> | null }>(client, sql, params);
  if (rows === null) return p.unusable(UNREADABLE);
  p.judged();
  const ev = shown(sql, params, rows);
  const row = rows[0];
  const broken = (text: string) => p.add({ rule: 'FIX-1', component: 'database', text: `${who}: ${text}` }, ev);
  if (!row) return broken('no UserProfile row holds this profileId');
  if (row.deleted) broken('its UserProfile is deleted (deletedAt set), so it counts as absent');
  if (row.tenantId !== tenantId) broken(`its UserProfile belongs to tenant ${row.tenantId}, the run's tenant is ${tenantId}`);
  // Only the roles operators seed (FIX-1) are judged: a USER may be appointed ADMIN by a command meanwhile.
  if (u.role !== 'USER' && row.role !== u.role) broken(`UserProfile.role is ${row.role}, the world needs ${u.role}`);
  const wallets = row.wallets ?? [];
  const own = wallets.find((w) => w.walletId === u.walletId);
  if (!own) return broken(`no live Wallet ${u.walletId} of this profile in tenant ${tenantId} (its wallets: ${wallets.map((w) => w.walletId).join(', ') || 'none'})`);
  if (own.primaryAccountId !== u.accountId) broken(`Wallet ${u.walletId} has primaryAccountId ${own.primaryAccountId}, the world's account id is ${u.accountId}`);
  if (own.sharedWith > 0) broken(`primaryAccountId ${own.primaryAccountId} is held by ${own.sharedWith} other wallet(s) of the tenant`);
}

/** A live wallet of `profileId` in the tenant: the treasury's or the organization's. */
async function judgeOwnerWallet(client: pg.Client, p: Problems, what: string, profileId: string, tenantId: string): Promise<void> {
  const sql = `SELECT "walletId", "primaryAccountId" FROM "Wallet" WHERE "tenantId" = $1 AND "profileId" = $2 AND "deletedAt" IS NULL`;
  const rows = await readRows(client, sql, [tenantId, profileId]);
  if (rows === null) return p.unusable(UNREADABLE);
  p.judged();
  if (rows.length === 0) p.add({ rule: 'FIX-1', component: 'database', text: `${what}: no live Wallet with profileId ${profileId} in tenant ${tenantId}` }, shown(sql, [tenantId, profileId], rows));
}

async function judgeOrg(client: pg.Client, p: Problems, orgId: string, tenantId: string): Promise<void> {
  const sql = 'SELECT "status" FROM "Organization" WHERE "orgId" = $1';
  const rows = await readRows<{ status: string }>(client, sql, [orgId]);
  if (rows === null) return p.unusable(UNREADABLE);
  if (rows[0]?.status !== 'ACTIVE') {
    // The world needs an ACTIVE organization; FIX-1 only says what an active one must have.
    p.add({ rule: 'FIX-1', component: 'database', advisory: true, text: `fixture organization ${orgId} is ${rows[0]?.status ?? 'absent'}, not ACTIVE: its wallet is not judged` }, shown(sql, [orgId], rows));
    return;
  }
  await judgeOwnerWallet(client, p, `active fixture organization ${orgId}`, orgId, tenantId);
}

async function judgeSystem(client: pg.Client, p: Problems, tenantId: string): Promise<void> {
  const sql = `SELECT "paramKey", "paramValue" FROM "SystemParameter" WHERE "tenantId" = $1 AND "paramKey" IN ('SYSTEM_STATUS', 'SYSTEM_BOOTSTRAPPED')`;
  const rows = await readRows<{ paramKey: string; paramValue: string }>(client, sql, [tenantId]);
  if (rows === null) return p.unusable(UNREADABLE);
  p.judged();
  const value = (k: string) => rows.find((r) => r.paramKey === k)?.paramValue;
  const ev = shown(sql, [tenantId], rows);
  const status = value('SYSTEM_STATUS');
  if (status === 'PAUSED') {
    // A pause is a later command (another check may be running one), not a bootstrap defect.
    p.add({ rule: 'FIX-1', component: 'database', advisory: true, text: `tenant ${tenantId}: SYSTEM_STATUS is PAUSED (reason: a pause is in force)` }, ev);
  } else if (status !== 'ACTIVE') {
    p.add({ rule: 'FIX-1', component: 'database', text: `tenant ${tenantId} (SYSTEM_BOOTSTRAPPED ${value('SYSTEM_BOOTSTRAPPED') ?? 'absent'}): SYSTEM_STATUS is ${status === undefined ? 'absent' : `'${status}'`}, a bootstrapped system has ACTIVE` }, ev);
  }
}

/** Judges every item of the world that exists (a guarded world lists only those). */
export async function judgeFixtureWorld(client: pg.Client, p: Problems, w: FixtureWorld): Promise<void> {
  for (const [key, u] of Object.entries(w.users)) await judgeUser(client, p, key, u, w.tenantId);
  if ('countryCode' in w) await judgeOwnerWallet(client, p, `treasury of fixture country ${w.countryCode}`, `treasury_${w.countryCode}`, w.tenantId);
  if ('org' in w) await judgeOrg(client, p, w.org.orgId, w.tenantId);
  await judgeSystem(client, p, w.tenantId);
}
