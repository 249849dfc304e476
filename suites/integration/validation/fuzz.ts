import { defineCheck, type CheckContext } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import { inBatches } from '../../../src/clients/http';
import { askRoute } from '../support/answers';
import { Budget, spread } from '../support/budget';
import { brief, brokenRule, envelopeProblem } from '../support/envelope';
import { Problems } from '../support/problems';
import { exampleOf, type EndpointRequest } from '../support/requests';
import { ROUTED } from '../support/routing';
import { exampleItems } from '../../../src/fixtures/uses';
import {
  bodyCandidates, describe, FUZZ_SEED, MISSING, pathCandidates, queryCandidates, SAMPLES_PER_FIELD, shapeOf, type Candidate,
} from './fields';

/**
 * INT-VALIDATION-FUZZ (issue 4.3, §4, VAL-1, VAL-3, ERR-5): invalid values for every body, path
 * and query field → 400/422 E1 (403 where the field decides ownership), never 2xx, never 5xx;
 * the valid examples of queries are still accepted.
 */

interface Case { endpoint: Endpoint; where: 'body' | 'path' | 'query'; field: string; value: Candidate; req: EndpointRequest; statuses: number[] }

function ownerField(endpoint: Endpoint, where: Case['where'], field: string): boolean {
  const rule = endpoint.ownership;
  if (!rule) return false;
  if (where === 'path') return rule.kind === 'path' && rule.param === field;
  return where === 'body' && (rule.kind === 'body' || rule.kind === 'body-array') && rule.field === field;
}

function casesFor(endpoint: Endpoint, example: EndpointRequest): Case[] {
  const cases: Case[] = [];
  // I1-I3 answer a well-typed but unusable credential (e.g. an empty refresh token) with their documented 401.
  const statuses = endpoint.access === 'public' && endpoint.errors.some((e) => e.status === 401) ? [400, 422, 401] : [400, 422];
  const push = (where: Case['where'], field: string, value: Candidate, req: EndpointRequest) =>
    cases.push({ endpoint, where, field, value, req, statuses: [...statuses, ...(ownerField(endpoint, where, field) ? [403] : [])] });

  const bodyShape = shapeOf(endpoint.request.body);
  if (bodyShape && endpoint.request.body) {
    Object.entries(bodyShape).forEach(([field, schema], i) => {
      for (const value of bodyCandidates(schema, i)) {
        const body: Record<string, unknown> = { ...(example.body as Record<string, unknown>) };
        if (value === MISSING) delete body[field];
        else body[field] = value;
        if (!endpoint.request.body!.safeParse(body).success) push('body', field, value, { ...example, body });
      }
    });
  }
  const paramShape = shapeOf(endpoint.request.params);
  if (paramShape && endpoint.request.params) {
    for (const [field, schema] of Object.entries(paramShape)) {
      for (const value of pathCandidates(schema)) {
        const params = { ...example.params, [field]: value };
        if (!endpoint.request.params.safeParse(params).success) push('path', field, value, { ...example, params });
      }
    }
  }
  const queryShape = shapeOf(endpoint.request.query);
  if (queryShape && endpoint.request.query) {
    Object.keys(queryShape).forEach((field, i) => {
      for (const value of queryCandidates(i)) {
        const query = { ...example.query, [field]: value };
        if (!endpoint.request.query!.safeParse(query).success) push('query', field, value, { ...example, query });
      }
    });
  }
  return cases;
}

async function positive(ctx: CheckContext, endpoint: Endpoint, example: EndpointRequest, problems: Problems): Promise<void> {
  const res = problems.judge(await askRoute(ctx, endpoint, { ...example, note: `${endpoint.id} valid example` }));
  if (res && (res.status < 200 || res.status >= 300)) {
    problems.add({ rule: res.status >= 500 ? 'ERR-5' : 'VAL-1', endpoint: endpoint.id, text: `${endpoint.id} valid example rejected: ${brief(res)}` }, res);
  }
}

/** VAL-3 for path parameters; VAL-1 for body and query fields (§4 table). */
const ruleOf = (c: Case): string => (c.where === 'path' ? 'VAL-3' : 'VAL-1');

/** Judged answers needed at the least (and half of what was sent: `budget.need`). */
const MIN_JUDGED = 20;

export const fuzzCheck = defineCheck({
  id: 'INT-VALIDATION-FUZZ',
  layer: 'integration',
  title: 'Generated invalid body, path and query values are rejected with 400/422 E1, never 2xx or 5xx',
  criteria: ['IT-API-4', 'SEC-2'],
  needs: ['fixtures'],
  rules: ['VAL-1', 'VAL-3', 'ERR-1', 'ERR-5'],
  dependsOn: ROUTED,
  // Hundreds of cases: a pass needs a real spread of judged answers (at least 20, and half of what was sent).
  minJudged: MIN_JUDGED,
  sequentialRequests: 200, // ~1400 requests, 8 at a time (~176 in a row), with room: the time budget grows by that many round trips
  fixtureItems: exampleItems(CATALOG),
  async run(ctx) {
    // Commands are fuzzed only where writes are allowed: a target that accepts bad input would write.
    const endpoints = CATALOG.filter((e) => e.kind !== 'command' || ctx.target.allowWrites);
    const problems = new Problems(ctx);
    const budget = new Budget(ctx, { tally: problems });
    let serverErrors = 0;
    let accepted = 0;
    const invalid = async (c: Case) => {
      const label = `${c.endpoint.id} ${c.where} ${c.field}=${describe(c.value)}`;
      const res = problems.judge(await askRoute(ctx, c.endpoint, { ...c.req, note: label }));
      if (!res) return;
      if (res.status >= 500) serverErrors++;
      if (res.status < 300) accepted++;
      const problem = envelopeProblem(res, c.statuses);
      if (problem) problems.add({ rule: brokenRule(res, problem, ruleOf(c)), endpoint: c.endpoint.id, text: `${label}: ${problem} (got ${brief(res)})` }, res);
    };
    const cases: Case[] = [];
    // The valid examples of queries first, one per endpoint, then the invalid values: all paced side by side.
    const jobs: { endpoint: Endpoint; run: () => Promise<void> }[] = [];
    for (const endpoint of endpoints) {
      const example = await exampleOf(ctx, endpoint);
      if (endpoint.kind === 'query' || endpoint.kind === 'local') jobs.push({ endpoint, run: () => positive(ctx, endpoint, example, problems) });
      for (const c of casesFor(endpoint, example)) {
        cases.push(c);
        jobs.push({ endpoint, run: () => invalid(c) });
      }
    }
    await inBatches(spread(jobs, (j) => j.endpoint.id), 8, async (j) => (budget.take() ? j.run() : undefined));
    Object.assign(problems.measurements, {
      seed: FUZZ_SEED, samplesPerField: SAMPLES_PER_FIELD, requests: cases.length, endpoints: endpoints.length, serverErrors, accepted, ...budget.measurements(),
    });
    const skippedCommands = CATALOG.length - endpoints.length;
    const note = [skippedCommands > 0 ? `${skippedCommands} commands not fuzzed: allowWrites is false` : '', budget.note() ?? ''].filter(Boolean).join('; ');
    return problems.finish(`${problems.judgedSoFar} invalid inputs rejected (seed ${FUZZ_SEED})${note ? ` (${note})` : ''}`, '400/422 in E1 (403 for ownership fields); never 2xx or 5xx', budget.need(MIN_JUDGED, 'cases'));
  },
});
