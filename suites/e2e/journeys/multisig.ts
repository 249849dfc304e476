import { randomBytes } from 'node:crypto';
import { defineCheck, pass } from '../../../src/checks/define';
import { tokenFor, worldOf } from '../support/actors';
import { PROJECTION_WAIT_MS, runJourney, type Journey } from '../support/journey';

const AMOUNT = '2';

async function organization(j: Journey, orgId: string): Promise<{ status: string; endorsers?: string[]; rules?: Record<string, unknown> } | null> {
  const r = await j.call('organization', 'GET', `/api/v1/organizations/${orgId}`);
  return r.status === 200 ? r.body.organization : null;
}

/**
 * E2E-JOURNEY-MULTISIG (IT-FAB-3, IT-FAB-4): an organization's life through one regional edge —
 * two users propose it (#8), both endorse (#9), one activates it (#10), they require both
 * signatures for transfers (#11), fund its wallet (#1 to the orgId, FIX-1), one initiates a
 * multi-signature transfer (#12), both approve (#13), and the recipient finally sees the money
 * in its transactions (#5) once the executed transfer is projected (MultiSigTxExecuted +
 * TransferCompleted); the pending list (#15) no longer holds it.
 */
export const multisigJourney = defineCheck({
  id: 'E2E-JOURNEY-MULTISIG',
  layer: 'e2e',
  title: 'An organization is proposed, endorsed, activated and moves money only with both signatures, through each edge',
  criteria: ['IT-FAB-3', 'IT-FAB-4'],
  rules: ['ORG-1', 'ORG-2', 'CMD-3'],
  needs: ['writes', 'fixtures', 'edge', 'ledger'],
  fixtureItems: ['userA', 'userB', 'admin'],
  perRegion: true,
  timeoutMs: 150_000,
  async run(ctx) {
    const world = worldOf(ctx);
    const { userA: a, userB: b, admin: recipient } = world.users;
    const [ta, tb, tr] = await Promise.all([tokenFor(ctx, a), tokenFor(ctx, b), tokenFor(ctx, recipient)]);
    const outcome = await runJourney(ctx, 'The multisig journey', async (j) => {
      const orgId = `gxv-${ctx.runId}-${ctx.region.name}-org-${randomBytes(3).toString('hex')}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
      const remark = `multisig ${orgId}`;
      await j.run('propose', () => j.call('organization', 'POST', '/api/v1/organizations', {
        token: ta, json: { orgId, orgName: 'Journey Org', orgType: 'BUSINESS', stakeholderIds: [a.profileId, b.profileId] }, expect: [202],
      }));
      await j.run('proposed', () => j.until('the organization to appear', () => organization(j, orgId), PROJECTION_WAIT_MS));
      await j.run('endorse', async () => {
        await j.call('organization', 'POST', `/api/v1/organizations/${orgId}/endorse`, { token: ta, expect: [202] });
        await j.call('organization', 'POST', `/api/v1/organizations/${orgId}/endorse`, { token: tb, expect: [202] });
      });
      await j.run('endorsed', () => j.until('both endorsements', async () => ((await organization(j, orgId))?.endorsers?.length === 2 ? true : null), PROJECTION_WAIT_MS));
      await j.run('activate', () => j.call('organization', 'POST', `/api/v1/organizations/${orgId}/activate`, { token: ta, expect: [202] }));
      await j.run('active', () => j.until('the organization to be ACTIVE', async () => ((await organization(j, orgId))?.status === 'ACTIVE' ? true : null), PROJECTION_WAIT_MS));
      await j.run('rule', () => j.call('organization', 'POST', `/api/v1/organizations/${orgId}/rules`, {
        token: ta, json: { rule: { requiredApprovers: 2, approverGroup: [a.profileId, b.profileId] } }, expect: [202],
      }));
      await j.run('ruleDefined', () => j.until('the approval rule', async () => (Object.keys((await organization(j, orgId))?.rules ?? {}).length > 0 ? true : null), PROJECTION_WAIT_MS));
      await j.run('fund', () => j.call('tokenomics', 'POST', '/api/v1/transfers', {
        token: ta, json: { fromUserId: a.profileId, toUserId: orgId, amount: '5', remark: `fund ${orgId}` }, expect: [202],
      }));
      // One TransferCompleted debits the funder and credits the organization (PROJ-8): the funder's SENT row shows both happened.
      await j.run('funded', () => j.until('the funding transfer to be projected', async () => {
        const r = await j.call('tokenomics', 'GET', `/api/v1/wallets/${a.profileId}/transactions?limit=50`, { token: ta });
        return r.status === 200 && (r.body.transactions as Array<{ type: string; remark: string | null }>).some((t) => t.type === 'SENT' && t.remark === `fund ${orgId}`) ? true : null;
      }, PROJECTION_WAIT_MS));
      const initiated = await j.run('initiate', () => j.call('organization', 'POST', `/api/v1/organizations/${orgId}/transactions`, {
        token: ta, json: { toUserId: recipient.profileId, amount: AMOUNT, remark }, expect: [202],
      }));
      const pendingTxId = String(initiated.body.pendingTxId);
      if (!pendingTxId.startsWith(`multisig-${orgId}-`)) j.fail(`pendingTxId ${pendingTxId} is not multisig-<orgId>-<suffix>`, 'ORG-1');
      const pending = async () => {
        const r = await j.call('organization', 'GET', `/api/v1/organizations/${orgId}/transactions/pending`);
        return r.status === 200 ? (r.body.pendingTransactions as Array<{ txId: string; requiredApprovals: number }>) : null;
      };
      const listed = await j.run('pending', () => j.until('the transaction in the pending list', async () => (await pending())?.find((t) => t.txId === pendingTxId) ?? null, PROJECTION_WAIT_MS));
      if (listed.requiredApprovals !== 2) j.fail(`the pending transaction requires ${listed.requiredApprovals} approvals, the rule says 2`, 'ORG-2');
      await j.run('approveFirst', () => j.call('organization', 'POST', `/api/v1/transactions/${pendingTxId}/approve`, { token: ta, expect: [202] }));
      await j.run('approveSecond', () => j.call('organization', 'POST', `/api/v1/transactions/${pendingTxId}/approve`, { token: tb, expect: [202] }));
      await j.run('executed', () => j.until('the transaction to leave the pending list', async () => {
        const list = await pending();
        return list && !list.some((t) => t.txId === pendingTxId) ? true : null;
      }, PROJECTION_WAIT_MS));
      const received = await j.run('received', () => j.until('the recipient to see the money', async () => {
        const r = await j.call('tokenomics', 'GET', `/api/v1/wallets/${recipient.profileId}/transactions?limit=50`, { token: tr });
        const txs = r.status === 200 ? (r.body.transactions as Array<{ type: string; amount: string; remark: string | null; counterparty: string | null }>) : [];
        return txs.find((t) => t.type === 'RECEIVED' && t.remark === remark) ?? null;
      }, PROJECTION_WAIT_MS));
      if (Number(received.amount) !== Number(AMOUNT) || received.counterparty !== orgId) {
        j.fail(`the recipient's RECEIVED row shows ${received.amount} from ${received.counterparty}, expected ${AMOUNT} from ${orgId}`, 'CMD-3');
      }
      return `organization ${orgId} proposed, endorsed, activated; ${AMOUNT} moved to the recipient after 2 of 2 approvals in ${ctx.region.name}`;
    });
    return pass(outcome);
  },
});
