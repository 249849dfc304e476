import { EndorseError, type Contract } from '@hyperledger/fabric-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedFabric } from '../../sandbox/fabric';
import { connectClient, json, startFabric } from './helpers';

/**
 * The GX chaincode through the real client: each row submits one function and expects either the
 * listed events (name + payload subset, in order) or an endorsement refusal matching `reject`.
 * Rows run in order and build on each other's state.
 */
interface Row {
  call: string;
  args: string[];
  events?: Array<[string, Record<string, unknown>?]>;
  reject?: RegExp;
}

let fabric: StartedFabric;
let contract: Contract;
let close: () => void;
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  ({ fabric } = await startFabric());
  const client = connectClient(fabric);
  close = client.close;
  contract = client.gateway.getNetwork('gxchannel').getContract('gxtv3');
  fabric.ledger.seed({
    params: { FEE_RATE: '10', SYSTEM_STATUS: 'ACTIVE', SYSTEM_BOOTSTRAPPED: 'false' },
    countries: [{ countryCode: 'KE', countryName: 'Kenya', treasuryActive: true, treasuryBalance: '5000' }],
    users: [
      { userId: 'ua', nationality: 'KE', wallet: { balance: '1000' } },
      { userId: 'ub', wallet: { balance: '10' } },
      { userId: 'carol' },
      { userId: 'frozen', wallet: { balance: '50', frozen: true } },
      { userId: 'admin', role: 'ADMIN' },
      { userId: 'approved-kyc', kycStatus: 'APPROVED' },
      { userId: 'old-sender', wallet: { accountId: 'acct-old', balance: '100', lastSentAt: new Date(Date.now() - 60 * DAY).toISOString() } },
      { userId: 'recent-sender', wallet: { balance: '100', lastSentAt: new Date().toISOString() } },
      { userId: 'empty', wallet: { balance: '0' } },
    ],
    orgs: [
      { orgId: 'orgA', orgName: 'Org A', status: 'ACTIVE', stakeholders: ['ua', 'ub'], wallet: { balance: '500' } },
      { orgId: 'orgP', orgName: 'Org P', status: 'PROPOSED', stakeholders: ['ua'] },
    ],
    proposals: [
      { proposalId: 'p-open', proposerId: 'ua', targetParam: 'FEE_RATE', newValue: '11', endTime: new Date(Date.now() + DAY).toISOString() },
      { proposalId: 'p-passed', proposerId: 'ua', targetParam: 'FEE_RATE', newValue: '15', endTime: new Date(Date.now() - 1000).toISOString(), votesFor: 2, votesAgainst: 1, voters: ['ua', 'ub', 'carol'] },
      { proposalId: 'p-failed', proposerId: 'ua', targetParam: 'FEE_RATE', newValue: '16', endTime: new Date(Date.now() - 1000).toISOString(), votesFor: 1, votesAgainst: 1, voters: ['ua', 'ub'] },
    ],
  });
});

afterAll(async () => {
  close?.();
  await fabric?.stop();
});

async function runRow(row: Row): Promise<void> {
  if (row.reject) {
    const err = await contract.submitTransaction(row.call, ...row.args).then(() => null, (e) => e);
    expect(err, `${row.call} should be refused`).toBeInstanceOf(EndorseError);
    expect(err.details[0].message).toMatch(row.reject);
    return;
  }
  const submitted = await contract.submitAsync(row.call, { arguments: row.args });
  const status = await submitted.getStatus();
  expect(status.successful).toBe(true);
  const committed = fabric.ledger.raw.findTx(submitted.getTransactionId())!;
  const events = committed.tx.events.map((e) => ({ name: e.eventName, payload: json(e.payload) }));
  expect(events.map((e) => e.name)).toEqual((row.events ?? []).map(([name]) => name));
  (row.events ?? []).forEach(([, payload], i) => {
    if (payload) expect(events[i].payload).toMatchObject(payload);
    expect(events[i].payload.timestamp).toBe(committed.tx.timestamp.toISOString());
  });
}

