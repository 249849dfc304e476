import type pg from 'pg';
import { defineCheck, pass } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { EvidenceItem } from '../../../src/evidence/types';
import { brief } from '../support/envelope';
import { sendTo, world, type EndpointRequest } from '../support/requests';
import { createUser, type FreshUser } from './support/actors';
import { until, withRoundTrip, type RoundTrip } from './support/context';
import { add, same, sub } from './support/decimal';
import { balanceOf, one, txRows, type TxRow } from './support/read-model';
import { acrossRestarts, type LockedRow } from './replay';
import { WRITE_PATH } from './write-path';

/**
 * RT-RESTART-HANDLERS (PROJ-3, PROJ-4, PROJ-8, PROJ-10; issue 10 item 6): one event of each handler
 * kind that a replay could apply twice — balance moves (GenesisDistributed, VelocityTaxApplied,
 * TransferCompleted, LoanApproved) and counters or sets (VoteCast, MultiSigTxApproved,
 * MembershipEndorsed) — applied across two projector restarts at the worst moments (replay.ts),
 * then judged exactly once: one Transaction row per movement under one deterministic onChainTxId
 * and the balance moved once, one vote, one approval, one endorsement; and no half of a transfer
 * visible while the projector is held inside it. Needs the sandbox's restart route; alone, it
 * stops the projector.
 */
interface Case {
  what: string;
  /** The command whose event is judged; set-up commands run before, outside the restarts. */
  request(): Promise<{ endpoint: string; req: EndpointRequest }>;
  /** The row the event's effect writes (known once the set-up ran). */
  lock(): LockedRow;
  visible(db: pg.Pool): Promise<boolean>;
  verify(db: pg.Pool): Promise<string[]>;
  /** Parts of the effect already visible while the projector is held inside it (must be none). */
  during?(db: pg.Pool): Promise<string[]>;
}

const exactly = (what: string, got: unknown, want: unknown) => (String(got) === String(want) ? [] : [`${what}: ${String(got)}, expected ${String(want)}`]);
/**
 * One Transaction row for the movement; more rows of one ledger event (same block) under different
 * onChainTxIds show the id is not deterministic (PROJ-10): a replay was not recognized as applied.
 */
const oneRow = (type: string, rows: TxRow[]) => {
  const ids = [...new Set(rows.map((r) => r.onChainTxId))];
  const sameEvent = new Set(rows.map((r) => r.blockNumber)).size === 1;
  return [...exactly(`${type} rows`, rows.length, 1),
    ...(rows.length > 1 && sameEvent && ids.length > 1 ? [`${type} rows of one event (block ${rows[0].blockNumber}) carry different onChainTxIds (${ids.join(', ')}): the id is not deterministic`] : [])];
};
const jsonIds = async (db: pg.Pool, sql: string, id: string): Promise<string[]> => ((await one<{ ids: string[] }>(db, sql, [id]))?.ids ?? []);


/** Sends a set-up command and waits until its effect is in the read model. */
async function setUp(rt: RoundTrip, endpoint: string, req: EndpointRequest, visible: (body: Record<string, unknown>) => Promise<boolean>): Promise<Record<string, unknown>> {
  const res = await sendTo(rt.ctx, endpointById(endpoint), { ...req, note: `set-up ${endpoint}` });
  if (res.status !== 202) throw new Error(`set-up ${endpoint} was not accepted: ${brief(res)}`);
  const body = res.body as Record<string, unknown>;
  if ((await until(() => visible(body), 30_000, 50)) === null) throw new Error(`set-up ${endpoint} never reached the read model`);
  return body;
}

