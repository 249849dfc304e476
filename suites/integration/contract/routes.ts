import { defineCheck, type CheckContext, type CheckDef } from '../../../src/checks/define';
import { endpointsOf } from '../../../src/catalog/index';
import { MESSAGES } from '../../../src/catalog/envelope';
import type { Endpoint } from '../../../src/catalog/types';
import { SERVICE_KEYS, type ServiceKey } from '../../../src/catalog/services';
import { streamUpload } from '../../../src/clients/upload';
import { askRoute, askService, classified, sentTo } from '../support/answers';
import { brief, brokenRule, envelopeProblem } from '../support/envelope';
import { Problems } from '../support/problems';
import { ROUTED } from '../support/routing';
import { exampleOf, pathOf, tokenOf, world } from '../support/requests';
import { exampleItems } from '../../../src/fixtures/uses';

/** Per-service HTTP conventions (§2.1 HTTP-1 to HTTP-4): answered in E1, never HTML. */

export const IT_API_4 = ['IT-API-4'];

/** The first route of a service that takes a JSON body (each service has one). */
export function bodyRoute(service: ServiceKey): Endpoint {
  const route = endpointsOf(service).find((e) => e.request.body !== null);
  if (!route) throw new Error(`no body route in ${service}`);
  return route;
}

export async function eachService(task: (service: ServiceKey) => Promise<void>): Promise<void> {
  for (const service of SERVICE_KEYS) await task(service);
}

export const unknownRouteCheck = defineCheck({
  id: 'INT-UNKNOWN-ROUTE',
  layer: 'integration',
  title: 'Unknown paths and unsupported methods answer 404/405 in E1, not HTML',
  criteria: IT_API_4,
  rules: ['HTTP-4', 'ERR-1'],
  dependsOn: ROUTED,
  // Both probes of every service: a 404 seen on some services only says nothing about the others.
  minJudged: SERVICE_KEYS.length * 2,
  async run(ctx) {
    const problems = new Problems(ctx);
    await eachService(async (service) => {
      const path = '/api/v1/gxv-no-such-route';
      const unknown = problems.judge(await askService(ctx, service, { method: 'GET', path, note: `${service}: unknown path` }));
      if (unknown) {
        const p1 = envelopeProblem(unknown, [404], /^Route GET \S*gxv-no-such-route not found/);
        if (p1) problems.add({ rule: brokenRule(unknown, p1, 'HTTP-4'), text: `${service} GET ${path}: ${p1} (got ${brief(unknown)})` }, unknown);
        else problems.sample(unknown);
      }
      // No catalog route uses DELETE: a known path with DELETE is an unsupported method.
      const known = endpointsOf(service)[0].path.replace(/:([A-Za-z]+)/g, 'gxv-x');
      const method = problems.judge(await askService(ctx, service, { method: 'DELETE', path: known, note: `${service}: unsupported method` }));
      if (!method) return;
      const p2 = envelopeProblem(method, [404, 405]);
      if (p2) problems.add({ rule: brokenRule(method, p2, 'HTTP-4'), text: `${service} DELETE ${known}: ${p2} (got ${brief(method)})` }, method);
      else if (method.status === 405 && !method.headers.allow) problems.add({ rule: 'HTTP-4', text: `${service} DELETE ${known}: 405 without an Allow header` }, method);
    });
    return problems.finish('every service answered unknown routes with E1', '404 (or 405 with Allow) in the E1 envelope');
  },
});

/** Sends `raw` to each service's body route as its example actor and expects an E1 error. */
function bodyCheck(opts: {
  id: string; title: string; statuses: number[]; message?: string; rule: string;
  raw: () => string | Buffer; contentType: string;
}): CheckDef {
  return defineCheck({
    id: opts.id,
    layer: 'integration',
    title: opts.title,
    criteria: IT_API_4,
    rules: [opts.rule, 'ERR-1'],
    needs: ['fixtures'],
    dependsOn: ROUTED,
    minJudged: SERVICE_KEYS.length,
    fixtureItems: exampleItems(SERVICE_KEYS.map(bodyRoute)),
    async run(ctx: CheckContext) {
      const problems = new Problems(ctx);
      await eachService(async (service) => {
        const route = bodyRoute(service);
        const example = await exampleOf(ctx, route);
        const raw = opts.raw();
        const note = `${opts.id} on ${route.id} ${route.method} ${route.path}`;
        const path = pathOf(route, example.params);
        const reply = Buffer.isBuffer(raw)
          ? await classified({ route }, sentTo(ctx, ctx.region.serviceUrl(service) + path, route.method, service), async () => streamUpload({
            method: route.method, baseUrl: ctx.region.serviceUrl(service), path,
            token: example.as ? await tokenOf(ctx, world(ctx).users[example.as]) : null,
            raw, contentType: opts.contentType, note, ca: ctx.region.ca, connectTo: ctx.region.connectTo, endpoint: route.id,
          }))
          : await askRoute(ctx, route, { as: example.as, params: example.params, raw, contentType: opts.contentType, note });
        const res = problems.judge(reply);
        if (!res) return;
        const problem = envelopeProblem(res, opts.statuses, opts.message);
        if (problem) problems.add({ rule: brokenRule(res, problem, opts.rule), endpoint: route.id, text: `${service} ${route.id}: ${problem} (got ${brief(res)})` }, res);
        else problems.sample(res);
      });
      return problems.finish('every service answered in E1', `${opts.statuses.join(' or ')} in the E1 envelope`);
    },
  });
}

export const malformedJsonCheck = bodyCheck({
  id: 'INT-MALFORMED-JSON', title: 'Malformed JSON answers 400 "Malformed JSON in request body" (HTTP-2)',
  statuses: [400], message: MESSAGES.malformedJson, rule: 'HTTP-2', raw: () => '{"amount": 1,', contentType: 'application/json',
});

const TEN_MB = 10 * 1024 * 1024;
export const oversizeBodyCheck = bodyCheck({
  id: 'INT-OVERSIZE-BODY', title: 'A body over 10 MB answers 413 (HTTP-3)',
  statuses: [413], rule: 'HTTP-3',
  raw: () => Buffer.concat([Buffer.from('{"pad":"'), Buffer.alloc(TEN_MB + 1024, 0x61), Buffer.from('"}')]),
  contentType: 'application/json',
});

export const contentTypeCheck = bodyCheck({
  id: 'INT-CONTENT-TYPE', title: 'A text/plain body on a JSON route answers 400 or 415 (HTTP-1)',
  statuses: [400, 415], rule: 'HTTP-1', raw: () => '{"amount": "1"}', contentType: 'text/plain',
});

export const routeChecks: CheckDef[] = [unknownRouteCheck, malformedJsonCheck, oversizeBodyCheck, contentTypeCheck];
