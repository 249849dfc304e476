import { defineCheck, pass } from '../../../src/checks/define';
import { commandScenario, SCENARIO_ITEMS } from './scenario';
import { withRoundTrip } from './support/context';
import { offVocabulary, VOCABULARIES } from './vocabulary';

/**
 * RT-STATUS-AGREEMENT (IT-FAB-4, PROJ-11): the status values the projector writes are the ones the
 * query endpoints filter on — a freshly submitted proposal appears in #24, a freshly initiated
 * multisig transaction in #15, a freshly applied loan is accepted by #17 — and every status column
 * of §8.3 holds only its vocabulary's values, exactly (`Executed` is not `EXECUTED`). An agreement
 * the scenario never reached is not a disagreement: it is reported as not exercised.
 */
export const statusAgreementCheck = defineCheck({
  id: 'RT-STATUS-AGREEMENT',
  layer: 'integration',
  title: 'Projected status values are the §8.3 vocabularies, and the values #24, #15 and #17 filter on',
  criteria: ['IT-FAB-4'],
  rules: ['PROJ-11'],
  needs: ['writes', 'database', 'fixtures', 'ledger'],
  fixtureItems: SCENARIO_ITEMS,
  // The three agreements are what it exists to observe; the vocabulary scan alone cannot make it pass.
  minJudged: 3,
  timeoutMs: 240_000,
  async run(ctx) {
    const scenario = await commandScenario(ctx);
    for (const p of ['#24 lists', '#15 lists', '#17 accepts']) {
      const seen = scenario.agreement.filter((a) => a.what.startsWith(p));
      if (seen.length === 0) ctx.observe.unusable(`${p}: its chain stopped earlier`);
      for (const a of seen) {
        ctx.observe.judged();
        if (!a.ok) ctx.findings.add({ rule: 'PROJ-11', text: `${a.what}: it does not (${a.detail})` });
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
    return pass({ message: `${scenario.agreement.map((a) => a.what).join('; ')}; ${VOCABULARIES.length - unreadable.length} status vocabularies hold only their values` });
  },
});