const query = async (call: string, ...args: string[]) => json(await contract.evaluateTransaction(call, ...args));
const label = (row: Row) => `${row.call}(${row.args.map((a) => (a.length > 24 ? a.slice(0, 24) + '…' : a)).join(', ')}) → ${row.reject ? `refused ${row.reject}` : (row.events ?? []).map(([n]) => n).join(', ') || 'ok'}`;

const identityRows: Row[] = [
  { call: 'IdentityContract:CreateUser', args: ['n1', 'bio-n1', 'ke', '30'], events: [['UserCreated', { userId: 'n1', countryCode: 'KE', biometricHash: 'bio-n1' }], ['WalletCreated', { userId: 'n1', accountId: 'n1', initialBalance: '0' }]] },
  { call: 'IdentityContract:CreateUser', args: ['n2', 'bio-n2', '', ''], events: [['UserCreated', { userId: 'n2', countryCode: '' }], ['WalletCreated']] },
  { call: 'IdentityContract:CreateUser', args: ['n1', 'bio-other', '', ''], reject: /User n1 already exists/ },
  { call: 'IdentityContract:CreateUser', args: ['n3', 'bio-n1', '', ''], reject: /biometric hash already exists/ },
  { call: 'IdentityContract:CreateUser', args: ['n3', 'bio-n3', 'ZZ', ''], reject: /Country ZZ is not initialized/ },
  { call: 'IdentityContract:CreateUser', args: ['n3', 'bio-n3', '', '17'], reject: /at least 18/ },
  { call: 'IdentityContract:CreateUser', args: ['n3', 'bio-n3', '', 'old'], reject: /age must be an integer/ },
  { call: 'IdentityContract:CreateUser', args: ['n3', 'bio-n3', ''], reject: /Expected 4 parameters, but 3/ },
  { call: 'IdentityContract:UpdateUserProfile', args: ['n1', '{"firstName":"Ann"}'], events: [['UserProfileUpdated', { userId: 'n1', changes: { firstName: 'Ann' } }]] },
  { call: 'IdentityContract:UpdateUserProfile', args: ['ghost', '{"firstName":"Ann"}'], reject: /User ghost does not exist/ },
  { call: 'IdentityContract:UpdateUserProfile', args: ['n1', '{firstName'], reject: /valid JSON/ },
  { call: 'IdentityContract:SubmitKYC', args: ['n1', 'kyc-1', 'sha-abc', '1234', 'image/png'], events: [['KYCSubmitted', { userId: 'n1', kycId: 'kyc-1', evidenceSize: 1234, evidenceMime: 'image/png' }]] },
  { call: 'IdentityContract:SubmitKYC', args: ['approved-kyc', 'kyc-2', 'sha', '1', 'image/png'], reject: /already approved/ },
  { call: 'IdentityContract:SubmitKYC', args: ['ghost', 'kyc-3', 'sha', '1', 'image/png'], reject: /does not exist/ },
  { call: 'IdentityContract:Nope', args: [], reject: /function that does not exist: IdentityContract:Nope/ },
];

