/** Contract-shaped success bodies (§6 DTOs) for the catalog's queries, keyed by endpoint id. */
const ts = '2025-01-31T12:00:00.000Z';

export const user = {
  profileId: 'p1', email: 'a@example.test', firstName: 'A', lastName: 'B', phoneNum: null, identityNum: null,
  status: 'VERIFIED', nationalityCountryCode: 'ZZ', createdAt: ts, updatedAt: ts,
};
const kyc = {
  kycId: 'k1', profileId: 'p1', status: 'PENDING', evidenceHash: 'h', evidenceSize: 10, evidenceMime: 'application/pdf',
  verifiedAt: null, verifierDetails: null, createdAt: ts, updatedAt: ts,
};
export const tx = {
  offTxId: 't1', onChainTxId: 'tx1:SENT', walletId: 'w1', type: 'SENT', counterparty: 'p2', amount: '10.5', fee: '0.0105',
  remark: null, timestamp: ts, blockNumber: '12',
};
const proposal = { proposalId: 'proposal-x-1', proposerId: 'p1', status: 'ACTIVE', forVotes: 1, againstVotes: 0 };
const country = { countryCode: 'ZZ', countryName: 'Zedland', region: null };
const loan = { loanId: 'loan-p1-1', borrowerId: 'p1', amount: '100', status: 'PENDING_APPROVAL', collateralHash: '', appliedAt: ts, approvedAt: null };

export const QUERY_SAMPLES: Record<string, unknown> = {
  I1: { accessToken: 'a.b.c', refreshToken: 'd.e.f', user },
  I2: { accessToken: 'a.b.c' },
  I3: { message: 'Logout successful' },
  I5: { user: { ...user, role: 'USER' } },
  I8: { kycStatus: kyc },
  '#3': { balance: { walletId: 'w1', profileId: 'p1', balance: '0', updatedAt: ts, isFrozen: false } },
  '#4': { balance: { countryCode: 'ZZ', balance: '1000000.123456789', updatedAt: ts } },
  '#5': { transactions: [tx, { ...tx, offTxId: 't2', blockNumber: null, type: 'GENESIS', counterparty: null }] },
  '#14': { organization: { orgId: 'o1', orgName: 'Org', status: 'ACTIVE', stakeholders: ['p1', 'p2'], createdAt: ts, orgType: 'NGO' } },
  '#15': {
    pendingTransactions: [{
      txId: 'multisig-o1-1', orgId: 'o1', toId: 'p2', amount: '5', remark: null, status: 'PENDING',
      requiredApprovals: 2, approverGroup: ['p1', 'p2'], approvals: { p1: true },
    }],
  },
  '#18': { loans: [loan, { ...loan, loanId: 'loan-p1-2', status: 'ACTIVE', approvedAt: ts }] },
  '#19': { loan },
  '#23': { proposal },
  '#24': { proposals: [proposal] },
  '#32': { status: { tenantId: 'default', paramKey: 'SYSTEM_STATUS', paramValue: 'ACTIVE', updatedAt: ts } },
  '#33': { parameter: { tenantId: 'default', paramKey: 'FEE_BPS', paramValue: '10', updatedAt: ts } },
  '#34': { stats: { ...country, userCount: 3 } },
  '#35': { countries: [country] },
  '#36': { counters: { totalSupply: '0', totalUsers: 0, totalOrganizations: 0 } },
  '#37': { fee: '0.1' },
  '#39': { eligible: false, reason: 'Unknown account' },
};

/** Wrong-typed variants: each must be rejected by the endpoint's response schema. */
export const BAD_SAMPLES: [id: string, why: string, body: unknown][] = [
  ['#3', 'numeric balance', { balance: { walletId: 'w1', profileId: 'p1', balance: 12.5, updatedAt: ts } }],
  ['#3', 'exponent balance', { balance: { walletId: 'w1', profileId: 'p1', balance: '1e5', updatedAt: ts } }],
  ['#5', 'numeric blockNumber', { transactions: [{ ...tx, blockNumber: 12 }] }],
  ['#5', 'timestamp without ms', { transactions: [{ ...tx, timestamp: '2025-01-31T12:00:00Z' }] }],
  ['#5', 'unknown tx type', { transactions: [{ ...tx, type: 'GIFT' }] }],
  ['#5', 'missing fee', { transactions: [{ ...tx, fee: undefined }] }],
  ['#23', 'string vote count', { proposal: { ...proposal, forVotes: '1' } }],
  ['#36', 'numeric totalSupply', { counters: { totalSupply: 0, totalUsers: 0, totalOrganizations: 0 } }],
  ['#37', 'ten fraction digits', { fee: '0.0000000001' }],
  ['#39', 'string eligible', { eligible: 'false', reason: 'x' }],
  ['#39', 'empty reason', { eligible: false, reason: '' }],
  ['I1', 'user missing status', { accessToken: 'a', refreshToken: 'b', user: { ...user, status: undefined } }],
  ['I8', 'kycStatus absent', {}],
  ['#32', 'lower-case status', { status: { tenantId: 'default', paramKey: 'SYSTEM_STATUS', paramValue: 'active', updatedAt: ts } }],
  ['#1', 'wrong command message', { commandId: 'c1', message: 'Transfer queued' }],
  ['#16', 'loanId missing', { commandId: 'c1', message: 'Loan application submitted. Pending approval.' }],
  ['#12', 'numeric commandId', { commandId: 7, pendingTxId: 'multisig-o-1', message: 'Multi-signature transaction initiated. Waiting for approvals.' }],
];
