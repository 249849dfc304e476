import type { FixtureUser, FixtureWorld } from '../../src/fixtures/types';
import type { Role } from '../../src/profile/target';

/** A synthetic fixture world, shaped like the seeded one, for catalog and example tests. */
export function syntheticWorld(namespace = 'gxv-test1'): FixtureWorld {
  const user = (slug: string, role: Role): FixtureUser => ({
    profileId: `${namespace}-${slug}`,
    email: `${namespace}-${slug}@example.test`,
    password: `pw-${slug}-12345`,
    role,
    tenantId: 'default',
    walletId: `${namespace}-${slug}-wallet`,
    accountId: `${namespace}-${slug}-acct`,
    balance: '1000',
  });
  return {
    namespace,
    tenantId: 'default',
    users: {
      userA: user('usera', 'USER'), userB: user('userb', 'USER'), admin: user('admin', 'ADMIN'),
      superAdmin: user('super', 'SUPER_ADMIN'), partner: user('partner', 'PARTNER_API'), frozen: user('frozen', 'USER'),
    },
    org: { orgId: `${namespace}-org`, pendingTxId: `multisig-${namespace}-org-1` },
    proposedOrgId: `${namespace}-org-proposed`,
    loanId: `loan-${namespace}-usera-1`,
    proposalId: `proposal-${namespace}-param-1`,
    paramId: `${namespace}-param`,
    countryCode: 'ZZ',
    kycId: `${namespace}-kyc`,
    spareCountryCode: 'XQ',
    states: {
      users: {
        suspended: user('suspended', 'USER'), closed: user('closed', 'USER'), deleted: user('deleted', 'USER'),
        walletless: user('walletless', 'USER'), kycApproved: user('kycapproved', 'USER'), fresh: user('fresh', 'USER'),
      },
      freshPhone: '+15550000001', approvedLoanId: `loan-${namespace}-usera-approved`, approvedKycId: `${namespace}-kyc-approved`,
      lists: {
        orgId: `${namespace}-org-lists`, pendingTxIds: [`multisig-${namespace}-org-lists-older`, `multisig-${namespace}-org-lists-newer`],
        executedTxId: `multisig-${namespace}-org-lists-executed`, activeProposalIds: [`proposal-${namespace}-older`, `proposal-${namespace}-newer`],
        executedProposalId: `proposal-${namespace}-executed`,
      },
      pagedOffTxIds: [`${namespace}-page-c`, `${namespace}-page-b`, `${namespace}-page-a`],
    },
    missing: {
      countryCode: 'QZ', profileId: `${namespace}-missing-user`, orgId: `${namespace}-missing-org`, loanId: `loan-${namespace}-missing`,
      proposalId: `proposal-${namespace}-missing`, paramId: `${namespace}-missing-param`, walletId: `${namespace}-missing-wallet`,
    },
  };
}
