import { defineCheck } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import type { HttpExchange } from '../../../src/clients/http';
import { exampleItems } from '../../../src/fixtures/uses';
import { askRoute, classified, sentTo, type Reply } from '../support/answers';
import { brief } from '../support/envelope';
import { Problems } from '../support/problems';
import { exampleOf, pathOf, sendInRegion, tokenOf, world } from '../support/requests';
import { ROUTED } from '../support/routing';

/**
 * HTTP-5 on the catalog's GET routes: the example request is sent as it is, then as HEAD,
 * with one trailing slash, and with a parameter the route does not know. Each variant must get the
 * status the plain GET got (a HEAD without a body). A route whose plain GET did not succeed gives
 * nothing to compare with and is counted unusable.
 */

/**
 * One GET route per service (HEAD and slash handling live in the service's framework setup), and
 * every GET route that reads query parameters (where a strict validator would refuse unknown ones):
 * few enough requests to stay quick through a paced edge.
 */
const GET_ROUTES = CATALOG.filter((e, _i, all) => e.method === 'GET'
  && (e.request.query !== undefined || all.find((o) => o.method === 'GET' && o.service === e.service) === e));
/** A parameter no route declares. */
const UNKNOWN_PARAM = 'gxvUnknownParam';

/** The example's path with one trailing slash before the query string. */
function withSlash(path: string): string {
  const [p, q] = path.split('?');
  return `${p}/${q === undefined ? '' : `?${q}`}`;
}
const withUnknownParam = (path: string) => `${path}${path.includes('?') ? '&' : '?'}${UNKNOWN_PARAM}=1`;

export const getFormsCheck = defineCheck({
  id: 'INT-HTTP-GET-FORMS',
  layer: 'integration',
  title: 'GET routes also answer HEAD, tolerate one trailing slash and ignore unknown query parameters',
  criteria: ['IT-API-1'],
  needs: ['fixtures'],
  rules: ['HTTP-5'],
  dependsOn: ROUTED,
  fixtureItems: exampleItems(GET_ROUTES),
  minJudged: GET_ROUTES.length,
  sequentialRequests: GET_ROUTES.length * 4,
  async run(ctx) {
    const problems = new Problems(ctx);
    for (const route of GET_ROUTES) {
      const example = await exampleOf(ctx, route);
      const base = await askRoute(ctx, route, example);
      if (!base.res || !base.answer.expected || base.res.status !== route.success.status) {
        problems.unusable(base.res && base.answer.expected ? `plain GET answered ${base.res.status}` : base.answer.kind);
        continue;
      }
      problems.sample(base.res);
      const path = pathOf(route, example.params, example.query);
      const token = example.as ? await tokenOf(ctx, world(ctx).users[example.as]) : null;
      const send = (method: string, p: string, note: string): Promise<Reply<HttpExchange>> => {
        const baseUrl = ctx.region.serviceUrl(route.service);
        return classified({ route }, sentTo(ctx, baseUrl + p, method, route.service),
          () => sendInRegion(ctx, { method, baseUrl, path: p, token, note: `${route.id} ${note}`, endpoint: route.id }));
      };
      const expected = base.res.status;
      const found = (text: string, res: HttpExchange) =>
        problems.add({ rule: 'HTTP-5', endpoint: route.id, text: `${route.id} ${route.path}: ${text}` }, base.res!, res);

      // HEAD has no body to tell who answered: only the edge's own statuses are set aside.
      const head = await send('HEAD', path, 'as HEAD');
      if (!head.res || [429, 502, 503, 504].includes(head.res.status)) problems.unusable(head.res ? `HEAD ${head.res.status}` : head.answer.kind);
      else {
        problems.judged();
        if (head.res.status !== expected) found(`HEAD answered ${head.res.status}, the GET ${expected}`, head.res);
        else if (head.res.text !== '') found(`HEAD answered with a body (${head.res.text.length} characters)`, head.res);
      }
      for (const [variant, p] of [['with one trailing slash', withSlash(path)], [`with the unknown query parameter ${UNKNOWN_PARAM}`, withUnknownParam(path)]] as const) {
        const reply = await send('GET', p, variant);
        // A route-missing 404/405 for the variant is the service's own answer: judged, like the route's.
        const own = reply.res !== null && (reply.answer.expected || reply.answer.producer === 'service');
        if (!own) { problems.unusable(reply.answer.kind); continue; }
        problems.judged();
        if (reply.res!.status !== expected) found(`GET ${variant} answered ${brief(reply.res!)}, the plain GET ${expected}`, reply.res!);
      }
    }
    return problems.finish(`${GET_ROUTES.length} GET routes answer HEAD, a trailing slash and an unknown parameter like the plain GET`,
      'HEAD, one trailing slash and unknown query parameters answered like the plain GET', { minJudged: GET_ROUTES.length });
  },
});
