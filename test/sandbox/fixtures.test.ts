import bcrypt from 'bcryptjs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../sandbox/db/migrate';
import { PostgresBinary, type StartedPostgres } from '../../sandbox/infra/postgres';
import { countryCodeFor } from '../../src/fixtures/ids';
import { cleanupWorld, seedWorld } from '../../src/fixtures/seed';
import type { FixtureWorld } from '../../src/fixtures/types';

let postgres: StartedPostgres;
let pool: pg.Pool;
let worldA: FixtureWorld;
let worldB: FixtureWorld;

beforeAll(async () => {
  postgres = await new PostgresBinary().start();
  pool = new pg.Pool({ connectionString: postgres.url, max: 6 });
  pool.on('error', () => undefined); // idle clients are terminated when the cluster stops
  await migrate(pool);
  // two namespaces seeded at the same time
  [worldA, worldB] = await Promise.all([
    seedWorld(pool, { namespace: 'fixa', tenantId: 'default' }),
    seedWorld(pool, { namespace: 'fixb', tenantId: 'default' }),
  ]);
});
afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
});

const one = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows[0];
const count = async (sql: string, params: unknown[] = []) => Number((await one(sql, params)).n);

/** Rows in any fixture table whose key mentions the namespace. */
async function rowsOf(namespace: string): Promise<number> {
  const like = `%gxv-${namespace}-%`;
  const queries = [
    'SELECT count(*) n FROM "UserProfile" WHERE "profileId" LIKE $1',
    'SELECT count(*) n FROM "Wallet" WHERE "walletId" LIKE $1',
    'SELECT count(*) n FROM "Transaction" WHERE "offTxId" LIKE $1',
    'SELECT count(*) n FROM "KYCVerification" WHERE "kycId" LIKE $1',
    'SELECT count(*) n FROM "Organization" WHERE "orgId" LIKE $1',
    'SELECT count(*) n FROM "MultiSigTransaction" WHERE "txId" LIKE $1',
    'SELECT count(*) n FROM "Loan" WHERE "loanId" LIKE $1',
    'SELECT count(*) n FROM "Proposal" WHERE "proposalId" LIKE $1',
    'SELECT count(*) n FROM "SystemParameter" WHERE "paramKey" LIKE $1',
  ];
  let total = 0;
  for (const q of queries) total += await count(q, [like]);
  return total;
}

