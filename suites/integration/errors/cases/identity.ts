import type { CaseTable } from './types';
import { statesOf } from '../../../../src/fixtures/contract-items';
import { as, asMissing, MINTED, nonce } from './types';
import { tokenOf } from '../../support/requests';

/** §6.1 svc-identity: I1–I8. */
const newUser = (w: { namespace: string }, extra: Record<string, unknown> = {}) => ({
  email: `${nonce(w, 'docerr')}@gxv.test`, password: 'gxv-Passw0rd!', firstName: 'Gxv', lastName: nonce(w, 'docerr'), ...extra,
});
const kycBody = { evidenceHash: 'gxv-docerr-evidence', evidenceSize: 512, evidenceMime: 'application/pdf' };

export const IDENTITY_CASES: CaseTable = {
  'I1:400:required': { how: 'login without a password', build: (_, w) => ({ as: null, body: { email: w.users.userA.email } }) },
  'I1:401:invalid-credentials': {
    how: 'login with a wrong password',
    build: (_, w) => ({ as: null, body: { email: w.users.userA.email, password: 'gxv-wrong-password-1' } }),
  },
  'I1:401:inactive': {
    how: 'login of a SUSPENDED account with its right password',
    build: (_, w) => ({ as: null, body: { email: statesOf(w).users.suspended.email, password: statesOf(w).users.suspended.password } }),
  },
  'I2:400:required': { how: 'refresh without a token', build: () => ({ as: null, body: {} }) },
  'I2:401:invalid-refresh': {
    how: 'refresh with an access token',
    build: async (ctx, w) => ({ as: null, body: { refreshToken: await tokenOf(ctx, w.users.userA) } }),
  },
  'I3:400:required': { how: 'logout without a token', build: () => ({ as: null, body: {} }) },
  'I3:401:invalid-refresh': { how: 'logout with a token that is not a JWT', build: () => ({ as: null, body: { refreshToken: 'gxv-not-a-jwt' } }) },
  'I4:400:required': { how: 'register without names', build: (_, w) => ({ as: null, body: { email: newUser(w).email, password: 'gxv-Passw0rd!' } }) },
  'I4:400:invalid-email': { how: 'register with email "gxv-not-an-email"', build: (_, w) => ({ as: null, body: newUser(w, { email: 'gxv-not-an-email' }) }) },
  'I4:400:password-too-short': { how: 'register with a 7-character password', build: (_, w) => ({ as: null, body: newUser(w, { password: 'Gxv-7ch' }) }) },
  'I4:400:password-too-long': { how: 'register with a 129-character password', build: (_, w) => ({ as: null, body: newUser(w, { password: 'P'.repeat(129) }) }) },
  'I4:400:duplicate-email': { how: 'register with userA\'s email', build: (_, w) => ({ as: null, body: newUser(w, { email: w.users.userA.email }) }) },
  'I4:400:duplicate-phone': { how: 'register with the fresh account\'s phone number', build: (_, w) => ({ as: null, body: newUser(w, { phoneNum: statesOf(w).freshPhone }) }) },
  'I5:403:not-owner': { how: 'userA reads userB\'s profile', build: (_, w) => ({ as: 'userA', params: { id: w.users.userB.profileId } }) },
  'I5:404:user-not-found': { how: 'a token of a missing profile reads its own profile', needs: MINTED, build: (ctx, w) => asMissing(ctx, w, { params: { id: w.missing.profileId } }) },
  'I6:403:not-owner': { how: 'userA updates userB', build: (_, w) => ({ as: 'userA', params: { id: w.users.userB.profileId }, body: { lastName: 'Gxv' } }) },
  'I6:400:no-fields': { how: 'userA updates itself with an empty body', build: (_, w) => ({ as: 'userA', params: { id: w.users.userA.profileId }, body: {} }) },
  'I6:404:user-not-found': {
    how: 'a token of a missing profile updates itself', needs: MINTED,
    build: (ctx, w) => asMissing(ctx, w, { params: { id: w.missing.profileId }, body: { lastName: 'Gxv' } }),
  },
  'I6:400:duplicate-phone': {
    how: 'userA takes the fresh account\'s phone number',
    build: (_, w) => ({ as: 'userA', params: { id: w.users.userA.profileId }, body: { phoneNum: statesOf(w).freshPhone } }),
  },
  'I7:403:not-owner': { how: 'userA submits KYC for userB', build: (_, w) => ({ as: 'userA', params: { id: w.users.userB.profileId }, body: kycBody }) },
  'I7:400:required': { how: 'userA submits KYC without evidence', build: (_, w) => ({ as: 'userA', params: { id: w.users.userA.profileId }, body: { evidenceHash: 'gxv' } }) },
  'I7:404:user-not-found': {
    how: 'a token of a missing profile submits KYC', needs: MINTED,
    build: (ctx, w) => asMissing(ctx, w, { params: { id: w.missing.profileId }, body: kycBody }),
  },
  'I7:409:kyc-approved': {
    how: 'an account with an APPROVED KYC submits again', needs: MINTED,
    build: (ctx, w) => as(ctx, statesOf(w).users.kycApproved, { params: { id: statesOf(w).users.kycApproved.profileId }, body: kycBody }),
  },
  'I8:403:not-owner': { how: 'userA reads userB\'s KYC', build: (_, w) => ({ as: 'userA', params: { id: w.users.userB.profileId } }) },
  'I8:404:user-not-found': { how: 'a token of a missing profile reads its KYC', needs: MINTED, build: (ctx, w) => asMissing(ctx, w, { params: { id: w.missing.profileId } }) },
};