const tokenRows: Row[] = [
  { call: 'TokenomicsContract:TransferTokens', args: ['ua', 'ub', '100', 'rent'], events: [['TransferCompleted', { fromUserId: 'ua', toUserId: 'ub', amount: '100', fee: '0.1', remark: 'rent' }]] },
  { call: 'TokenomicsContract:TransferTokens', args: ['ua', 'ub', '1.23456789', ''], events: [['TransferCompleted', { amount: '1.23456789', fee: '0.001234568' }]] },
  { call: 'TokenomicsContract:TransferTokens', args: ['ua', 'ua', '1', ''], reject: /same account/ },
  { call: 'TokenomicsContract:TransferTokens', args: ['ua', 'ghost', '1', ''], reject: /Account ghost does not exist/ },
  { call: 'TokenomicsContract:TransferTokens', args: ['ua', 'ub', '0', ''], reject: /greater than 0/ },
  { call: 'TokenomicsContract:TransferTokens', args: ['ua', 'ub', '-5', ''], reject: /decimal string/ },
  { call: 'TokenomicsContract:TransferTokens', args: ['ua', 'ub', '1e3', ''], reject: /decimal string/ },
  { call: 'TokenomicsContract:TransferTokens', args: ['ua', 'ub', '1.1234567891', ''], reject: /at most 9 fraction digits/ },
  { call: 'TokenomicsContract:TransferTokens', args: ['carol', 'ub', '1', ''], reject: /Insufficient balance/ },
  { call: 'TokenomicsContract:TransferTokens', args: ['frozen', 'ua', '1', ''], reject: /Account frozen is frozen/ },
  { call: 'TokenomicsContract:TransferTokens', args: ['ua', 'frozen', '1', ''], events: [['TransferCompleted', { toUserId: 'frozen' }]] },
  { call: 'TokenomicsContract:DistributeGenesis', args: ['ua', 'KE'], events: [['GenesisDistributed', { userId: 'ua', amount: '1000', tier: 'TIER_1' }]] },
  { call: 'TokenomicsContract:DistributeGenesis', args: ['ua', 'KE'], reject: /already distributed/ },
  { call: 'TokenomicsContract:DistributeGenesis', args: ['ub', 'ZZ'], reject: /Country ZZ is not initialized/ },
  { call: 'TokenomicsContract:DistributeGenesis', args: ['ghost', 'KE'], reject: /User ghost does not exist/ },
  { call: 'TokenomicsContract:FreezeWallet', args: ['ub', 'fraud'], events: [['WalletFrozen', { userId: 'ub', reason: 'fraud' }]] },
  { call: 'TokenomicsContract:TransferTokens', args: ['ub', 'ua', '1', ''], reject: /is frozen/ },
  { call: 'TokenomicsContract:UnfreezeWallet', args: ['ub'], events: [['WalletUnfrozen', { userId: 'ub' }]] },
  { call: 'TokenomicsContract:FreezeWallet', args: ['ghost', 'fraud'], reject: /does not exist/ },
  { call: 'TokenomicsContract:FreezeWallet', args: ['ub', ''], reject: /reason must have 1-256/ },
];

