import { defineCheck, pass, type CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { askRoute } from '../support/answers';
import { WRITE_PATH } from './write-path';
import { commandScenario, SCENARIO_ITEMS, type ScenarioResult } from './scenario';
import type { Agreement } from './steps-domain';
import { withRoundTrip } from './support/context';
import { offVocabulary, VOCABULARIES } from './vocabulary';

/**
 * RT-STATUS-AGREEMENT (IT-FAB-4, PROJ-11): the status values the projector writes are the ones the
 * query endpoints filter on — a freshly submitted proposal appears in #24, a freshly initiated
 * multisig transaction in #15, a freshly applied loan is accepted by #17 — and every status column
 * of §8.3 holds only its vocabulary's values, exactly (`Executed` is not `EXECUTED`). An agreement
 * the scenario never reached is not a disagreement: it is reported as not exercised.
 */

/**
 * #24 on its own when the governance chain stopped after the proposal committed (its read-model
 * check refused the projected row): the listing is read-only, so the agreement is still observed.
 */
async function proposalListed(ctx: CheckContext, scenario: ScenarioResult): Promise<Agreement | null> {
  const submitted = scenario.results.get('SUBMIT_PROPOSAL')?.find((r) => r.row?.status === 'COMMITTED');
  const proposalId = submitted?.body.proposalId ?? submitted?.row?.payload.proposalId;
  if (typeof proposalId !== 'string') return null;
  const { res, answer } = await askRoute(ctx, endpointById('#24'), { as: null, note: '#24 after the proposal committed' });
  if (!res || !answer.expected) return null;
  const listed = ((res.body as { proposals?: Array<{ proposalId?: string }> })?.proposals ?? []).some((p) => p.proposalId === proposalId);
  return { what: `#24 lists the freshly submitted proposal ${proposalId}`, ok: res.status === 200 && listed, detail: `GET #24 answered ${res.status}; listed: ${listed}` };
}

export const statusAgreementCheck = defineCheck({
  id: 'RT-STATUS-AGREEMENT',
  layer: 'integration',
  title: 'Projected status values are the §8.3 vocabularies, and the values #24, #15 and #17 filter on',
  criteria: ['IT-FAB-4'],
  rules: ['PROJ-11'],
  needs: ['writes', 'database', 'fixtures', 'ledger'],
  fixtureItems: SCENARIO_ITEMS,
  dependsOn: WRITE_PATH,
  // The three agreements are what it exists to observe; the vocabulary scan alone cannot make it pass.
  minJudged: 3,
  timeoutMs: 240_000,
  async run(ctx) {
    const scenario = await commandScenario(ctx);
    const observed: Agreement[] = [];
    for (const p of ['#24 lists', '#15 lists', '#17 accepts']) {
      const seen = scenario.agreement.filter((a) => a.what.startsWith(p));
      if (seen.length === 0 && p === '#24 lists') {
        const listed = await proposalListed(ctx, scenario);
        if (listed) seen.push(listed);
      }
      if (seen.length === 0) ctx.observe.unusable(`${p}: its chain stopped earlier`);
      for (const a of seen) {
        ctx.observe.judged();
        observed.push(a);
        if (!a.ok) ctx.findings.add({ rule: 'PROJ-11', endpoint: p.split(' ')[0], text: `${a.what}: it does not (${a.detail})` });
      }
    }
    const { off, unreadable } = await withRoundTrip(ctx, 'vocab', (rt) => offVocabulary(rt.db, ctx.target.tenantId, scenario.startedAt));
    for (const u of unreadable) ctx.log(`status vocabulary not read: ${u}`);
    for (const o of off) {
      ctx.findings.add({
        rule: 'PROJ-11', component: 'database',
        text: `${o.what} \`${o.value}\` in ${o.rows} row(s), e.g. ${o.example}: not one of ${o.values.join(', ')}`,
      });
    }
    return pass({ message: `${observed.map((a) => a.what).join('; ')}; ${VOCABULARIES.length - unreadable.length} status vocabularies hold only their values` });
  },
});
