import { CheckFailure, defineCheck, pass } from '../../../src/checks/define';
import { WRITE_PATH } from './write-path';
import { commandScenario } from './scenario';

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
  needs: ['writes', 'database', 'fixtures'],
  rules: ['PROJ-11'],
  dependsOn: WRITE_PATH,
  // All three agreements: a disagreement that was never observed is not judged (nor counted as one).
  minJudged: 3,
  timeoutMs: 240_000,
  async run(ctx) {
    const scenario = await commandScenario(ctx);
    const expected = ['#24 lists', '#15 lists', '#17 accepts'];
    for (const what of expected) {
      const seen = scenario.agreement.find((a) => a.what.startsWith(what));
      if (!seen) { ctx.observe.unusable(`${what}: not observed (its chain stopped earlier)`); continue; }
      ctx.observe.judged();
      if (!seen.ok) ctx.findings.add({ rule: 'PROJ-11', endpoint: what.split(' ')[0], text: `${seen.what}: no (${seen.detail})` });
    }
    const bad = scenario.agreement.filter((a) => !a.ok);
    if (bad.length > 0) {
      throw new CheckFailure({
        message: bad.map((a) => `${a.what}: no (${a.detail})`).join('; '),
        expected: 'ACTIVE proposals listed, PENDING multisig listed, PENDING_APPROVAL loans approvable', received: `${bad.length} disagreement(s)`,
      });
    }
    return pass({ message: scenario.agreement.map((a) => a.what).join('; ') });
  },
});