const orgRows: Row[] = [
  { call: 'OrganizationContract:ProposeOrganization', args: ['org-new', 'New Org', 'NGO', '["ua","ub"]'], events: [['OrganizationProposed', { orgId: 'org-new', orgName: 'New Org', orgType: 'NGO', stakeholderIds: ['ua', 'ub'] }]] },
  { call: 'OrganizationContract:ProposeOrganization', args: ['org-new', 'New Org', 'NGO', '["ua"]'], reject: /already exists/ },
  { call: 'OrganizationContract:ProposeOrganization', args: ['org-x', 'X', 'NGO', '["ua","ghost"]'], reject: /Stakeholder ghost does not exist/ },
  { call: 'OrganizationContract:ProposeOrganization', args: ['org-x', 'X', 'CLUB', '["ua"]'], reject: /orgType must be one of/ },
  { call: 'OrganizationContract:ProposeOrganization', args: ['org-x', 'X', 'NGO', '"ua"'], reject: /JSON array/ },
  { call: 'OrganizationContract:EndorseMembership', args: ['org-new', 'ua'], events: [['MembershipEndorsed', { orgId: 'org-new', endorserId: 'ua' }]] },
  { call: 'OrganizationContract:EndorseMembership', args: ['org-new', 'ua'], reject: /already endorsed/ },
  { call: 'OrganizationContract:EndorseMembership', args: ['org-new', 'carol'], reject: /not a stakeholder/ },
  { call: 'OrganizationContract:EndorseMembership', args: ['org-ghost', 'ua'], reject: /Organization org-ghost does not exist/ },
  { call: 'OrganizationContract:ActivateOrganization', args: ['org-new'], reject: /Endorsements incomplete: waiting for ub/ },
  { call: 'OrganizationContract:EndorseMembership', args: ['org-new', 'ub'], events: [['MembershipEndorsed']] },
  { call: 'OrganizationContract:ActivateOrganization', args: ['org-new'], events: [['OrganizationActivated', { orgId: 'org-new' }], ['WalletCreated', { userId: 'org-new', accountId: 'org-new', initialBalance: '0' }]] },
  { call: 'OrganizationContract:ActivateOrganization', args: ['org-new'], reject: /already active/ },
  { call: 'OrganizationContract:DefineAuthRule', args: ['orgA', '{"requiredApprovers":2,"approverGroup":["ua","ub"],"amountThreshold":"100"}'], events: [['AuthRuleDefined', { orgId: 'orgA', ruleId: 'rule-1', threshold: 2, signers: ['ua', 'ub'], amountThreshold: '100' }]] },
  { call: 'OrganizationContract:DefineAuthRule', args: ['orgA', '{"requiredApprovers":1,"approverGroup":["carol"]}'], reject: /Approver carol is not a stakeholder/ },
  { call: 'OrganizationContract:DefineAuthRule', args: ['orgA', '{"requiredApprovers":0,"approverGroup":["ua"]}'], reject: /at least 1/ },
  { call: 'OrganizationContract:InitiateMultiSigTx', args: ['ms-small', 'orgA', 'ua', 'carol', '50', 'small'], events: [['MultiSigTxInitiated', { txId: 'ms-small', orgId: 'orgA', proposerId: 'ua', operation: 'TRANSFER', params: { toUserId: 'carol', amount: '50', remark: 'small' }, requiredSignatures: 1, ruleId: null }]] },
  { call: 'OrganizationContract:InitiateMultiSigTx', args: ['ms-big', 'orgA', 'ua', 'carol', '200', 'big'], events: [['MultiSigTxInitiated', { requiredSignatures: 2, ruleId: 'rule-1' }]] },
  { call: 'OrganizationContract:InitiateMultiSigTx', args: ['ms-big', 'orgA', 'ua', 'carol', '200', ''], reject: /already exists/ },
  { call: 'OrganizationContract:InitiateMultiSigTx', args: ['ms-p', 'orgP', 'ua', 'carol', '1', ''], reject: /not ACTIVE/ },
  { call: 'OrganizationContract:InitiateMultiSigTx', args: ['ms-c', 'orgA', 'carol', 'ua', '1', ''], reject: /carol is not a stakeholder/ },
  { call: 'OrganizationContract:InitiateMultiSigTx', args: ['ms-c', 'orgA', 'ua', 'ghost', '1', ''], reject: /Account ghost does not exist/ },
  { call: 'OrganizationContract:ApproveMultiSigTx', args: ['ms-big', 'ua'], events: [['MultiSigTxApproved', { txId: 'ms-big', approverId: 'ua' }]] },
  { call: 'OrganizationContract:ApproveMultiSigTx', args: ['ms-big', 'ua'], reject: /already approved/ },
  { call: 'OrganizationContract:ApproveMultiSigTx', args: ['ms-big', 'carol'], reject: /carol may not approve/ },
  { call: 'OrganizationContract:ApproveMultiSigTx', args: ['ms-big', 'ub'], events: [['MultiSigTxApproved', { approverId: 'ub' }], ['MultiSigTxExecuted', { txId: 'ms-big' }], ['TransferCompleted', { fromUserId: 'orgA', toUserId: 'carol', amount: '200', fee: '0.2', remark: 'big' }]] },
  { call: 'OrganizationContract:ApproveMultiSigTx', args: ['ms-big', 'ub'], reject: /EXECUTED, not PENDING/ },
  { call: 'OrganizationContract:ApproveMultiSigTx', args: ['ms-ghost', 'ua'], reject: /does not exist/ },
  { call: 'OrganizationContract:InitiateMultiSigTx', args: ['ms-broke', 'orgA', 'ub', 'carol', '400', ''], events: [['MultiSigTxInitiated', { requiredSignatures: 2 }]] },
  { call: 'OrganizationContract:ApproveMultiSigTx', args: ['ms-broke', 'ua'], events: [['MultiSigTxApproved']] },
  { call: 'OrganizationContract:ApproveMultiSigTx', args: ['ms-broke', 'ub'], reject: /Insufficient balance/ },
];

