import { endpointById } from '../../../src/catalog/index';
import { sendTo } from '../support/requests';
import { world } from '../support/requests';
import type { RoundTrip } from './support/context';
import { fixtureToken, fixtureUser, type FreshUser, type Record_ } from './support/actors';
import { add, same, sub } from './support/decimal';
import { balanceOf, Expect, one, param, walletOf } from './support/read-model';
import { eventField, mustRoundTrip } from './support/roundtrip';
import { transfer } from './steps-money';
import { TEST_COUNTRY_CODES } from '../../../src/fixtures/ids';

/** RT-STATUS-AGREEMENT observations: a projected value is one the query endpoints filter on. */
export interface Agreement { what: string; ok: boolean; detail: string }

/** #8 → #9 ×2 → #10 → #11 → fund the org wallet (#1) → #12 → #13 (executes: TransferCompleted from the org). */
export async function organizationSteps(rt: RoundTrip, u1: FreshUser, u2: FreshUser, record: Record_, agree: (a: Agreement) => void) {
  const orgId = `${rt.prefix}-org`;
  const adminToken = await fixtureToken(rt, 'admin');
  const org = (db: RoundTrip['db']) => one<{ status: string; stakeholders: string[]; endorsers: string[]; authRules: Record<string, unknown>; activatedAt: Date | null }>(db,
    `SELECT "status", "stakeholders", "endorsers", "authRules", "activatedAt" FROM "Organization" WHERE "orgId" = $1`, [orgId]);
  await mustRoundTrip(rt, {
    commandType: 'PROPOSE_ORGANIZATION', endpoint: '#8', events: ['OrganizationProposed'],
    request: { as: null, token: u1.token, body: { orgId, orgName: 'GXV Round Trip Org', orgType: 'BUSINESS', stakeholderIds: [u1.profileId, u2.profileId] } },
    visible: async (db) => (await org(db)) !== null,
    verify: async (db) => new Expect().eq('Organization', await org(db), { status: 'PROPOSED', stakeholders: [u1.profileId, u2.profileId], endorsers: [], authRules: {}, activatedAt: null }).problems,
  }, record);
  for (const endorser of [u1, u2]) {
    await mustRoundTrip(rt, {
      commandType: 'ENDORSE_MEMBERSHIP', endpoint: '#9', events: ['MembershipEndorsed'],
      request: { as: null, token: endorser.token, params: { orgId } },
      visible: async (db) => ((await org(db))?.endorsers ?? []).includes(endorser.profileId),
      verify: async (db) => new Expect().eq('endorsers (set)', ((await org(db))?.endorsers ?? []).filter((x) => x === endorser.profileId).length, 1).problems,
    }, record);
  }
  await mustRoundTrip(rt, {
    commandType: 'ACTIVATE_ORGANIZATION', endpoint: '#10', events: ['OrganizationActivated', 'WalletCreated'],
    request: { as: 'admin', token: adminToken, params: { orgId } },
    visible: async (db) => (await org(db))?.status === 'ACTIVE' && (await walletOf(db, orgId)) !== null,
    async verify(db, _row, events) {
      const o = await org(db);
      const w = await walletOf(db, orgId);
      const e = new Expect().ok('activatedAt set', o?.activatedAt != null).ok('organization wallet balance 0', same(w?.cachedBalance, String(eventField(events, 'WalletCreated', 'initialBalance') ?? '0')));
      const accountId = eventField(events, 'WalletCreated', 'accountId');
      if (accountId !== undefined) e.eq('organization Wallet.primaryAccountId', w?.primaryAccountId, accountId);
      return e.problems;
    },
  }, record);
  await mustRoundTrip(rt, {
    commandType: 'DEFINE_AUTH_RULE', endpoint: '#11', events: ['AuthRuleDefined'],
    request: { as: 'admin', token: adminToken, params: { orgId }, body: { rule: { requiredApprovers: 1, approverGroup: [u1.profileId, u2.profileId] } } },
    visible: async (db) => Object.keys((await org(db))?.authRules ?? {}).length > 0,
    async verify(db, _row, events) {
      const rules = (await org(db))?.authRules ?? {};
      const ruleId = String(eventField(events, 'AuthRuleDefined', 'ruleId') ?? Object.keys(rules)[0]);
      return new Expect().eq(`authRules[${ruleId}]`, rules[ruleId], { requiredApprovers: 1, approverGroup: [u1.profileId, u2.profileId], amountThreshold: null }).problems;
    },
  }, record);

  const orgWallet = (await walletOf(rt.db, orgId))!;
  await transfer(rt, u1, { profileId: orgId, walletId: orgWallet.walletId }, '20', `${rt.prefix} fund org`, record);

  const remark = `${rt.prefix} multisig`;
  let pendingTxId = '';
  const ms = (db: RoundTrip['db']) => one<{ status: string; currentSignatures: number; approvers: string[]; requiredSignatures: number; ruleId: string | null; params: unknown; proposerId: string; orgId: string; executedAt: Date | null }>(db,
    `SELECT "status", "currentSignatures", "approvers", "requiredSignatures", "ruleId", "params", "proposerId", "orgId", "executedAt" FROM "MultiSigTransaction" WHERE "txId" = $1`, [pendingTxId]);
  const initiated = await mustRoundTrip(rt, {
    commandType: 'INITIATE_MULTISIG_TX', endpoint: '#12', events: ['MultiSigTxInitiated'],
    request: { as: null, token: u1.token, params: { orgId }, body: { toUserId: u2.profileId, amount: '5', remark } },
    visible: async (db, row) => {
      pendingTxId = typeof row?.payload.pendingTxId === 'string' ? row.payload.pendingTxId : pendingTxId;
      return pendingTxId !== '' && (await ms(db)) !== null;
    },
    async verify(db, _row, events) {
      const m = await ms(db);
      const e = new Expect().eq('MultiSigTransaction', m && { status: m.status, currentSignatures: m.currentSignatures, approvers: m.approvers, params: m.params, proposerId: m.proposerId, orgId: m.orgId },
        { status: 'PENDING', currentSignatures: 0, approvers: [], params: { toUserId: u2.profileId, amount: eventAmount(events) ?? '5', remark }, proposerId: u1.profileId, orgId });
      const required = eventField(events, 'MultiSigTxInitiated', 'requiredSignatures');
      if (required !== undefined) e.eq('requiredSignatures', m?.requiredSignatures, required).eq('ruleId', m?.ruleId, eventField(events, 'MultiSigTxInitiated', 'ruleId'));
      return e.problems;
    },
  }, record);
  pendingTxId = String(initiated.body.pendingTxId ?? pendingTxId);
  const pending = await sendTo(rt.ctx, endpointById('#15'), { as: null, params: { orgId } });
  const listed = ((pending.body as { pendingTransactions?: Array<{ txId?: string }> })?.pendingTransactions ?? []).some((t) => t.txId === pendingTxId);
  agree({ what: `#15 lists the freshly initiated multisig ${pendingTxId}`, ok: pending.status === 200 && listed, detail: `GET #15 answered ${pending.status}; listed: ${listed}` });

  const orgBefore = await balanceOf(rt.db, orgId);
  const u2Before = await balanceOf(rt.db, u2.profileId);
  await mustRoundTrip(rt, {
    commandType: 'APPROVE_MULTISIG_TX', endpoint: '#13', events: ['MultiSigTxApproved', 'MultiSigTxExecuted', 'TransferCompleted'],
    request: { as: null, token: u2.token, params: { pendingTxId } },
    visible: async (db) => (await ms(db))?.status === 'EXECUTED' && !same(await balanceOf(db, u2.profileId), u2Before),
    async verify(db, _row, events) {
      const m = await ms(db);
      const fee = String(eventField(events, 'TransferCompleted', 'fee') ?? '0');
      const e = new Expect().eq('approvers', m?.approvers, [u2.profileId]).eq('currentSignatures', m?.currentSignatures, 1).ok('executedAt set', m?.executedAt != null);
      e.ok('organization wallet debited by amount + fee', same(await balanceOf(db, orgId), sub(orgBefore, add('5', fee))));
      e.ok('recipient credited by amount', same(await balanceOf(db, u2.profileId), add(u2Before, '5')));
      return e.problems;
    },
  }, record);
}

