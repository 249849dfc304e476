import { defineCheck, type CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { HttpExchange } from '../../../src/clients/http';
import type { FixtureWorld } from '../../../src/fixtures/types';
import { askRoute } from '../support/answers';
import { withDb } from '../support/db';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { world, type EndpointRequest } from '../support/requests';
import { ROUTED } from '../support/routing';
import { seedRows } from '../support/seed-rows';

/**
 * INT-TENANCY-ISOLATION (TEN-1, TEN-2, TEN-3): rows of another tenant are seeded in the read model
 * beside the fixtures — the fixture parameter's key with another value, an ACTIVE proposal, an
 * organization, and an older wallet of userA's own profileId — then the public reads (#33, #23,
 * #24, #14, also with an X-Tenant-Id header naming that tenant) and userA's balance (#3) must
 * answer the deployment's tenant only. Without a database DSN nothing can be seeded: skipped.
 */
const OTHER_VALUE = 'gxv-another-tenant-value';

interface Seeded { tenant: string; proposalId: string; orgId: string; walletId: string }

function otherTenantRows(w: FixtureWorld, s: Seeded) {
  const { userA } = w.users;
  return [
    { table: 'SystemParameter', values: { tenantId: s.tenant, paramKey: w.paramId, paramValue: OTHER_VALUE } },
    { table: 'Proposal', values: { proposalId: s.proposalId, tenantId: s.tenant, proposerId: userA.profileId, targetParam: w.paramId, newValue: OTHER_VALUE, status: 'ACTIVE', voters: '[]' } },
    { table: 'Organization', values: { orgId: s.orgId, tenantId: s.tenant, orgName: 'Gxv Other Tenant', orgType: 'BUSINESS', status: 'ACTIVE', stakeholders: JSON.stringify([userA.profileId]), endorsers: '[]', authRules: '{}' } },
    // Older than userA's own wallet: a lookup without the tenant would pick it (TOK-1 order).
    { table: 'Wallet', values: { walletId: s.walletId, tenantId: s.tenant, profileId: userA.profileId, primaryAccountId: s.walletId, cachedBalance: '0', createdAt: new Date('2000-01-01T00:00:00Z') } },
  ];
}

async function unseed(ctx: CheckContext, s: Seeded): Promise<void> {
  await withDb(ctx, async (c) => {
    for (const table of ['SystemParameter', 'Proposal', 'Organization', 'Wallet']) await c.query(`DELETE FROM "${table}" WHERE "tenantId" = $1`, [s.tenant]);
  });
}

export const tenancyCheck = defineCheck({
  id: 'INT-TENANCY-ISOLATION',
  layer: 'integration',
  title: 'Rows of another tenant seeded beside the fixtures never show: public reads use the deployment tenant, userA\'s reads the token\'s',
  criteria: ['IT-API-3', 'IT-DB-1', 'SEC-2'],
  needs: ['fixtures', 'database'],
  rules: ['TEN-1', 'TEN-2', 'TEN-3'],
  dependsOn: ROUTED,
  fixtureItems: ['userA', 'param'],
  minJudged: 6,
  async run(ctx) {
    const problems = new Problems(ctx);
    const w = world(ctx);
    const tenant = ctx.target.tenantId;
    const s: Seeded = { tenant: `${w.namespace}-other-tenant`, proposalId: `${w.namespace}-other-proposal`, orgId: `${w.namespace}-other-org`, walletId: `${w.namespace}-other-wallet` };
    await seedRows(ctx, 'rows of another tenant', otherTenantRows(w, s), () => unseed(ctx, s));
    const ask = async (id: string, req: EndpointRequest): Promise<HttpExchange | null> => {
      const reply = await askRoute(ctx, endpointById(id), req);
      if (!reply.answer.expected || !reply.res) {
        problems.unusable(reply.answer.kind);
        return null;
      }
      problems.judged();
      return reply.res;
    };
    try {
      // #33 the fixture parameter, whose key the other tenant also holds: the deployment's row only.
      for (const header of [false, true]) {
        const res = await ask('#33', { as: null, params: { paramId: w.paramId }, ...(header ? { headers: { 'X-Tenant-Id': s.tenant } } : {}), note: `#33 ${w.paramId}${header ? ' with X-Tenant-Id naming the other tenant' : ''}` });
        const p = res && isObject(res.body) && isObject(res.body.parameter) ? res.body.parameter : null;
        if (!res) continue;
        if (p?.paramValue === OTHER_VALUE) {
          problems.add({ rule: header ? 'TEN-2' : 'TEN-3', endpoint: '#33', text: `#33 answered the other tenant's row${header ? ' when a header named that tenant' : ''}: ${brief(res)}` }, res);
        } else if (res.status !== 200 || p?.tenantId !== tenant) {
          problems.add({ rule: 'TEN-2', endpoint: '#33', text: `#33 did not answer the deployment tenant "${tenant}"'s parameter: ${brief(res)}` }, res);
        } else problems.sample(res);
      }
      const proposal = await ask('#23', { as: null, params: { proposalId: s.proposalId }, note: '#23 a proposal of another tenant' });
      if (proposal && proposal.status !== 404) problems.add({ rule: 'TEN-3', endpoint: '#23', text: `#23 answered ${proposal.status} for another tenant's proposal, expected 404: ${brief(proposal)}` }, proposal);
      const list = await ask('#24', { as: null, note: '#24 with an ACTIVE proposal of another tenant' });
      if (list && list.text.includes(s.proposalId)) problems.add({ rule: 'TEN-3', endpoint: '#24', text: `#24 lists ${s.proposalId}, an ACTIVE proposal of another tenant` }, list);
      const org = await ask('#14', { as: null, params: { orgId: s.orgId }, note: '#14 an organization of another tenant' });
      if (org && org.status !== 404) problems.add({ rule: 'TEN-3', endpoint: '#14', text: `#14 answered ${org.status} for another tenant's organization, expected 404: ${brief(org)}` }, org);
      // #3: userA's profileId also owns an older wallet in the other tenant; the token's tenant decides.
      const balance = await ask('#3', { as: 'userA', params: { profileId: w.users.userA.profileId }, note: '#3 userA, whose profileId has an older wallet in another tenant' });
      const walletId = balance && isObject(balance.body) && isObject(balance.body.balance) ? balance.body.balance.walletId : undefined;
      if (balance && walletId === s.walletId) problems.add({ rule: 'TEN-1', endpoint: '#3', text: `#3 answered userA's wallet of another tenant (${s.walletId}), not the token's tenant's: ${brief(balance)}` }, balance);
      else if (balance) problems.sample(balance);
    } finally {
      await unseed(ctx, s);
    }
    return problems.finish('no row of the other tenant showed', 'only the deployment tenant\'s rows (public) and the token tenant\'s rows (userA)');
  },
});