const loanRows: Row[] = [
  { call: 'LoanPoolContract:ApplyForLoan', args: ['loan-ua-1', 'ua', '250', 'collat'], events: [['LoanApplicationReceived', { loanId: 'loan-ua-1', borrowerId: 'ua', amount: '250', collateralHash: 'collat' }]] },
  { call: 'LoanPoolContract:ApplyForLoan', args: ['loan-ua-1', 'ua', '250', 'collat'], reject: /already exists/ },
  { call: 'LoanPoolContract:ApplyForLoan', args: ['loan-gh-1', 'ghost', '250', 'c'], reject: /Borrower ghost does not exist/ },
  { call: 'LoanPoolContract:ApplyForLoan', args: ['loan-ua-2', 'ua', '0', 'c'], reject: /greater than 0/ },
  { call: 'LoanPoolContract:ApproveLoan', args: ['loan-ua-1', 'admin'], events: [['LoanApproved', { loanId: 'loan-ua-1', approvedBy: 'admin', borrowerId: 'ua', amount: '250' }]] },
  { call: 'LoanPoolContract:ApproveLoan', args: ['loan-ua-1', 'admin'], reject: /ACTIVE, not PENDING_APPROVAL/ },
  { call: 'LoanPoolContract:ApproveLoan', args: ['loan-ghost', 'admin'], reject: /does not exist/ },
];

const governanceRows: Row[] = [
  { call: 'GovernanceContract:SubmitProposal', args: ['p-new', 'FEE_RATE', '20', 'ua'], events: [['ProposalSubmitted', { proposalId: 'p-new', proposerId: 'ua', targetParam: 'FEE_RATE', newValue: '20' }]] },
  { call: 'GovernanceContract:SubmitProposal', args: ['p-new', 'FEE_RATE', '20', 'ua'], reject: /already exists/ },
  { call: 'GovernanceContract:SubmitProposal', args: ['p-2', 'SYSTEM_STATUS', 'PAUSED', 'ua'], reject: /well-known/ },
  { call: 'GovernanceContract:SubmitProposal', args: ['p-3', 'NOT_A_PARAM', '1', 'ua'], reject: /System parameter NOT_A_PARAM does not exist/ },
  { call: 'GovernanceContract:VoteOnProposal', args: ['p-open', 'true', 'ua'], events: [['VoteCast', { proposalId: 'p-open', voterId: 'ua', support: true }]] },
  { call: 'GovernanceContract:VoteOnProposal', args: ['p-open', 'false', 'ub'], events: [['VoteCast', { support: false }]] },
  { call: 'GovernanceContract:VoteOnProposal', args: ['p-open', 'true', 'ua'], reject: /already voted/ },
  { call: 'GovernanceContract:VoteOnProposal', args: ['p-open', 'yes', 'carol'], reject: /vote must be "true" or "false"/ },
  { call: 'GovernanceContract:VoteOnProposal', args: ['p-passed', 'true', 'admin'], reject: /Voting period of p-passed ended/ },
  { call: 'GovernanceContract:VoteOnProposal', args: ['p-ghost', 'true', 'ua'], reject: /does not exist/ },
  { call: 'GovernanceContract:ExecuteProposal', args: ['p-open'], reject: /still open/ },
  { call: 'GovernanceContract:ExecuteProposal', args: ['p-failed'], reject: /did not pass \(1 for, 1 against\)/ },
  { call: 'GovernanceContract:ExecuteProposal', args: ['p-passed'], events: [['ProposalExecuted', { proposalId: 'p-passed' }]] },
  { call: 'GovernanceContract:ExecuteProposal', args: ['p-passed'], reject: /EXECUTED, not ACTIVE/ },
];