function eventAmount(events: Parameters<typeof eventField>[0]): string | undefined {
  const params = eventField(events, 'MultiSigTxInitiated', 'params') as { amount?: string } | undefined;
  return params?.amount;
}

/** #16 → #17: a fresh loan, approved (status agreement: PENDING_APPROVAL is what #17 accepts). */
export async function loanSteps(rt: RoundTrip, u1: FreshUser, record: Record_, agree: (a: Agreement) => void) {
  let loanId = '';
  const loan = (db: RoundTrip['db']) => one<{ status: string; borrowerId: string; amount: string; approvedBy: string | null; approvedAt: Date | null }>(db,
    `SELECT "status", "borrowerId", "amount"::text AS amount, "approvedBy", "approvedAt" FROM "Loan" WHERE "loanId" = $1`, [loanId]);
  const applied = await mustRoundTrip(rt, {
    commandType: 'APPLY_FOR_LOAN', endpoint: '#16', events: ['LoanApplicationReceived'],
    request: { as: null, token: u1.token, body: { borrowerId: u1.profileId, amount: '50', collateralHash: `${rt.prefix}-collateral` } },
    visible: async (db, row) => {
      loanId = typeof row?.payload.loanId === 'string' ? row.payload.loanId : loanId;
      return loanId !== '' && (await loan(db)) !== null;
    },
    async verify(db) {
      const l = await loan(db);
      return new Expect().eq('Loan.status', l?.status, 'PENDING_APPROVAL').eq('Loan.borrowerId', l?.borrowerId, u1.profileId).ok('Loan.amount 50', same(l?.amount, '50')).problems;
    },
  }, record);
  loanId = String(applied.body.loanId ?? loanId);
  const before = await balanceOf(rt.db, u1.profileId);
  const admin = fixtureUser(rt, 'admin');
  try {
    await mustRoundTrip(rt, {
      commandType: 'APPROVE_LOAN', endpoint: '#17', events: ['LoanApproved'],
      request: { as: 'admin', token: await fixtureToken(rt, 'admin'), params: { loanId } },
      visible: async (db) => (await loan(db))?.status === 'ACTIVE',
      async verify(db) {
        const l = await loan(db);
        const e = new Expect().eq('Loan.approvedBy', l?.approvedBy, admin.profileId).ok('Loan.approvedAt set', l?.approvedAt != null);
        e.ok('borrower credited by the loan amount', same(await balanceOf(db, u1.profileId), add(before, '50')));
        const rows = await db.query(`SELECT 1 FROM "Transaction" t JOIN "Wallet" w ON w."walletId" = t."walletId" WHERE w."profileId" = $1 AND t."type"::text = 'LOAN_DISBURSEMENT'`, [u1.profileId]);
        e.eq('LOAN_DISBURSEMENT rows', rows.rowCount, 1);
        return e.problems;
      },
    }, record);
    agree({ what: `#17 accepts the freshly applied loan ${loanId}`, ok: true, detail: '202' });
  } catch (err) {
    const accepted = !/not accepted/.test((err as Error).message);
    agree({ what: `#17 accepts the freshly applied loan ${loanId}`, ok: accepted, detail: (err as Error).message.slice(0, 300) });
    throw err;
  }
}

