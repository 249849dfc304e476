import { isDeepStrictEqual } from 'node:util';
import { defineCheck } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import { inBatches } from '../../../src/clients/http';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { missingId, pathParams } from '../support/probes';
import { exampleOf, sendTo, world } from '../support/requests';
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
  fixtureItems: exampleItems(CATALOG.filter((e) => e.ownership !== null), 'userB', NON_STAKEHOLDER),
  async run(ctx) {
    const w = world(ctx);
    const routes = CATALOG.filter((e) => e.ownership && ['path', 'borrower', 'stakeholder'].includes(e.ownership.kind) && pathParams(e).length > 0);
    const problems = new Problems();
    await inBatches(routes, 6, async (endpoint) => {
      const example = await exampleOf(ctx, endpoint);
      const actor = nonOwner(endpoint, w, example);
      const existing = await sendTo(ctx, endpoint, { ...example, as: actor, note: `${endpoint.id} as ${actor}: existing object` });
      const params = Object.fromEntries(pathParams(endpoint).map((p) => [p, missingId(w, p)]));
      const missing = await sendTo(ctx, endpoint, { ...example, as: actor, params, note: `${endpoint.id} as ${actor}: missing object` });
      if (existing.status < 400) {
        problems.add(`${endpoint.id}: the non-owner got ${brief(existing)}`, existing);
      } else if (existing.status !== missing.status || !isDeepStrictEqual(withoutRequestId(existing.body), withoutRequestId(missing.body))) {
        problems.add(`${endpoint.id}: existing → ${brief(existing)}; missing → ${brief(missing)}`, existing, missing);
      } else {
        problems.sample(existing);
      }
    });
    problems.measurements.endpoints = routes.length;
    return problems.finish(`${routes.length} owned routes answered alike for existing and missing objects`, 'identical status and body');
  },
});
