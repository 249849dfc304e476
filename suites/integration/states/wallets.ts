import { randomUUID } from 'node:crypto';
import { CheckSkipped, defineCheck } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { askRoute } from '../support/answers';
import { withDb } from '../support/db';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { world } from '../support/requests';
import { ROUTED } from '../support/routing';
import { seedRows } from '../support/seed-rows';

/** Which wallet a route reads (§6.2): TOK-1 primary wallet, TOK-2 treasury, TOK-5 frozen receiver. */

const DECIMAL = /^\d+(\.\d+)?$/;
const balanceOf = (body: unknown): Record<string, unknown> => (isObject(body) && isObject(body.balance) ? body.balance : {});

export const frozenReceivesCheck = defineCheck({
  id: 'INT-WALLET-FROZEN-RECEIVES',
  layer: 'integration',
  title: 'A transfer to a frozen wallet is accepted like one to any other wallet (#1)',
  criteria: ['IT-API-1'],
  endpoint: '#1',
  needs: ['fixtures', 'writes'],
  rules: ['TOK-5'],
  dependsOn: ROUTED,
  fixtureItems: ['userA', 'userB', 'frozen'],
  async run(ctx) {
    const problems = new Problems(ctx);
    const { users, namespace } = world(ctx);
    const send = async (to: string, label: string) => {
      const reply = await askRoute(ctx, endpointById('#1'), {
        as: 'userA', body: { fromUserId: users.userA.profileId, toUserId: to, amount: '0.01', remark: `${namespace}-tok5-${label}` }, note: `#1 userA → ${label}`,
      });
      if (!reply.answer.expected) problems.unusable(reply.answer.kind);
      return reply.answer.expected ? reply.res : null;
    };
    // The control: the same transfer to an unfrozen wallet must be accepted, or nothing can be told.
    const control = await send(users.userB.profileId, 'userB (control)');
    if (!control) return problems.finish('', '');
    if (control.status !== 202) {
      problems.unusable(`the control transfer answered ${control.status}`);
      return problems.finish('', '');
    }
    const frozen = await send(users.frozen.profileId, 'the frozen wallet');
    if (frozen) {
      problems.judged();
      if (frozen.status !== 202) problems.add({ rule: 'TOK-5', endpoint: '#1', text: `a transfer to a frozen wallet was refused: ${brief(frozen)} (the same transfer to userB: 202)` }, control, frozen);
      else problems.sample(frozen);
    }
    return problems.finish('the frozen wallet can receive', '202 for a transfer to a frozen wallet');
  },
});

export const treasuryWalletCheck = defineCheck({
  id: 'INT-WALLET-TREASURY',
  layer: 'integration',
  title: '#4 answers the balance of the wallet whose profileId is treasury_<CC>',
  criteria: ['IT-API-1', 'IT-DB-1'],
  endpoint: '#4',
  needs: ['fixtures', 'database'],
  rules: ['TOK-2'],
  dependsOn: ROUTED,
  fixtureItems: ['country'],
  async run(ctx) {
    const problems = new Problems(ctx);
    const w = world(ctx);
    const cc = w.countryCode.toUpperCase();
    const rows = await withDb(ctx, async (c) => (await c.query<{ balance: string }>(
      `SELECT "cachedBalance"::text AS balance FROM "Wallet" WHERE "tenantId" = $1 AND "profileId" = $2 AND "deletedAt" IS NULL ORDER BY "createdAt" LIMIT 1`,
      [w.tenantId, `treasury_${cc}`])).rows);
    if (rows.length === 0) throw new CheckSkipped(`Needs the fixture country's treasury wallet: no "Wallet" row of the tenant has profileId treasury_${cc}`);
    const stored = { note: `Wallet treasury_${cc}`, response: `cachedBalance ${rows[0].balance}` };
    const reply = await askRoute(ctx, endpointById('#4'), { as: null, params: { countryCode: cc }, note: `#4 treasury balance of ${cc}` });
    if (!reply.answer.expected || !reply.res) {
      problems.unusable(reply.answer.kind);
      return problems.finish('', '');
    }
    const res = reply.res;
    problems.judged();
    const answered = balanceOf(res.body).balance;
    const same = res.status === 200 && typeof answered === 'string' && DECIMAL.test(answered)
      && (await withDb(ctx, async (c) => (await c.query<{ eq: boolean }>('SELECT $1::numeric = $2::numeric AS eq', [answered, rows[0].balance])).rows[0].eq));
    if (!same) problems.add({ rule: 'TOK-2', endpoint: '#4', text: `#4 for ${cc} answered ${brief(res)}, but the wallet treasury_${cc} holds ${rows[0].balance}` }, res, stored);
    else problems.sample(res);
    return problems.finish(`#4 answered the balance of treasury_${cc}`, `200 with the cachedBalance of treasury_${cc}`);
  },
});

export const primaryWalletCheck = defineCheck({
  id: 'INT-WALLET-PRIMARY',
  layer: 'integration',
  title: 'With a newer and an older deleted wallet seeded, #3 still answers the profile\'s earliest non-deleted wallet',
  criteria: ['IT-API-1', 'IT-DB-1'],
  endpoint: '#3',
  needs: ['fixtures', 'database'],
  rules: ['TOK-1'],
  dependsOn: ROUTED,
  fixtureItems: ['admin'],
  async run(ctx) {
    const problems = new Problems(ctx);
    const w = world(ctx);
    const user = w.users.admin;
    const seeded = [`${w.namespace}-tok1-newer-${randomUUID().slice(0, 8)}`, `${w.namespace}-tok1-deleted-${randomUUID().slice(0, 8)}`];
    // A newer wallet and an older deleted one of the same profile: neither is the primary wallet.
    // Empty, so the tenant's supply (#36) does not move while they exist.
    const remove = () => withDb(ctx, async (c) => { await c.query('DELETE FROM "Wallet" WHERE "walletId" = ANY($1)', [seeded]); });
    const wallet = (walletId: string, createdAt: Date, deletedAt: Date | null) => ({
      table: 'Wallet', values: { walletId, tenantId: user.tenantId, profileId: user.profileId, primaryAccountId: walletId, cachedBalance: '0', createdAt, deletedAt },
    });
    await seedRows(ctx, 'a newer and an older deleted wallet of the admin fixture', [
      wallet(seeded[0], new Date(Date.now() + 1000), null), wallet(seeded[1], new Date('2000-01-01T00:00:00Z'), new Date()),
    ], remove);
    try {
      const reply = await askRoute(ctx, endpointById('#3'), { as: 'admin', params: { profileId: user.profileId }, note: '#3 own balance with a newer and a deleted older wallet' });
      if (!reply.answer.expected || !reply.res) problems.unusable(reply.answer.kind);
      else {
        const res = reply.res;
        problems.judged();
        const walletId = balanceOf(res.body).walletId;
        if (res.status !== 200 || walletId !== user.walletId) {
          const which = seeded.includes(String(walletId)) ? ` (a seeded ${String(walletId).includes('-newer-') ? 'newer' : 'deleted'} wallet)` : '';
          problems.add({ rule: 'TOK-1', endpoint: '#3', text: `#3 answered walletId ${JSON.stringify(walletId)}${which}, the primary wallet is ${user.walletId}: ${brief(res)}` }, res);
        } else problems.sample(res);
      }
    } finally {
      await remove();
    }
    return problems.finish('#3 answered the earliest non-deleted wallet', `walletId ${user.walletId}`);
  },
});
