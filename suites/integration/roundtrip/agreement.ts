import { defineCheck, pass, type CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { askRoute } from '../support/answers';
import { WRITE_PATH } from './write-path';
import { commandScenario, type ScenarioResult } from './scenario';
import type { Agreement } from './steps-domain';

/**
 * RT-STATUS-AGREEMENT (IT-FAB-4, PROJ-11): the status values the projector writes are the ones the
 * query endpoints filter on: a freshly submitted proposal appears in #24, a freshly initiated
 * multisig transaction in #15, and a freshly applied loan is accepted by #17 (202, not 400).
 * An agreement its chain never reached is not observed: not judged, and never counted as a disagreement.
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
    const observed: Agreement[] = [];
    for (const what of ['#24 lists', '#15 lists', '#17 accepts']) {
      const seen = scenario.agreement.find((a) => a.what.startsWith(what)) ?? (what === '#24 lists' ? await proposalListed(ctx, scenario) : null);
      if (!seen) { ctx.observe.unusable(`${what}: not observed (its chain stopped earlier)`); continue; }
      ctx.observe.judged();
      observed.push(seen);
      if (!seen.ok) ctx.findings.add({ rule: 'PROJ-11', endpoint: what.split(' ')[0], text: `${seen.what}: no (${seen.detail})` });
    }
    return pass({ message: observed.map((a) => a.what).join('; ') });
  },
});
