import { defineCheck, skip } from '../../../src/checks/define';
import { CATALOG, fillPath } from '../../../src/catalog/index';
import { SERVICE_KEYS, type ServiceKey } from '../../../src/catalog/services';
import type { Endpoint } from '../../../src/catalog/types';
import { exampleItems } from '../../../src/fixtures/uses';
import { askService } from '../support/answers';
import { brief } from '../support/envelope';
import { Problems } from '../support/problems';
import { exampleOf, tokenOf, world } from '../support/requests';
import { ROUTED } from '../support/routing';

/**
 * SVC-4: each service answers only its own routes. Every service is asked, on its own base URL
 * (port or edge prefix), a GET route of each of two other services, with that route's valid example
 * and token: the answer must be the service's route-not-found 404, never the other service's answer.
 * Services the profile reaches through one shared base URL cannot be told apart and are not asked.
 */

/** One GET route per service: the probe another service must not answer. */
const PROBES = new Map<ServiceKey, Endpoint>();
for (const e of CATALOG) if (e.method === 'GET' && !PROBES.has(e.service)) PROBES.set(e.service, e);

export const ownRoutesCheck = defineCheck({
  id: 'INT-SVC-OWN-ROUTES',
  layer: 'integration',
  title: 'Each service answers only its own routes: another service\'s route on its base URL is a 404',
  criteria: ['IT-API-1'],
  needs: ['fixtures'],
  rules: ['SVC-4'],
  dependsOn: ROUTED,
  fixtureItems: exampleItems([...PROBES.values()]),
  async run(ctx) {
    const base = (s: ServiceKey) => ctx.region.serviceUrl(s).replace(/\/+$/, '');
    const distinct = SERVICE_KEYS.filter((s) => SERVICE_KEYS.filter((o) => base(o) === base(s)).length === 1);
    if (distinct.length < 2) {
      return skip(`the profile reaches the services through one shared base URL (${base(SERVICE_KEYS[0])}): which service answers a path cannot be told apart`);
    }
    const problems = new Problems(ctx);
    for (const [i, service] of distinct.entries()) {
      // The next two services' probes (in a ring): every service asked twice, every probe sent twice.
      const owners = [distinct[(i + 1) % distinct.length], distinct[(i + 2) % distinct.length]].filter((o) => o !== service && PROBES.has(o));
      for (const owner of new Set(owners)) {
        const route = PROBES.get(owner)!;
        const example = await exampleOf(ctx, route);
        const token = example.as ? await tokenOf(ctx, world(ctx).users[example.as]) : null;
        const path = fillPath(route.path, example.params ?? {});
        const reply = await askService(ctx, service, { method: 'GET', path, token, note: `SVC-4: the ${owner} route ${route.id} on ${service}` });
        const res = problems.judge(reply);
        if (!res) continue;
        if (res.status === 404) { problems.sample(res); continue; }
        problems.add({ rule: 'SVC-4', endpoint: route.id, text: `${service} answered the ${owner} route ${route.id} GET ${path}: ${brief(res)}, expected its route-not-found 404` }, res);
      }
    }
    return problems.finish(`${distinct.length} services answer other services' routes with 404`, 'a route-not-found 404 from the service that does not own the route');
  },
});
