import { defineCheck } from '../../../src/checks/define';
import { SERVICE_KEYS } from '../../../src/catalog/services';
import { exampleItems } from '../../../src/fixtures/uses';
import { askRoute } from '../support/answers';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { exampleOf } from '../support/requests';
import { ROUTED } from '../support/routing';
import { bodyRoute, eachService, IT_API_4 } from './routes';

/**
 * INT-EMPTY-BODY (HTTP-1 "an empty body counts as {}"): each service's body route is sent `{}` as
 * JSON, then nothing at all (no body, no Content-Type); the two must get the same status and
 * message. A route that accepts `{}` is not sent the empty request (it would write twice).
 */
export const emptyBodyCheck = defineCheck({
  id: 'INT-EMPTY-BODY',
  layer: 'integration',
  title: 'A request with no body and no Content-Type is answered as {} (HTTP-1)',
  criteria: IT_API_4,
  rules: ['HTTP-1'],
  needs: ['fixtures'],
  dependsOn: ROUTED,
  minJudged: SERVICE_KEYS.length,
  fixtureItems: exampleItems(SERVICE_KEYS.map(bodyRoute)),
  async run(ctx) {
    const problems = new Problems(ctx);
    await eachService(async (service) => {
      const route = bodyRoute(service);
      const { as, params } = await exampleOf(ctx, route);
      const asJson = await askRoute(ctx, route, { as, params, body: {}, note: `${route.id} with {} as JSON` });
      if (!asJson.res || !asJson.answer.expected) return void problems.judge(asJson);
      if (asJson.res.status < 400) return problems.unusable(`${route.id} accepts {} (${asJson.res.status})`);
      const empty = problems.judge(await askRoute(ctx, route, { as, params, note: `${route.id} with no body and no Content-Type` }));
      if (!empty) return;
      const said = (r: typeof empty) => (isObject(r.body) ? r.body.message : undefined);
      if (empty.status !== asJson.res.status || said(empty) !== said(asJson.res)) {
        problems.add({ rule: 'HTTP-1', endpoint: route.id, text: `${service} ${route.id}: no body answered ${brief(empty)}, but {} answered ${brief(asJson.res)}; an empty body counts as {}` }, empty);
      } else problems.sample(empty);
    });
    return problems.finish('every service answered an empty body as {}', 'the answer {} gets');
  },
});
