import { CheckFailure, defineCheck, pass } from '../../../src/checks/define';
import { commandScenario, SCENARIO_ITEMS } from './scenario';

/**
 * RT-STATUS-AGREEMENT (IT-FAB-4, PROJ-11): the status values the projector writes are the ones the
 * query endpoints filter on: a freshly submitted proposal appears in #24, a freshly initiated
 * multisig transaction in #15, and a freshly applied loan is accepted by #17 (202, not 400).
 */
export const statusAgreementCheck = defineCheck({
  id: 'RT-STATUS-AGREEMENT',
  layer: 'integration',
  title: 'Projected status values are the values #24, #15 and #17 filter on',
  criteria: ['IT-FAB-4'],
  needs: ['writes', 'database', 'fixtures', 'ledger'],
  fixtureItems: SCENARIO_ITEMS,
  timeoutMs: 240_000,
  async run(ctx) {
    const scenario = await commandScenario(ctx);
    const expected = ['#24 lists', '#15 lists', '#17 accepts'];
    const missing = expected.filter((p) => !scenario.agreement.some((a) => a.what.startsWith(p)));
    const bad = scenario.agreement.filter((a) => !a.ok);
    if (bad.length || missing.length) {
      throw new CheckFailure({
        message: [...bad.map((a) => `${a.what}: no (${a.detail})`), ...missing.map((m) => `${m}: not observed (its chain stopped earlier)`)].join('; '),
        expected: 'ACTIVE proposals listed, PENDING multisig listed, PENDING_APPROVAL loans approvable', received: `${bad.length + missing.length} disagreement(s)`,
      });
    }
    return pass({ message: scenario.agreement.map((a) => a.what).join('; ') });
  },
});