/** #27 (a fresh parameter) → #20 → #21; returns the proposal for #22 after its voting period. */
export async function proposalSteps(rt: RoundTrip, u1: FreshUser, u2: FreshUser, record: Record_, agree: (a: Agreement) => void) {
  const tenant = rt.ctx.target.tenantId;
  const paramId = `${rt.prefix}-param`;
  await mustRoundTrip(rt, {
    commandType: 'UPDATE_SYSTEM_PARAMETER', endpoint: '#27', events: ['SystemParameterUpdated'],
    request: { as: 'superAdmin', token: await fixtureToken(rt, 'superAdmin'), body: { paramId, newValue: '1' } },
    visible: async (db) => (await param(db, tenant, paramId)) === '1',
    verify: async () => [],
  }, record);
  let proposalId = '';
  const proposal = (db: RoundTrip['db']) => one<{ status: string; votesFor: number; votesAgainst: number; voters: string[]; targetParam: string; newValue: string; proposerId: string; endTime: Date | null; executedAt: Date | null }>(db,
    `SELECT "status", "votesFor", "votesAgainst", "voters", "targetParam", "newValue", "proposerId", "endTime", "executedAt" FROM "Proposal" WHERE "proposalId" = $1`, [proposalId]);
  const submitted = await mustRoundTrip(rt, {
    commandType: 'SUBMIT_PROPOSAL', endpoint: '#20', events: ['ProposalSubmitted'],
    request: { as: null, token: u1.token, body: { targetParam: paramId, newValue: '2', proposerId: u1.profileId } },
    visible: async (db, row) => {
      proposalId = typeof row?.payload.proposalId === 'string' ? row.payload.proposalId : proposalId;
      return proposalId !== '' && (await proposal(db)) !== null;
    },
    async verify(db) {
      const p = await proposal(db);
      return new Expect().eq('Proposal', p && { status: p.status, votesFor: p.votesFor, votesAgainst: p.votesAgainst, voters: p.voters, targetParam: p.targetParam, newValue: p.newValue, proposerId: p.proposerId },
        { status: 'ACTIVE', votesFor: 0, votesAgainst: 0, voters: [], targetParam: paramId, newValue: '2', proposerId: u1.profileId }).problems;
    },
  }, record);
  proposalId = String(submitted.body.proposalId ?? proposalId);
  const list = await sendTo(rt.ctx, endpointById('#24'), { as: null });
  const listed = ((list.body as { proposals?: Array<{ proposalId?: string }> })?.proposals ?? []).some((p) => p.proposalId === proposalId);
  agree({ what: `#24 lists the freshly submitted proposal ${proposalId}`, ok: list.status === 200 && listed, detail: `GET #24 answered ${list.status}; listed: ${listed}` });
  await mustRoundTrip(rt, {
    commandType: 'CAST_VOTE', endpoint: '#21', events: ['VoteCast'],
    request: { as: null, token: u2.token, params: { proposalId }, body: { vote: true } },
    visible: async (db) => ((await proposal(db))?.voters ?? []).includes(u2.profileId),
    verify: async (db) => {
      const p = await proposal(db);
      return new Expect().eq('votes', p && [p.votesFor, p.votesAgainst, p.voters], [1, 0, [u2.profileId]]).problems;
    },
  }, record);
  const endTime = (await proposal(rt.db))?.endTime ?? null;
  return {
    endTime,
    /** #22 once voting is over: ProposalExecuted → EXECUTED, executedAt, the parameter takes the new value. */
    async execute() {
      await mustRoundTrip(rt, {
        commandType: 'EXECUTE_PROPOSAL', endpoint: '#22', events: ['ProposalExecuted'],
        request: { as: 'admin', token: await fixtureToken(rt, 'admin'), params: { proposalId } },
        visible: async (db) => (await proposal(db))?.status === 'EXECUTED',
        verify: async (db) => new Expect().ok('executedAt set', (await proposal(db))?.executedAt != null).eq(`SystemParameter ${paramId}`, await param(db, tenant, paramId), '2').problems,
      }, record);
    },
  };
}