function cases(rt: RoundTrip, u: FreshUser[], ids: Record<string, string>): Case[] {
  const w = world(rt.ctx);
  const [u1, u2, u3] = u;
  const wallet = (x: FreshUser): LockedRow => ({ table: 'Wallet', column: 'walletId', value: x.walletId });
  const as = (x: FreshUser) => ({ as: null, token: x.token });
  // Balances read right before each command: every case is judged on its own movement, not on an earlier case's.
  const before: Record<string, string> = {};
  const snapshot = async (...xs: FreshUser[]) => { for (const x of xs) before[x.profileId] = await balanceOf(rt.db, x.profileId); };
  const movedOnce = async (db: pg.Pool, x: FreshUser, delta: string, label: string) => {
    const want = add(before[x.profileId], delta);
    const got = await balanceOf(db, x.profileId);
    return same(got, want) ? [] : [`${label} balance ${got}, expected ${want} (${before[x.profileId]} moved once by ${delta})`];
  };
  return [
    {
      what: 'GenesisDistributed', lock: () => wallet(u1),
      request: async () => { await snapshot(u1); return { endpoint: '#2', req: { as: 'superAdmin', body: { userId: u1.profileId, userType: 'individual', countryCode: w.countryCode } } }; },
      visible: async (db) => (await txRows(db, u1.walletId, 'GENESIS')).length > 0,
      async verify(db) {
        const rows = await txRows(db, u1.walletId, 'GENESIS');
        return [...oneRow('GENESIS', rows), ...(await movedOnce(db, u1, rows[0]?.amount ?? '0', 'the user\'s'))];
      },
    },
    {
      what: 'VelocityTaxApplied', lock: () => wallet(u1),
      request: async () => { await snapshot(u1); return { endpoint: '#38', req: { as: 'admin', body: { accountId: u1.accountId, taxRateBps: 100 } } }; },
      visible: async (db) => (await txRows(db, u1.walletId, 'TAX')).length > 0,
      async verify(db) {
        const rows = await txRows(db, u1.walletId, 'TAX');
        return [...oneRow('TAX', rows), ...(await movedOnce(db, u1, sub('0', rows[0]?.amount ?? '0'), 'the taxed account\'s'))];
      },
    },
    {
      what: 'TransferCompleted', lock: () => wallet(u2),
      request: async () => { await snapshot(u1, u2); return { endpoint: '#1', req: { ...as(u1), body: { fromUserId: u1.profileId, toUserId: u2.profileId, amount: '1', remark: `${rt.prefix} replay` } } }; },
      visible: async (db) => (await txRows(db, u2.walletId, 'RECEIVED')).length > 0,
      // Held at the receiver's wallet: the sender's half must not be visible on its own.
      during: async (db) => ((await txRows(db, u1.walletId, 'SENT')).length > 0
        ? ['the sender\'s SENT row was visible while the receiver\'s credit was still being applied: the transfer\'s effect is not atomic'] : []),
      async verify(db) {
        const sent = await txRows(db, u1.walletId, 'SENT');
        const received = await txRows(db, u2.walletId, 'RECEIVED');
        return [...oneRow('SENT', sent), ...oneRow('RECEIVED', received),
          ...(await movedOnce(db, u2, '1', 'the receiver\'s')), ...(await movedOnce(db, u1, sub('0', add('1', sent[0]?.fee ?? '0')), 'the sender\'s'))];
      },
    },
    {
      what: 'LoanApproved', lock: () => wallet(u3),
      request: async () => {
        const body = await setUp(rt, '#16', { ...as(u3), body: { borrowerId: u3.profileId, amount: '10', collateralHash: `${rt.prefix}-collateral` } },
          async (b) => (await one(rt.db, 'SELECT 1 AS x FROM "Loan" WHERE "loanId" = $1', [b.loanId])) !== null);
        await snapshot(u3);
        return { endpoint: '#17', req: { as: 'admin', params: { loanId: String(body.loanId) } } };
      },
      visible: async (db) => (await txRows(db, u3.walletId, 'LOAN_DISBURSEMENT')).length > 0,
      async verify(db) {
        const rows = await txRows(db, u3.walletId, 'LOAN_DISBURSEMENT');
        return [...oneRow('LOAN_DISBURSEMENT', rows), ...(await movedOnce(db, u3, '10', 'the borrower\'s'))];
      },
    },
    {
      what: 'VoteCast', lock: () => ({ table: 'Proposal', column: 'proposalId', value: ids.proposalId }),
      request: async () => {
        const body = await setUp(rt, '#20', { ...as(u1), body: { targetParam: w.paramId, newValue: `${rt.prefix}-v`, proposerId: u1.profileId } },
          async (b) => (await one(rt.db, 'SELECT 1 AS x FROM "Proposal" WHERE "proposalId" = $1', [b.proposalId])) !== null);
        ids.proposalId = String(body.proposalId);
        return { endpoint: '#21', req: { ...as(u2), params: { proposalId: ids.proposalId }, body: { vote: true } } };
      },
      visible: async (db) => ((await one<{ n: number }>(db, 'SELECT "votesFor" AS n FROM "Proposal" WHERE "proposalId" = $1', [ids.proposalId]))?.n ?? 0) > 0,
      async verify(db) {
        const row = await one<{ n: number; voters: string[] }>(db, 'SELECT "votesFor" AS n, "voters" FROM "Proposal" WHERE "proposalId" = $1', [ids.proposalId]);
        return [...exactly('votesFor', row?.n, 1), ...exactly('voters', JSON.stringify(row?.voters), JSON.stringify([u2.profileId]))];
      },
    },
    {
      what: 'MultiSigTxApproved', lock: () => ({ table: 'MultiSigTransaction', column: 'txId', value: ids.pendingTxId }),
      request: async () => {
        const body = await setUp(rt, '#12', { as: 'userA', params: { orgId: w.org.orgId }, body: { toUserId: u3.profileId, amount: '1', remark: `${rt.prefix} multisig` } },
          async (b) => (await one(rt.db, 'SELECT 1 AS x FROM "MultiSigTransaction" WHERE "txId" = $1', [b.pendingTxId])) !== null);
        ids.pendingTxId = String(body.pendingTxId);
        return { endpoint: '#13', req: { as: 'userB', params: { pendingTxId: ids.pendingTxId } } };
      },
      visible: async (db) => ((await one<{ n: number }>(db, 'SELECT "currentSignatures" AS n FROM "MultiSigTransaction" WHERE "txId" = $1', [ids.pendingTxId]))?.n ?? 0) > 0,
      async verify(db) {
        const approvers = await jsonIds(db, 'SELECT "approvers" AS ids FROM "MultiSigTransaction" WHERE "txId" = $1', ids.pendingTxId);
        const n = (await one<{ n: number }>(db, 'SELECT "currentSignatures" AS n FROM "MultiSigTransaction" WHERE "txId" = $1', [ids.pendingTxId]))?.n;
        return [...exactly('currentSignatures', n, 1), ...exactly('approvers', JSON.stringify(approvers), JSON.stringify([w.users.userB.profileId]))];
      },
    },
    {
      what: 'MembershipEndorsed', lock: () => ({ table: 'Organization', column: 'orgId', value: `${rt.prefix}-org` }),
      request: async () => {
        await setUp(rt, '#8', { ...as(u1), body: { orgId: `${rt.prefix}-org`, orgName: 'GXV Replay Org', orgType: 'NGO', stakeholderIds: [u1.profileId, u2.profileId] } },
          async () => (await one(rt.db, 'SELECT 1 AS x FROM "Organization" WHERE "orgId" = $1', [`${rt.prefix}-org`])) !== null);
        return { endpoint: '#9', req: { ...as(u2), params: { orgId: `${rt.prefix}-org` } } };
      },
      visible: async (db) => (await jsonIds(db, 'SELECT "endorsers" AS ids FROM "Organization" WHERE "orgId" = $1', `${rt.prefix}-org`)).length > 0,
      async verify(db) {
        return exactly('endorsers', JSON.stringify(await jsonIds(db, 'SELECT "endorsers" AS ids FROM "Organization" WHERE "orgId" = $1', `${rt.prefix}-org`)), JSON.stringify([u2.profileId]));
      },
    },
  ];
}

