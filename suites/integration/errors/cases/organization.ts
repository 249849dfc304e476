import type { FixtureWorld } from '../../../../src/fixtures/types';
import type { CaseTable } from './types';
import { nonce } from './types';

/** §6.3 svc-organization: #8–#15. */

const proposal = (w: FixtureWorld, extra: Record<string, unknown>) => ({
  orgId: nonce(w, 'org'), orgName: 'GXV DocErr Org', orgType: 'BUSINESS',
  stakeholderIds: [w.users.userA.profileId, w.users.userB.profileId], ...extra,
});
const rule = (w: FixtureWorld, extra: Record<string, unknown> = {}) => ({
  // A threshold of its own: no other check's rule definition carries it (ERR-7 attribution).
  rule: { requiredApprovers: 1, approverGroup: [w.users.userA.profileId, w.users.userB.profileId], amountThreshold: '777.123456789', ...extra },
});

export const ORGANIZATION_CASES: CaseTable = {
  '#8:400:required': { how: 'a proposal without orgType and stakeholderIds', build: (_, w) => ({ as: 'userA', body: { orgId: nonce(w, 'org'), orgName: 'GXV DocErr Org' } }) },
  '#8:400:no-stakeholder': {
    how: 'a proposal with stakeholderIds []',
    // ERR-6: shape (400) and ownership (403, the caller is not in []) may come in either order.
    orderAllows: [403],
    build: (_, w) => ({ as: 'userA', body: proposal(w, { stakeholderIds: [] }) }),
  },
  '#8:403:not-stakeholder': { how: 'userA proposes with userB as the only stakeholder', build: (_, w) => ({ as: 'userA', body: proposal(w, { stakeholderIds: [w.users.userB.profileId] }) }) },
  '#8:400:stakeholders-not-found': {
    how: 'a proposal naming a missing stakeholder',
    build: (_, w) => ({ as: 'userA', body: proposal(w, { stakeholderIds: [w.users.userA.profileId, w.missing.profileId] }) }),
  },
  '#8:409:org-exists': { how: 'a proposal reusing the seeded orgId', build: (_, w) => ({ as: 'userA', body: proposal(w, { orgId: w.org.orgId }) }) },
  '#9:404:org-not-found': { how: 'endorse a missing organization', build: (_, w) => ({ as: 'userA', params: { orgId: w.missing.orgId } }) },
  '#10:403:not-stakeholder': { how: 'a PARTNER_API account (no stakeholder) activates the seeded organization', build: (_, w) => ({ as: 'partner', params: { orgId: w.org.orgId } }) },
  '#10:404:org-not-found': { how: 'an admin activates a missing organization', build: (_, w) => ({ as: 'admin', params: { orgId: w.missing.orgId } }) },
  '#11:400:required': { how: 'a rule definition without rule', build: (_, w) => ({ as: 'admin', params: { orgId: w.org.orgId }, body: {} }) },
  '#11:400:required-approvers': { how: 'requiredApprovers 0', build: (_, w) => ({ as: 'admin', params: { orgId: w.org.orgId }, body: rule(w, { requiredApprovers: 0 }) }) },
  '#11:400:approver-group-too-small': {
    how: 'requiredApprovers 3 with two approvers',
    build: (_, w) => ({ as: 'admin', params: { orgId: w.org.orgId }, body: rule(w, { requiredApprovers: 3 }) }),
    // A threshold no transfer reaches: the accepted rule never changes another check's multisig.
    edge: { how: 'requiredApprovers 2 with two approvers', build: (_, w) => ({ as: 'admin', params: { orgId: w.org.orgId }, body: rule(w, { requiredApprovers: 2, amountThreshold: '999999999.123456789' }) }) },
  },
  '#11:403:not-stakeholder': { how: 'a PARTNER_API account defines a rule', build: (_, w) => ({ as: 'partner', params: { orgId: w.org.orgId }, body: rule(w) }) },
  '#11:404:org-not-found': { how: 'an admin defines a rule on a missing organization', build: (_, w) => ({ as: 'admin', params: { orgId: w.missing.orgId }, body: rule(w) }) },
  '#12:400:required': { how: 'a multisig transfer without amount', build: (_, w) => ({ as: 'userA', params: { orgId: w.org.orgId }, body: { toUserId: w.users.userB.profileId, remark: nonce(w, 'docerr') } }) },
  '#12:400:invalid-amount': { how: 'a multisig transfer of -1', build: (_, w) => ({ as: 'userA', params: { orgId: w.org.orgId }, body: { toUserId: w.users.userB.profileId, amount: '-1', remark: nonce(w, 'docerr') } }) },
  '#12:404:org-not-found': { how: 'a multisig transfer from a missing organization', build: (_, w) => ({ as: 'userA', params: { orgId: w.missing.orgId }, body: { toUserId: w.users.userB.profileId, amount: '1' } }) },
  '#13:404:pending-tx-not-found': { how: 'approve a missing pending transaction', build: (_, w) => ({ as: 'userB', params: { pendingTxId: `multisig-${w.missing.orgId}-missing` } }) },
  '#14:404:org-not-found': { how: 'read a missing organization', build: (_, w) => ({ as: null, params: { orgId: w.missing.orgId } }) },
  '#15:404:org-not-found': { how: 'pending transactions of a missing organization', build: (_, w) => ({ as: null, params: { orgId: w.missing.orgId } }) },
};