/** Never a probe code (the unknown-country 404s and #26's example keep theirs). */
const TEST_CODES = TEST_COUNTRY_CODES;

/** #26 and #31 on a user-assigned test country whose treasury is not active yet; null when none is left. */
export async function pickTestCountry(rt: RoundTrip): Promise<string | null> {
  const tenant = rt.ctx.target.tenantId;
  const { rows } = await rt.db.query<{ paramKey: string }>(`SELECT "paramKey" FROM "SystemParameter" WHERE "tenantId" = $1 AND "paramKey" LIKE 'TREASURY\\_%\\_STATUS'`, [tenant]);
  const active = new Set(rows.map((r) => r.paramKey.slice(9, 11)));
  const free = TEST_CODES.filter((c) => !active.has(c) && c !== world(rt.ctx).countryCode);
  return free.length ? free[Math.floor(Math.random() * free.length)] : null;
}

export async function countrySteps(rt: RoundTrip, cc: string, record: Record_) {
  const tenant = rt.ctx.target.tenantId;
  const name = `GXV RT ${rt.prefix.slice(-6)}`;
  const superToken = await fixtureToken(rt, 'superAdmin');
  await mustRoundTrip(rt, {
    commandType: 'INITIALIZE_COUNTRY', endpoint: '#26', events: ['CountryDataInitialized'],
    request: { as: 'superAdmin', token: superToken, body: { countriesData: [{ code: cc, name, region: 'Test' }] } },
    visible: async (db) => (await one(db, `SELECT 1 AS x FROM "Country" WHERE "countryCode" = $1 AND "countryName" = $2`, [cc, name])) !== null,
    verify: async (db) => new Expect().eq(`COUNTRY_${cc}_INITIALIZED`, await param(db, tenant, `COUNTRY_${cc}_INITIALIZED`), 'true').problems,
  }, record);
  await mustRoundTrip(rt, {
    commandType: 'ACTIVATE_TREASURY', endpoint: '#31', events: ['TreasuryActivated', 'WalletCreated'],
    request: { as: 'superAdmin', token: superToken, body: { countryCode: cc } },
    visible: async (db) => (await param(db, tenant, `TREASURY_${cc}_STATUS`)) === 'ACTIVE' && (await walletOf(db, `treasury_${cc}`)) !== null,
    verify: async () => [],
  }, record);
}
