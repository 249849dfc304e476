import { defineCheck, skip, type CheckContext, type CheckDef } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import type { DocumentedError, Endpoint } from '../../../src/catalog/types';
import { brief, brokenRule, envelopeProblem } from '../support/envelope';
import { Problems } from '../support/problems';
import { missingId, pathParams } from '../support/probes';
import { askRoute } from '../support/answers';
import { world, type EndpointRequest } from '../support/requests';
import { ROUTED } from '../support/routing';
import { documentedError } from '../support/rules';
import { exampleItems } from '../../../src/fixtures/uses';

/**
 * INT-ERRORS-<key> (issue 3.6): the documented error paths that can be provoked the same way on
 * every route: an unknown object in the path → 404 with the route's message, and an empty body →
 * 400 with the route's "required" message, both in E1.
 */

interface ErrorCase {
  name: string;
  status: number;
  message: RegExp;
  /** The documented error row the case provokes (its rule id names the finding). */
  documented: DocumentedError;
  /** Commands answered 404 would write on a target that skips the lookup. */
  writesIfBroken: boolean;
  /** Needs a token for a profile that does not exist (mint mode). */
  missingOwner: boolean;
  build(ctx: CheckContext): Promise<EndpointRequest>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `Treasury wallet not found for country: <CC>` → a pattern where placeholders match any text. */
export const messagePattern = (message: string): RegExp =>
  new RegExp(`^${message.split(/<[^>]+>/).map(escape).join('.+')}`);

const isShould = (e: DocumentedError) => /SHOULD/.test(e.when);

function notFoundCase(endpoint: Endpoint): ErrorCase | null {
  const params = pathParams(endpoint);
  const error = endpoint.errors.find((e) => e.status === 404 && !isShould(e));
  if (!error || params.length === 0) return null;
  const owner = endpoint.ownership?.kind === 'path' ? endpoint.ownership.param : null;
  return {
    name: `unknown ${params.join(', ')} → 404 "${error.message}"`,
    status: 404,
    message: messagePattern(error.message),
    documented: error,
    writesIfBroken: endpoint.kind === 'command',
    missingOwner: owner !== null,
    async build(ctx) {
      const w = world(ctx);
      const example = endpoint.example(w);
      const paramsOut = { ...example.params };
      for (const p of params) paramsOut[p] = missingId(w, p);
      if (owner === null) return { ...example, params: paramsOut };
      // Path-owned routes check ownership first, so only the (missing) owner itself can get the 404.
      const token = await ctx.target.auth.accessToken({ profileId: w.missing.profileId, role: 'USER', tenantId: w.tenantId });
      return { ...example, as: null, token, params: paramsOut };
    },
  };
}

function missingBodyCase(endpoint: Endpoint): ErrorCase | null {
  if (!endpoint.request.body) return null;
  const required = endpoint.errors.filter((e) => e.status === 400 && (/missing/i.test(e.when) || /No updatable/.test(e.message)));
  if (required.length === 0) return null;
  // VAL-6 routes (#25–#31, #38) may word it differently: any message naming a required field.
  const val6 = required.some((e) => /VAL-6/.test(e.when));
  const message = val6
    ? new RegExp(required.map((e) => escape(e.message.split(' ')[0])).join('|'))
    : messagePattern(required[0].message);
  return {
    name: `empty body → 400 ${val6 ? 'naming a required field' : `"${required[0].message}"`}`,
    status: 400,
    message,
    documented: required[0],
    writesIfBroken: false,
    missingOwner: false,
    async build(ctx) {
      const example = endpoint.example(world(ctx));
      return { as: example.as, params: example.params, body: {} };
    },
  };
}

/** The documented error the case provokes; ERR-4 / VAL-1 where the registry has no row for it. */
const ruleOf = (endpoint: Endpoint, c: ErrorCase): string =>
  documentedError(endpoint, c.status, c.documented.message) ?? (c.status === 404 ? 'ERR-4' : 'VAL-1');

function errorsCheck(endpoint: Endpoint, cases: ErrorCase[]): CheckDef {
  return defineCheck({
    id: `INT-ERRORS-${endpoint.key}`,
    layer: 'integration',
    title: `${endpoint.id} ${endpoint.method} ${endpoint.path}: documented error answers in E1`,
    criteria: ['IT-API-4'],
    endpoint: endpoint.id,
    needs: ['fixtures'],
    rules: [...new Set([...cases.map((c) => ruleOf(endpoint, c)), 'ERR-1', 'ERR-5'])],
    dependsOn: ROUTED,
    fixtureItems: exampleItems([endpoint]),
    async run(ctx) {
      const problems = new Problems(ctx);
      const skipped: string[] = [];
      let sent = 0;
      for (const c of cases) {
        if (c.writesIfBroken && !ctx.target.allowWrites) { skipped.push(`${c.name} (needs allowWrites)`); continue; }
        if (c.missingOwner && !ctx.target.auth.secret) { skipped.push(`${c.name} (needs the signing secret)`); continue; }
        const res = problems.judge(await askRoute(ctx, endpoint, { ...(await c.build(ctx)), note: `${endpoint.id}: ${c.name}` }));
        sent++;
        if (!res) continue;
        const problem = envelopeProblem(res, [c.status], c.message);
        const rule = ruleOf(endpoint, c);
        if (problem) problems.add({ rule: brokenRule(res, problem, rule), endpoint: endpoint.id, text: `${c.name}: ${problem} (got ${brief(res)})` }, res);
        else problems.sample(res);
      }
      if (sent === 0) return skip(`no error path could be provoked: ${skipped.join('; ')}`);
      problems.measurements.cases = sent;
      const note = skipped.length > 0 ? ` (not sent: ${skipped.join('; ')})` : '';
      return problems.finish(`${sent} error path(s) answered as documented${note}`, 'the documented status and message in E1');
    },
  });
}

export const errorChecks: CheckDef[] = CATALOG.flatMap((endpoint) => {
  const cases = [notFoundCase(endpoint), missingBodyCase(endpoint)].filter((c): c is ErrorCase => c !== null);
  return cases.length > 0 ? [errorsCheck(endpoint, cases)] : [];
});
