import { randomBytes } from 'node:crypto';
import type { FixtureUser, FixtureWorld } from '../../../../src/fixtures/types';
import { tokenOf, world } from '../../support/requests';
import type { RoundTrip } from './context';
import { balanceOf, Expect, one, txRows, walletOf } from './read-model';
import { eventField, mustRoundTrip, type RoundTripResult } from './roundtrip';
import { same, add } from './decimal';

/** A user the round-trip checks created through I4 (CREATE_USER), with a token to act as it. */
export interface FreshUser {
  profileId: string;
  email: string;
  token: string;
  walletId: string;
  accountId: string;
}

export type Record_ = (r: RoundTripResult) => void;

export const fixtureToken = (rt: RoundTrip, key: keyof FixtureWorld['users']): Promise<string> => tokenOf(rt.ctx, world(rt.ctx).users[key]);
export const fixtureUser = (rt: RoundTrip, key: keyof FixtureWorld['users']): FixtureUser => world(rt.ctx).users[key];

/** I4 → CREATE_USER → UserCreated + WalletCreated → UserProfile and Wallet rows. */
export async function createUser(rt: RoundTrip, label: string, record: Record_): Promise<FreshUser> {
  const w = world(rt.ctx);
  const email = `${rt.prefix}-${label}@gxv.test`;
  const password = `Rt-${randomBytes(9).toString('base64url')}`;
  rt.ctx.target.secrets.push(password);
  let userId = '';
  const r = await mustRoundTrip(rt, {
    commandType: 'CREATE_USER', endpoint: 'I4', events: ['UserCreated', 'WalletCreated'],
    request: { as: null, body: { email, password, firstName: 'Gxv', lastName: `Rt ${label}`, nationalityCountryCode: w.countryCode } },
    visible: async (db, row) => {
      userId = typeof row?.payload.userId === 'string' ? row.payload.userId : userId;
      if (!userId) return false;
      return (await one(db, `SELECT 1 AS x FROM "UserProfile" WHERE "profileId" = $1`, [userId])) !== null && (await walletOf(db, userId)) !== null;
    },
    async verify(db, row, events) {
      const id = String(row.payload.userId);
      const e = new Expect();
      const u = await one<{ status: string; role: string; email: string; nationalityCountryCode: string | null; biometricHash: string }>(db,
        `SELECT "status"::text AS status, "role"::text AS role, "email", "nationalityCountryCode", "biometricHash" FROM "UserProfile" WHERE "profileId" = $1`, [id]);
      e.eq('UserProfile.status', u?.status, 'PENDING_VERIFICATION').eq('UserProfile.role', u?.role, 'USER').eq('UserProfile.email', u?.email, email.toLowerCase())
        .eq('UserProfile.nationalityCountryCode', u?.nationalityCountryCode?.trim(), w.countryCode).eq('UserProfile.biometricHash', u?.biometricHash, row.payload.biometricHash);
      const wallet = await walletOf(db, id);
      e.ok('Wallet.cachedBalance is the initial balance', same(wallet?.cachedBalance, String(eventField(events, 'WalletCreated', 'initialBalance') ?? '0')), `got ${wallet?.cachedBalance}`)
        .eq('Wallet.isFrozen', wallet?.isFrozen, false);
      const accountId = eventField(events, 'WalletCreated', 'accountId');
      if (accountId !== undefined) e.eq('Wallet.primaryAccountId', wallet?.primaryAccountId, accountId);
      return e.problems;
    },
  }, record);
  const id = String(r.row!.payload.userId);
  const wallet = (await walletOf(rt.db, id))!;
  const token = await rt.ctx.target.auth.accessToken({ profileId: id, role: 'USER', tenantId: rt.ctx.target.tenantId, email, password });
  return { profileId: id, email, token, walletId: wallet.walletId, accountId: wallet.primaryAccountId };
}

/** #2 → DISTRIBUTE_GENESIS → GenesisDistributed → credit and a GENESIS Transaction row. */
export async function fundUser(rt: RoundTrip, user: FreshUser, record: Record_): Promise<string> {
  const w = world(rt.ctx);
  const before = await balanceOf(rt.db, user.profileId);
  await mustRoundTrip(rt, {
    commandType: 'DISTRIBUTE_GENESIS', endpoint: '#2', events: ['GenesisDistributed'],
    request: { token: await fixtureToken(rt, 'superAdmin'), as: 'superAdmin', body: { userId: user.profileId, userType: 'individual', countryCode: w.countryCode } },
    visible: async (db) => (await txRows(db, user.walletId, 'GENESIS')).length > 0,
    async verify(db, _row, events) {
      const e = new Expect();
      const rows = await txRows(db, user.walletId, 'GENESIS');
      e.eq('GENESIS rows', rows.length, 1);
      const amount = eventField(events, 'GenesisDistributed', 'amount');
      const tier = eventField(events, 'GenesisDistributed', 'tier');
      const g = rows[0];
      if (amount !== undefined) e.ok('GENESIS amount equals the event amount', same(g?.amount, String(amount)), `got ${g?.amount}, event ${amount}`);
      if (tier !== undefined) e.eq('GENESIS remark (tier)', g?.remark, tier);
      e.ok('GENESIS fee 0', same(g?.fee, '0')).eq('GENESIS counterparty', g?.counterparty, null);
      const after = await balanceOf(db, user.profileId);
      e.ok('balance credited by the genesis amount', same(after, add(before, String(amount ?? g?.amount ?? '0'))), `before ${before}, after ${after}`);
      return e.problems;
    },
  }, record);
  return balanceOf(rt.db, user.profileId);
}

/** Several fresh users, each funded by genesis (senders of transfer checks). */
export async function fundedUsers(rt: RoundTrip, labels: string[], record: Record_, fund: (label: string) => boolean): Promise<FreshUser[]> {
  const users: FreshUser[] = [];
  // Sequential: I4 hashes a password (bcrypt) per user; in parallel they only queue up on the target.
  for (const label of labels) users.push(await createUser(rt, label, record));
  for (const [i, user] of users.entries()) if (fund(labels[i])) await fundUser(rt, user, record);
  return users;
}
