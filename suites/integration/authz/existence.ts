import { isDeepStrictEqual } from 'node:util';
import { defineCheck } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import { inBatches } from '../../../src/clients/http';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { missingId, pathParams } from '../support/probes';
import { askRoute } from '../support/answers';
import { exampleOf, world } from '../support/requests';
import { ROUTED } from '../support/routing';
import { NON_STAKEHOLDER, nonOwner } from './actors';
import { exampleItems } from '../../../src/fixtures/uses';

/**
 * INT-AUTHZ-EXISTENCE-LEAK (AUTHZ-3): a non-owner gets the same status and body for an existing
 * object as for one that does not exist (#19, I5, #3, #10, …), so ids cannot be probed.
 */

const withoutRequestId = (body: unknown) => {
  if (!isObject(body)) return body;
  const { requestId: _ignored, ...rest } = body;
  return rest;
};

export const existenceLeakCheck = defineCheck({
  id: 'INT-AUTHZ-EXISTENCE-LEAK',
  layer: 'integration',
  title: 'A non-owner\'s answer is the same for an existing and a missing object',
  criteria: ['IT-API-3', 'SEC-2'],
  needs: ['fixtures'],
  rules: ['AUTHZ-3', 'ERR-5'],
  dependsOn: ROUTED,
  // A pair per owned route is judged; most of the routes must have given both answers.
  minJudged: 12,
  fixtureItems: exampleItems(CATALOG.filter((e) => e.ownership !== null), 'userB', NON_STAKEHOLDER),
  async run(ctx) {
    const w = world(ctx);
    const routes = CATALOG.filter((e) => e.ownership && ['path', 'borrower', 'stakeholder'].includes(e.ownership.kind) && pathParams(e).length > 0);
    const problems = new Problems(ctx);
    await inBatches(routes, 6, async (endpoint) => {
      const example = await exampleOf(ctx, endpoint);
      const actor = nonOwner(endpoint, w, example);
      const existing = problems.judge(await askRoute(ctx, endpoint, { ...example, as: actor, note: `${endpoint.id} as ${actor}: existing object` }));
      const params = Object.fromEntries(pathParams(endpoint).map((p) => [p, missingId(w, p)]));
      const missing = problems.judge(await askRoute(ctx, endpoint, { ...example, as: actor, params, note: `${endpoint.id} as ${actor}: missing object` }));
      if (!existing || !missing) return;
      const found = (rule: string, text: string) => problems.add({ rule, endpoint: endpoint.id, text: `${endpoint.id}: ${text}` }, existing, missing);
      if (existing.status >= 500 || missing.status >= 500) found('ERR-5', `existing → ${brief(existing)}; missing → ${brief(missing)}`);
      else if (existing.status < 400) found('AUTHZ-3', `the non-owner got ${brief(existing)}`);
      else if (existing.status !== missing.status || !isDeepStrictEqual(withoutRequestId(existing.body), withoutRequestId(missing.body))) {
        found('AUTHZ-3', `existing → ${brief(existing)}; missing → ${brief(missing)}`);
      } else {
        problems.sample(existing);
      }
    });
    problems.measurements.endpoints = routes.length;
    return problems.finish(`${routes.length} owned routes answered alike for existing and missing objects`, 'identical status and body');
  },
});