describe('seedWorld', () => {
  it('writes one verified account per role, each with a wallet holding the stated balance', async () => {
    for (const user of Object.values(worldA.users)) {
      const row = await one(
        `SELECT p."email", p."role", p."tenantId", p."passwordHash", p."status", w."cachedBalance", w."primaryAccountId", w."isFrozen"
         FROM "UserProfile" p JOIN "Wallet" w ON w."profileId" = p."profileId" WHERE p."profileId" = $1`,
        [user.profileId],
      );
      expect(user.profileId.startsWith('gxv-fixa-')).toBe(true);
      expect(row).toMatchObject({ email: user.email, role: user.role, tenantId: 'default', status: 'VERIFIED', cachedBalance: user.balance, primaryAccountId: user.accountId });
      expect(row.isFrozen).toBe(user === worldA.users.frozen);
      expect(row.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    }
    expect(worldA.users.userA.email).toBe('fixa-usera@gxv.test');
    expect(await bcrypt.compare(worldA.users.admin.password, (await one('SELECT "passwordHash" FROM "UserProfile" WHERE "profileId" = $1', [worldA.users.admin.profileId])).passwordHash)).toBe(true);
    expect(worldA.users.userA.password).not.toBe(worldB.users.userA.password);
  });

  it('writes ledger history with string-safe block numbers and PROJ-10 onChainTxIds', async () => {
    const { rows } = await pool.query(
      'SELECT "onChainTxId", "type", "blockNumber", "amount", "fee" FROM "Transaction" WHERE "walletId" = $1 ORDER BY "timestamp"',
      [worldA.users.userA.walletId],
    );
    expect(rows.map((r) => r.type)).toEqual(['GENESIS', 'SENT']);
    for (const r of rows) expect(r.onChainTxId).toMatch(new RegExp(`:${r.type}$`));
    expect(rows[1]).toMatchObject({ blockNumber: '9007199254740993', amount: '10.000000000', fee: '0.010000000' });
  });

  it('writes the organization, pending multisig, loan, proposal, KYC and country the routes need', async () => {
    const org = await one('SELECT * FROM "Organization" WHERE "orgId" = $1', [worldA.org.orgId]);
    expect(org).toMatchObject({ status: 'ACTIVE', stakeholders: [worldA.users.userA.profileId, worldA.users.userB.profileId] });
    expect(await one('SELECT "cachedBalance" FROM "Wallet" WHERE "profileId" = $1', [worldA.org.orgId])).toEqual({ cachedBalance: '5000.000000000' });
    expect(await one('SELECT "status", "orgId" FROM "MultiSigTransaction" WHERE "txId" = $1', [worldA.org.pendingTxId])).toEqual({ status: 'PENDING', orgId: worldA.org.orgId });
    expect(worldA.org.pendingTxId).toMatch(new RegExp(`^multisig-${worldA.org.orgId}-`));
    expect((await one('SELECT "status" FROM "Organization" WHERE "orgId" = $1', [worldA.proposedOrgId])).status).toBe('PROPOSED');
    expect(await one('SELECT "status", "borrowerId" FROM "Loan" WHERE "loanId" = $1', [worldA.loanId])).toEqual({ status: 'PENDING_APPROVAL', borrowerId: worldA.users.userA.profileId });
    const proposal = await one('SELECT "status", "proposerId", "targetParam" FROM "Proposal" WHERE "proposalId" = $1', [worldA.proposalId]);
    expect(proposal).toEqual({ status: 'ACTIVE', proposerId: worldA.users.userA.profileId, targetParam: worldA.paramId });
    expect(await count('SELECT count(*) n FROM "SystemParameter" WHERE "tenantId" = $1 AND "paramKey" = $2', ['default', worldA.paramId])).toBe(1);
    expect((await one('SELECT "status" FROM "KYCVerification" WHERE "kycId" = $1', [worldA.kycId])).status).toBe('PENDING');

    const cc = worldA.countryCode;
    expect(cc).toMatch(/^[A-Z]{2}$/);
    expect(await count('SELECT count(*) n FROM "Country" WHERE "countryCode" = $1', [cc])).toBe(1);
    const params = await pool.query('SELECT "paramKey", "paramValue" FROM "SystemParameter" WHERE "tenantId" = $1 ORDER BY "paramKey"', ['default']);
    const values = Object.fromEntries(params.rows.map((r) => [r.paramKey, r.paramValue]));
    expect(values).toMatchObject({ SYSTEM_STATUS: 'ACTIVE', SYSTEM_BOOTSTRAPPED: 'true', [`COUNTRY_${cc}_INITIALIZED`]: 'true', [`TREASURY_${cc}_STATUS`]: 'ACTIVE' });
    expect(await count('SELECT count(*) n FROM "Wallet" WHERE "profileId" = $1', [`treasury_${cc}`])).toBeGreaterThanOrEqual(1);
    const projector = await one(`SELECT "lagMs", now() - "heartbeatAt" < interval '1 minute' AS fresh FROM "ProjectorState" WHERE "tenantId" = 'default' AND "projectorName" = 'main-projector' AND "channel" = 'gxchannel'`);
    expect(projector).toEqual({ lagMs: 0, fresh: true });
  });

  it('names missing ids that exist nowhere', async () => {
    const m = worldA.missing;
    expect(await count('SELECT count(*) n FROM "UserProfile" WHERE "profileId" = $1', [m.profileId])).toBe(0);
    expect(await count('SELECT count(*) n FROM "Organization" WHERE "orgId" = $1', [m.orgId])).toBe(0);
    expect(await count('SELECT count(*) n FROM "Loan" WHERE "loanId" = $1', [m.loanId])).toBe(0);
    expect(await count('SELECT count(*) n FROM "Proposal" WHERE "proposalId" = $1', [m.proposalId])).toBe(0);
    expect(await count('SELECT count(*) n FROM "SystemParameter" WHERE "paramKey" = $1', [m.paramId])).toBe(0);
    expect(await count('SELECT count(*) n FROM "Wallet" WHERE "walletId" = $1', [m.walletId])).toBe(0);
  });

  it('re-seeding a namespace resets its rows and changes the password, without duplicates', async () => {
    const before = await rowsOf('fixa');
    await pool.query(`UPDATE "Loan" SET "status" = 'ACTIVE' WHERE "loanId" = $1`, [worldA.loanId]);
    const again = await seedWorld(pool, { namespace: 'fixa', tenantId: 'default' });
    expect(await rowsOf('fixa')).toBe(before);
    expect((await one('SELECT "status" FROM "Loan" WHERE "loanId" = $1', [worldA.loanId])).status).toBe('PENDING_APPROVAL');
    expect(again.users.userA.password).not.toBe(worldA.users.userA.password);
    worldA = again;
  });

  it('refuses a namespace that could not be told apart in ids and emails', async () => {
    await expect(seedWorld(pool, { namespace: 'Bad Name', tenantId: 'default' })).rejects.toThrow(/namespace/);
  });
});

describe('cleanupWorld', () => {
  it('removes one namespace and leaves the other and the tenant state alone', async () => {
    expect(await rowsOf('fixa')).toBeGreaterThan(10);
    await cleanupWorld(pool, 'fixa');
    expect(await rowsOf('fixa')).toBe(0);
    expect(await rowsOf('fixb')).toBeGreaterThan(10);
    expect(await count(`SELECT count(*) n FROM "SystemParameter" WHERE "paramKey" = 'SYSTEM_STATUS'`)).toBe(1);
    await cleanupWorld(pool, 'fixa'); // twice: nothing left to do, no error
  });

  it('keeps a test country while another namespace still uses it', async () => {
    const shared = countryCodeFor('fixb');
    const sibling = Array.from({ length: 2000 }, (_, i) => `sib${i}`).find((ns) => countryCodeFor(ns) === shared)!;
    await seedWorld(pool, { namespace: sibling, tenantId: 'default' });
    await cleanupWorld(pool, sibling);
    expect(await count('SELECT count(*) n FROM "Country" WHERE "countryCode" = $1', [shared])).toBe(1);
    await cleanupWorld(pool, 'fixb');
    expect(await count('SELECT count(*) n FROM "Country" WHERE "countryCode" = $1', [shared])).toBe(0);
    expect(await count('SELECT count(*) n FROM "SystemParameter" WHERE "paramKey" LIKE $1', [`%_${shared}_%`])).toBe(0);
  });
});
