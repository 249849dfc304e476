import { defineCheck } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { brief } from '../support/envelope';
import { Problems } from '../support/problems';
import type { HttpExchange } from '../../../src/clients/http';
import { askRoute } from '../support/answers';
import { exampleOf } from '../support/requests';
import { ROUTED } from '../support/routing';
import { exampleItems } from '../../../src/fixtures/uses';

/** INT-DB-POOL (IT-DB-2): more concurrent database-backed requests than a pool holds; no 5xx. */

const ROUTES = ['#3', '#5', '#35', '#24', 'I5', '#36'];
const CONCURRENT = 60;

export const poolCheck = defineCheck({
  id: 'INT-DB-POOL',
  layer: 'integration',
  title: '60 concurrent read-model queries (more than a connection pool) are all answered without 5xx',
  criteria: ['IT-DB-2'],
  needs: ['fixtures'],
  rules: ['ERR-5'],
  dependsOn: ROUTED,
  // The burst is the point: most of it must have reached the routes to say anything about the pool.
  minJudged: CONCURRENT / 2,
  fixtureItems: exampleItems(ROUTES.map(endpointById)),
  // Alone: its burst is meant to exhaust a pool, and must not starve the checks beside it.
  exclusive: true,
  async run(ctx) {
    const endpoints = ROUTES.map(endpointById);
    const examples = await Promise.all(endpoints.map((e) => exampleOf(ctx, e)));
    const started = performance.now();
    const problems = new Problems(ctx);
    const replies = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => {
      const k = i % endpoints.length;
      return askRoute(ctx, endpoints[k], { ...examples[k], note: `concurrent ${endpoints[k].id} #${i}` }).then((r) => ({ endpoint: endpoints[k].id, r }));
    }));
    const answers: HttpExchange[] = [];
    for (const { endpoint, r } of replies) {
      const res = problems.judge(r);
      if (!res) continue;
      answers.push(res);
      if (res.status !== 200) problems.add({ rule: res.status >= 500 ? 'ERR-5' : null, endpoint, text: `${res.evidence.note}: ${brief(res)}` }, res);
    }
    const times = answers.map((a) => a.durationMs).sort((a, b) => a - b);
    Object.assign(problems.measurements, {
      concurrent: CONCURRENT, answered: answers.length, wallMs: Math.round(performance.now() - started), maxMs: times[times.length - 1] ?? null,
      p95Ms: times.length > 0 ? times[Math.max(0, Math.ceil(times.length * 0.95) - 1)] : null,
    });
    if (problems.count === 0 && answers[0]) problems.sample(answers[0]);
    return problems.finish(`${answers.length} concurrent queries answered 200`, '200 for every request, never 5xx');
  },
});
