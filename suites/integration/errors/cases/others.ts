import type { FixtureWorld } from '../../../../src/fixtures/types';
import { statesOf } from '../../../../src/fixtures/contract-items';
import type { CaseTable } from './types';
import { asMissing, MINTED, nonce, unusedCountry } from './types';

/** §6.4–§6.7: svc-loanpool #16–#19, svc-governance #20–#23, svc-admin #26–#34, svc-tax #37–#39. */

const loan = (w: FixtureWorld, extra: Record<string, unknown>) => ({ borrowerId: w.users.userA.profileId, amount: '10', collateralHash: nonce(w, 'collateral'), ...extra });
const proposal = (w: FixtureWorld, extra: Record<string, unknown>) => ({ targetParam: w.paramId, newValue: nonce(w, 'value'), proposerId: w.users.userA.profileId, ...extra });

export const LOANPOOL_CASES: CaseTable = {
  '#16:400:required': { how: 'a loan application without collateralHash', build: (_, w) => ({ as: 'userA', body: { borrowerId: w.users.userA.profileId, amount: '10.123457' } }) },
  '#16:400:invalid-amount': { how: 'a loan of amount "0"', build: (_, w) => ({ as: 'userA', body: loan(w, { amount: '0' }) }) },
  '#16:403:not-owner': { how: 'userA applies for userB', build: (_, w) => ({ as: 'userA', body: loan(w, { borrowerId: w.users.userB.profileId }) }) },
  '#16:400:borrower-not-found': {
    how: 'a token of a missing profile applies for itself', needs: MINTED,
    build: (ctx, w) => asMissing(ctx, w, { body: loan(w, { borrowerId: w.missing.profileId }) }),
  },
  '#17:404:loan-not-found': { how: 'approve a missing loan', build: (_, w) => ({ as: 'admin', params: { loanId: w.missing.loanId } }) },
  '#17:400:not-pending': { how: 'approve a loan that is already ACTIVE', build: (_, w) => ({ as: 'admin', params: { loanId: statesOf(w).approvedLoanId } }) },
  '#18:403:not-owner': { how: 'userA reads userB\'s loans', build: (_, w) => ({ as: 'userA', params: { borrowerId: w.users.userB.profileId } }) },
  '#19:404:loan-not-found': { how: 'userB reads userA\'s loan', build: (_, w) => ({ as: 'userB', params: { loanId: w.loanId } }) },
};

export const GOVERNANCE_CASES: CaseTable = {
  '#20:400:required': { how: 'a proposal without newValue', build: (_, w) => ({ as: 'userA', body: { targetParam: nonce(w, 'param'), proposerId: w.users.userA.profileId } }) },
  '#20:403:not-owner': { how: 'userA proposes as userB', build: (_, w) => ({ as: 'userA', body: proposal(w, { proposerId: w.users.userB.profileId }) }) },
  // Shape comes before existence (ERR-6): a proposal id of the case's own keeps its rows apart from real votes.
  '#21:400:required': { how: 'a vote without vote', build: (_, w) => ({ as: 'userB', params: { proposalId: `proposal-${nonce(w, 'p')}` }, body: {} }) },
  '#21:400:vote-not-boolean': { how: 'vote "true" (a string)', build: (_, w) => ({ as: 'userB', params: { proposalId: `proposal-${nonce(w, 'p')}` }, body: { vote: 'true' } }) },
  '#21:404:proposal-not-found': { how: 'vote on a missing proposal', build: (_, w) => ({ as: 'userB', params: { proposalId: w.missing.proposalId }, body: { vote: true } }) },
  '#22:404:proposal-not-found': { how: 'execute a missing proposal', build: (_, w) => ({ as: 'admin', params: { proposalId: w.missing.proposalId } }) },
  '#23:404:proposal-not-found': { how: 'read a missing proposal', build: (_, w) => ({ as: null, params: { proposalId: w.missing.proposalId } }) },
};

export const ADMIN_CASES: CaseTable = {
  '#26:400:invalid-field': { how: 'countriesData []', build: () => ({ as: 'superAdmin', body: { countriesData: [] } }) },
  '#27:400:invalid-field': { how: 'a parameter update without newValue', build: (_, w) => ({ as: 'superAdmin', body: { paramId: nonce(w, 'param') } }) },
  '#28:400:invalid-field': { how: 'a pause with reason ""', build: () => ({ as: 'superAdmin', body: { reason: '' } }) },
  '#30:400:invalid-field': { how: 'an appointment without newAdminId', build: () => ({ as: 'superAdmin', body: {} }) },
  '#30:400:user-not-found': { how: 'appoint a missing profile', build: (_, w) => ({ as: 'superAdmin', body: { newAdminId: w.missing.profileId } }) },
  '#31:400:invalid-field': { how: 'activate the treasury of "X"', build: () => ({ as: 'superAdmin', body: { countryCode: 'X' } }) },
  '#33:404:parameter-not-found': { how: 'read a missing parameter', build: (_, w) => ({ as: null, params: { paramId: w.missing.paramId } }) },
  '#34:400:invalid-country': { how: 'stats of "X1"', build: () => ({ as: null, params: { countryCode: 'X1' } }) },
  '#34:404:country-not-found': { how: 'stats of an unknown country', build: async (ctx, w) => ({ as: null, params: { countryCode: await unusedCountry(ctx, w, 'country') } }) },
};

export const TAX_CASES: CaseTable = {
  '#37:400:invalid-amount': { how: 'a fee for amount "0"', build: () => ({ as: null, body: { amount: '0' } }) },
  '#38:400:invalid-field': { how: 'velocity tax without taxRateBps', build: (_, w) => ({ as: 'admin', body: { accountId: statesOf(w).users.fresh.accountId } }) },
  '#39:400:invalid-account-id': { how: 'eligibility of a 129-character accountId', build: () => ({ as: null, params: { accountId: 'a'.repeat(129) } }) },
};
