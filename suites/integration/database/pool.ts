import { defineCheck } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { brief } from '../support/envelope';
import { Problems } from '../support/problems';
import { exampleOf, sendTo } from '../support/requests';
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
  fixtureItems: exampleItems(ROUTES.map(endpointById)),
  // Alone: its burst is meant to exhaust a pool, and must not starve the checks beside it.
  exclusive: true,
  async run(ctx) {
    const endpoints = ROUTES.map(endpointById);
    const examples = await Promise.all(endpoints.map((e) => exampleOf(ctx, e)));
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => {
      const k = i % endpoints.length;
      return sendTo(ctx, endpoints[k], { ...examples[k], note: `concurrent ${endpoints[k].id} #${i}` });
    }));
    const problems = new Problems();
    for (const res of answers) {
      if (res.status !== 200) problems.add(`${res.evidence.note}: ${brief(res)}`, res);
    }
    const times = answers.map((a) => a.durationMs).sort((a, b) => a - b);
    Object.assign(problems.measurements, {
      concurrent: CONCURRENT, wallMs: Math.round(performance.now() - started), maxMs: times[times.length - 1],
      p95Ms: times[Math.floor(times.length * 0.95) - 1],
    });
    if (problems.count === 0) problems.sample(answers[0]);
    return problems.finish(`${CONCURRENT} concurrent queries answered 200`, '200 for every request, never 5xx');
  },
});