const adminRows: Row[] = [
  { call: 'AdminContract:BootstrapSystem', args: [], events: [['SystemBootstrapped']] },
  { call: 'AdminContract:BootstrapSystem', args: [], reject: /already bootstrapped/ },
  { call: 'AdminContract:InitializeCountryData', args: ['[{"code":"gh","name":"Ghana","region":"West Africa"},{"code":"TZ","name":"Tanzania"}]'], events: [['CountryDataInitialized', { countryCode: 'GH', countryName: 'Ghana', region: 'West Africa' }], ['CountryDataInitialized', { countryCode: 'TZ', countryName: 'Tanzania', region: null }]] },
  { call: 'AdminContract:InitializeCountryData', args: ['{"code":"GH"}'], reject: /JSON array of 1-300/ },
  { call: 'AdminContract:InitializeCountryData', args: ['[{"code":"GH","name":"Ghana"},{"code":"gh","name":"Ghana"}]'], reject: /lists GH twice/ },
  { call: 'AdminContract:InitializeCountryData', args: ['[{"code":"GHA","name":"Ghana"}]'], reject: /two-letter country code/ },
  { call: 'AdminContract:UpdateSystemParameter', args: ['FEE_RATE', '30'], events: [['SystemParameterUpdated', { paramKey: 'FEE_RATE', paramValue: '30' }]] },
  { call: 'AdminContract:UpdateSystemParameter', args: ['SYSTEM_STATUS', 'PAUSED'], reject: /well-known/ },
  { call: 'AdminContract:UpdateSystemParameter', args: ['COUNTRY_KE_INITIALIZED', 'false'], reject: /well-known/ },
  { call: 'AdminContract:AppointAdmin', args: ['ub'], events: [['AdminAppointed', { adminId: 'ub' }]] },
  { call: 'AdminContract:AppointAdmin', args: ['ghost'], reject: /User ghost does not exist/ },
  { call: 'AdminContract:ActivateTreasuryAccount', args: ['gh'], events: [['TreasuryActivated', { countryCode: 'GH' }], ['WalletCreated', { userId: 'treasury_GH', accountId: 'treasury_GH' }]] },
  { call: 'AdminContract:ActivateTreasuryAccount', args: ['GH'], reject: /already active/ },
  { call: 'AdminContract:ActivateTreasuryAccount', args: ['ZZ'], reject: /Country ZZ is not initialized/ },
  { call: 'AdminContract:ResumeSystem', args: [], reject: /not paused/ },
  { call: 'AdminContract:PauseSystem', args: ['maintenance'], events: [['SystemPaused', { reason: 'maintenance' }]] },
  { call: 'AdminContract:PauseSystem', args: ['again'], reject: /already paused/ },
  { call: 'TokenomicsContract:TransferTokens', args: ['ua', 'ub', '1', ''], reject: /System is paused/ },
  { call: 'TokenomicsContract:DistributeGenesis', args: ['n1', 'KE'], reject: /System is paused/ },
  { call: 'AdminContract:ResumeSystem', args: [], events: [['SystemResumed']] },
  { call: 'TokenomicsContract:TransferTokens', args: ['ua', 'ub', '1', ''], events: [['TransferCompleted']] },
];

const taxRows: Row[] = [
  { call: 'TaxAndFeeContract:ApplyVelocityTax', args: ['acct-old', '250'], events: [['VelocityTaxApplied', { accountId: 'acct-old', taxAmount: '2.5', taxRateBps: 250 }]] },
  { call: 'TaxAndFeeContract:ApplyVelocityTax', args: ['recent-sender', '250'], reject: /not eligible.*last 30 days/ },
  { call: 'TaxAndFeeContract:ApplyVelocityTax', args: ['treasury_KE', '250'], reject: /Treasury accounts are exempt/ },
  { call: 'TaxAndFeeContract:ApplyVelocityTax', args: ['empty', '250'], reject: /Balance is zero/ },
  { call: 'TaxAndFeeContract:ApplyVelocityTax', args: ['ghost', '250'], reject: /Account ghost does not exist/ },
  { call: 'TaxAndFeeContract:ApplyVelocityTax', args: ['acct-old', '0'], reject: /between 1 and 10000/ },
  { call: 'TaxAndFeeContract:ApplyVelocityTax', args: ['acct-old', '10001'], reject: /between 1 and 10000/ },
  { call: 'TaxAndFeeContract:ApplyVelocityTax', args: ['acct-old', '2.5'], reject: /must be an integer/ },
];

