import type { FixtureWorld } from '../../../../src/fixtures/types';
import { statesOf } from '../../../../src/fixtures/contract-items';
import type { CaseTable } from './types';
import { as, MINTED, nonce, unusedCountry } from './types';

/** §6.2 svc-tokenomics: #1–#7. */

const transfer = (w: FixtureWorld, extra: Record<string, unknown>) => ({
  fromUserId: w.users.userA.profileId, toUserId: w.users.userB.profileId, amount: '1', remark: nonce(w, 'docerr'), ...extra,
});

export const TOKENOMICS_CASES: CaseTable = {
  '#1:400:required': { how: 'a transfer without amount', build: (_, w) => ({ as: 'userA', body: { fromUserId: w.users.userA.profileId, toUserId: w.users.userB.profileId, remark: nonce(w, 'docerr') } }) },
  '#1:400:invalid-amount': { how: 'a transfer of amount "0"', build: (_, w) => ({ as: 'userA', body: transfer(w, { amount: '0' }) }) },
  '#1:403:not-owner': { how: 'userA sends from userB\'s wallet', build: (_, w) => ({ as: 'userA', body: transfer(w, { fromUserId: w.users.userB.profileId }) }) },
  '#1:400:self-transfer': { how: 'userA sends to itself', build: (_, w) => ({ as: 'userA', body: transfer(w, { toUserId: w.users.userA.profileId }) }) },
  '#1:400:sender-wallet-not-found': {
    how: 'an account without a wallet sends', needs: MINTED,
    build: (ctx, w) => as(ctx, statesOf(w).users.walletless, { body: transfer(w, { fromUserId: statesOf(w).users.walletless.profileId }) }),
  },
  '#1:400:receiver-wallet-not-found': { how: 'userA sends to an account without a wallet', build: (_, w) => ({ as: 'userA', body: transfer(w, { toUserId: statesOf(w).users.walletless.profileId }) }) },
  '#1:400:sender-frozen': { how: 'the frozen account sends', build: (_, w) => ({ as: 'frozen', body: transfer(w, { fromUserId: w.users.frozen.profileId }) }) },
  '#1:400:insufficient-balance': { how: 'userA sends 10^12 (more than it holds)', build: (_, w) => ({ as: 'userA', body: transfer(w, { amount: '1000000000000' }) }) },
  '#2:400:required': { how: 'genesis without userType and countryCode', build: (_, w) => ({ as: 'superAdmin', body: { userId: statesOf(w).users.fresh.profileId } }) },
  '#2:400:invalid-user-type': { how: 'genesis with userType "alien"', build: (_, w) => ({ as: 'superAdmin', body: { userId: w.users.admin.profileId, userType: 'alien', countryCode: w.countryCode } }) },
  '#2:400:invalid-country': { how: 'genesis with countryCode "X1"', build: (_, w) => ({ as: 'superAdmin', body: { userId: w.users.admin.profileId, userType: 'individual', countryCode: 'X1' } }) },
  '#2:400:user-not-found': { how: 'genesis for a missing profile', build: (_, w) => ({ as: 'superAdmin', body: { userId: w.missing.profileId, userType: 'individual', countryCode: w.countryCode } }) },
  '#2:400:wallet-not-found': {
    how: 'genesis for an account without a wallet',
    build: (_, w) => ({ as: 'superAdmin', body: { userId: statesOf(w).users.walletless.profileId, userType: 'individual', countryCode: w.countryCode } }),
  },
  '#2:409:genesis-distributed': {
    how: 'genesis for userA, whose wallet has a GENESIS transaction',
    build: (_, w) => ({ as: 'superAdmin', body: { userId: w.users.userA.profileId, userType: 'individual', countryCode: w.countryCode } }),
  },
  '#3:403:not-owner': { how: 'userA reads userB\'s balance', build: (_, w) => ({ as: 'userA', params: { profileId: w.users.userB.profileId } }) },
  '#3:404:wallet-not-found': {
    how: 'an account without a wallet reads its balance', needs: MINTED,
    build: (ctx, w) => as(ctx, statesOf(w).users.walletless, { params: { profileId: statesOf(w).users.walletless.profileId } }),
  },
  '#4:400:invalid-country': { how: 'treasury of "X1"', build: () => ({ as: null, params: { countryCode: 'X1' } }) },
  '#4:404:treasury-not-found': { how: 'treasury of a country without one', build: async (ctx, w) => ({ as: null, params: { countryCode: await unusedCountry(ctx, w, 'treasury') } }) },
  '#5:403:not-owner': { how: 'userA reads userB\'s transactions', build: (_, w) => ({ as: 'userA', params: { profileId: w.users.userB.profileId } }) },
  '#5:400:invalid-limit': { how: 'limit=0', build: (_, w) => ({ as: 'userA', params: { profileId: w.users.userA.profileId }, query: { limit: '0' } }) },
  '#5:400:invalid-offset': { how: 'offset=-1', build: (_, w) => ({ as: 'userA', params: { profileId: w.users.userA.profileId }, query: { offset: '-1' } }) },
  '#5:404:wallet-not-found': {
    how: 'an account without a wallet reads its transactions', needs: MINTED,
    build: (ctx, w) => as(ctx, statesOf(w).users.walletless, { params: { profileId: statesOf(w).users.walletless.profileId } }),
  },
  '#6:400:reason-required': { how: 'freeze without a reason', build: (_, w) => ({ as: 'admin', params: { walletId: statesOf(w).users.fresh.walletId }, body: {} }) },
  '#6:404:wallet-not-found': { how: 'freeze a missing wallet', build: (_, w) => ({ as: 'admin', params: { walletId: w.missing.walletId }, body: { reason: nonce(w, 'freeze') } }) },
  '#7:404:wallet-not-found': { how: 'unfreeze a missing wallet', build: (_, w) => ({ as: 'admin', params: { walletId: w.missing.walletId } }) },
};

