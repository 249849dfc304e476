import { defineCheck, type CheckContext } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import { inBatches } from '../../../src/clients/http';
import { askRoute } from '../support/answers';
import { Budget, spread } from '../support/budget';
import { envelopeProblem, REASON_PHRASES } from '../support/envelope';
import { Problems } from '../support/problems';
import { pathParams } from '../support/probes';
import { exampleOf, type EndpointRequest } from '../support/requests';
import { ROUTED } from '../support/routing';
import { shapeOf } from './fields';
import { exampleItems } from '../../../src/fixtures/uses';
import { LEAK_PATTERNS } from '../../../src/inspect/leak-patterns';

/**
 * INT-ERROR-LEAK (ERR-3): errors provoked on many routes (very long ids, NUL bytes, quotes, bad
 * percent-encoding, bad types) never carry stack traces, SQL, driver or library text, file paths
 * or secrets — 5xx answers included — and are always E1, never an HTML page.
 */

/** The one list of what an error answer must not show (src/inspect, shared with the passive inspectors). */
export { LEAK_PATTERNS };

const HOSTILE_IDS = ['x'.repeat(5000), 'gxv\u0000nul', "gxv' OR '1'='1", 'gxv"quoted"', 'gxv;DROP TABLE "Wallet";--'];
/** Raw (not percent-encoded) path segments: a broken escape and an encoded NUL. */
const RAW_SEGMENTS = ['%E0%A4%A', 'gxv%00nul', '%'];

function leaks(res: { text: string }, secrets: string[]): string[] {
  const found = LEAK_PATTERNS.filter(([, re]) => re.test(res.text)).map(([name]) => name);
  if (secrets.some((s) => s.length >= 6 && res.text.includes(s))) found.push('a configured secret');
  return found;
}

function hostileRequests(endpoint: Endpoint, example: EndpointRequest): EndpointRequest[] {
  const out: EndpointRequest[] = [];
  for (const param of pathParams(endpoint)) {
    for (const value of HOSTILE_IDS) out.push({ ...example, params: { ...example.params, [param]: value }, note: `${endpoint.id} ${param}=${JSON.stringify(value.slice(0, 30))}` });
    for (const raw of RAW_SEGMENTS) {
      const path = endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => (name === param ? raw : encodeURIComponent(example.params?.[name] ?? 'x')));
      out.push({ ...example, path, note: `${endpoint.id} raw path ${param}=${raw}` });
    }
  }
  const shape = shapeOf(endpoint.request.body);
  if (shape && example.body) {
    for (const field of Object.keys(shape)) {
      for (const value of ['gxv\u0000nul', { $gt: '' }, ['x'], 'x'.repeat(5000)]) {
        out.push({ ...example, body: { ...(example.body as object), [field]: value }, note: `${endpoint.id} body ${field} hostile` });
      }
    }
  }
  return out;
}

/** Judged answers needed at the least (and half of what was sent: `budget.need`). */
const MIN_JUDGED = 20;

export const errorLeakCheck = defineCheck({
  id: 'INT-ERROR-LEAK',
  layer: 'integration',
  title: 'Provoked errors carry no stack traces, SQL, driver text, paths or secrets (5xx included)',
  criteria: ['IT-API-4', 'SEC-2', 'SEC-4'],
  needs: ['fixtures'],
  rules: ['ERR-3', 'ERR-1'],
  dependsOn: ROUTED,
  // A leak scan must have read a real share of the routes' own answers: at least 20, and half of what was sent.
  minJudged: MIN_JUDGED,
  sequentialRequests: 60, // ~400 requests, 8 at a time: the time budget grows by that many round trips
  fixtureItems: exampleItems(CATALOG),
  async run(ctx: CheckContext) {
    const endpoints = CATALOG.filter((e) => e.kind !== 'command' || ctx.target.allowWrites);
    const jobs: { endpoint: Endpoint; req: EndpointRequest }[] = [];
    for (const endpoint of endpoints) {
      const example = await exampleOf(ctx, endpoint);
      for (const req of hostileRequests(endpoint, example)) jobs.push({ endpoint, req });
    }
    const problems = new Problems(ctx);
    const budget = new Budget(ctx, { tally: problems });
    let errors = 0;
    let serverErrors = 0;
    await inBatches(spread(jobs, (j) => j.endpoint.id), 8, async ({ endpoint, req }) => {
      if (!budget.take()) return;
      const res = problems.judge(await askRoute(ctx, endpoint, req));
      if (!res || res.status < 400) return;
      errors++;
      if (res.status >= 500) serverErrors++;
      const found = leaks(res, ctx.target.secrets);
      if (found.length > 0) problems.add({ rule: 'ERR-3', endpoint: endpoint.id, text: `${req.note}: ${res.status} answer leaks ${found.join(', ')}` }, res);
      const shape = envelopeProblem(res, [res.status]);
      if (shape && REASON_PHRASES[res.status]) problems.add({ rule: 'ERR-1', endpoint: endpoint.id, text: `${req.note}: not E1 (${shape})` }, res);
    });
    Object.assign(problems.measurements, { requests: jobs.length, errorAnswers: errors, serverErrors, ...budget.measurements() });
    const sampled = budget.note('hostile requests');
    return problems.finish(`${errors} provoked error answers were clean E1 (${serverErrors} of them 5xx)${sampled ? `; ${sampled}` : ''}`, 'E1 messages without internals', budget.need(MIN_JUDGED, 'hostile requests'));
  },
});