const ruleOf = (text: string) => (/never reached|lost/.test(text) ? 'PROJ-4' : /not deterministic/.test(text) ? 'PROJ-10' : /not atomic/.test(text) ? 'PROJ-8' : 'PROJ-3');

export const restartHandlersCheck = defineCheck({
  id: 'RT-RESTART-HANDLERS',
  layer: 'integration',
  title: 'Each replayable handler (balances, votes, approvals, endorsements) applies exactly once across projector restarts at the worst moments',
  criteria: ['OPS-4', 'IT-FAB-3', 'IT-FAB-4'],
  rules: ['PROJ-3', 'PROJ-4', 'PROJ-8', 'PROJ-10'],
  needs: ['writes', 'database', 'fixtures', 'fabric', 'ledger', 'sandbox'],
  fixtureItems: ['country', 'userA', 'userB', 'admin', 'superAdmin', 'org'],
  dependsOn: WRITE_PATH,
  exclusive: true,
  timeoutMs: 240_000,
  async run(ctx) {
    return withRoundTrip(ctx, 'replay', async (rt) => {
      const noop = () => undefined;
      const users: FreshUser[] = [];
      for (const label of ['h1', 'h2', 'h3']) users.push(await createUser(rt, label, noop));
      const ids: Record<string, string> = {};
      const evidence: EvidenceItem[] = [];
      let judged = 0;
      for (const c of cases(rt, users, ids)) {
        // The set-up (a loan to approve, a proposal to vote on…) runs first; then its row can be locked.
        const p = await c.request();
        const problems = await acrossRestarts(rt, c.what, c.lock(), async () => {
          const res = await sendTo(rt.ctx, endpointById(p.endpoint), { ...p.req, note: `${c.what}: the command` });
          return res.status === 202 ? null : `the command was not accepted (${brief(res)})`;
        }, c.visible, evidence, c.during);
        if (problems.length === 0) problems.push(...(await c.verify(rt.db)).map((p) => `${c.what} after two restarts: ${p}`));
        judged++;
        ctx.observe.judged();
        for (const text of problems) ctx.findings.add({ rule: ruleOf(text), component: 'worker', text, evidence: evidence.slice(-2) });
      }
      return pass({ message: `${judged} event kinds each applied exactly once across two projector restarts (inside the effect, and with the event as the checkpoint)`, evidence: evidence.slice(0, 4) });
    });
  },
});