describe('GX chaincode on the emulated peer', () => {
  describe('IdentityContract', () => {
    it.each(identityRows.map((r) => [label(r), r] as const))('%s', async (_, row) => runRow(row));
    it('GetUser shows the ledger state', async () => {
      expect(await query('IdentityContract:GetUser', 'n1')).toMatchObject({ userId: 'n1', nationality: 'KE', age: 30, kycStatus: 'PENDING', profile: { firstName: 'Ann' } });
    });
  });
  describe('TokenomicsContract', () => {
    it.each(tokenRows.map((r) => [label(r), r] as const))('%s', async (_, row) => runRow(row));
    it('balances are exact (amount + fee debited, amount credited, genesis minted)', async () => {
      // ua: 1000 − 100.1 − (1.23456789 + 0.001234568) − 1.001 + 1000 (genesis)
      expect((await query('TokenomicsContract:GetBalance', 'ua')).balance).toBe('1897.663197542');
      expect((await query('TokenomicsContract:GetBalance', 'ub')).balance).toBe('111.23456789');
      expect((await query('TokenomicsContract:GetBalance', 'frozen')).balance).toBe('51');
    });
  });
  describe('OrganizationContract', () => {
    it.each(orgRows.map((r) => [label(r), r] as const))('%s', async (_, row) => runRow(row));
    it('the multisig transfer moved the organization funds', async () => {
      expect((await query('TokenomicsContract:GetBalance', 'orgA')).balance).toBe('299.8');
      expect(await query('OrganizationContract:GetMultiSigTx', 'ms-big')).toMatchObject({ status: 'EXECUTED', approvers: ['ua', 'ub'] });
      expect(await query('OrganizationContract:GetOrganization', 'org-new')).toMatchObject({ status: 'ACTIVE', endorsers: ['ua', 'ub'] });
    });
  });
  describe('LoanPoolContract', () => {
    it.each(loanRows.map((r) => [label(r), r] as const))('%s', async (_, row) => runRow(row));
    it('GetLoan shows the approved loan', async () => {
      expect(await query('LoanPoolContract:GetLoan', 'loan-ua-1')).toMatchObject({ status: 'ACTIVE', approvedBy: 'admin', amount: '250' });
    });
  });
  describe('GovernanceContract', () => {
    it.each(governanceRows.map((r) => [label(r), r] as const))('%s', async (_, row) => runRow(row));
    it('an executed proposal set its parameter; votes are counted', async () => {
      expect(await query('AdminContract:GetSystemParameter', 'FEE_RATE')).toMatchObject({ paramKey: 'FEE_RATE', paramValue: '15' });
      expect(await query('GovernanceContract:GetProposal', 'p-open')).toMatchObject({ votesFor: 1, votesAgainst: 1, voters: ['ua', 'ub'] });
    });
  });
  describe('AdminContract', () => {
    it.each(adminRows.map((r) => [label(r), r] as const))('%s', async (_, row) => runRow(row));
    it('parameters, countries and roles are on the ledger', async () => {
      expect(await query('AdminContract:GetSystemParameter', 'SYSTEM_STATUS')).toMatchObject({ paramValue: 'ACTIVE' });
      expect(await query('AdminContract:GetCountry', 'GH')).toEqual({ countryCode: 'GH', countryName: 'Ghana', region: 'West Africa' });
      expect(await query('IdentityContract:GetUser', 'ub')).toMatchObject({ role: 'ADMIN' });
      const err = await contract.evaluateTransaction('AdminContract:GetSystemParameter', 'SYSTEM_PAUSE_REASON').catch((e) => e);
      expect(err.details[0].message).toContain('does not exist');
    });
  });
  describe('TaxAndFeeContract', () => {
    it.each(taxRows.map((r) => [label(r), r] as const))('%s', async (_, row) => runRow(row));
    it('the tax was debited from the account', async () => {
      expect((await query('TokenomicsContract:GetBalance', 'old-sender')).balance).toBe('97.5');
      expect(await query('TaxAndFeeContract:CheckVelocityTaxEligibility', 'recent-sender')).toMatchObject({ eligible: false });
    });
  });
});
