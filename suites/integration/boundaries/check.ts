import { defineCheck, pass, type CheckContext } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import { QUERY_RANGES } from '../../../src/catalog/primitives';
import { inBatches } from '../../../src/clients/http';
import { envelopeProblem } from '../support/envelope';
import { askRoute } from '../support/answers';
import { exampleOf, type EndpointRequest } from '../support/requests';
import { ROUTED } from '../support/routing';
import { shapeOf } from '../validation/fields';
import { limitOf, type Limit } from './limits';
import { edgesOf, type ArrayUnits, type Edge } from './values';

/**
 * INT-BOUNDARIES (issue 10 item 3): every body field, query and path parameter of every route at
 * its edges, read from the catalog — min−1 and max+1 must answer 400 (E1, never 5xx); min and max
 * must be accepted where sending them is harmless (queries, local computations, and I4, whose
 * registrations are namespaced). Amounts at their digit and decimal-place edges via #37.
 */
type Where = 'body' | 'query' | 'path';
interface Setting { where: Where; field: string; edge: Edge }
/** One request: one value outside its range, or every field of a route at the same valid edge (min, max, sampled). */
export interface Probe { endpoint: Endpoint; valid: boolean; settings: Setting[]; label: string }

/** Valid edges are sent only where an accepted request changes nothing shared (or only namespaced rows). */
const acceptsHarmlessly = (e: Endpoint) => e.kind !== 'command' || e.id === 'I4';
/** Strings with a format (email, MIME type, regex ids) cannot be filled with a plain letter at a length edge. */
const formatted = (schema: unknown) => JSON.stringify((schema as { _zod: { def: { checks?: Array<{ _zod: { def: { check: string } } }> } } })._zod.def.checks?.map((c) => c._zod.def.check) ?? []).includes('string_format');
/** ERR-6: shape and ownership in either order; I1–I3 answer 401 for any other failure. */
function allowed(endpoint: Endpoint, s: Setting): number[] {
  const owned = endpoint.ownership && 'field' in endpoint.ownership && endpoint.ownership.field === s.field.split('.')[0];
  const ownedPath = endpoint.ownership?.kind === 'path' && s.where === 'path' && endpoint.ownership.param === s.field;
  return [400, ...(owned || ownedPath ? [403] : []), ...(/^I[123]$/.test(endpoint.id) ? [401] : [])];
}

function fieldsOf(endpoint: Endpoint): Array<{ where: Where; field: string; limit: Limit; plain: boolean }> {
  const out: Array<{ where: Where; field: string; limit: Limit; plain: boolean }> = [];
  const walk = (where: Where, shape: Record<string, unknown> | null, prefix = '') => {
    for (const [name, schema] of Object.entries(shape ?? {})) {
      const nested = shapeOf(schema as never);
      if (nested) { walk(where, nested, `${prefix}${name}.`); continue; }
      const limit = limitOf(schema as never);
      if (limit) out.push({ where, field: prefix + name, limit, plain: !formatted(schema) });
    }
  };
  walk('body', shapeOf(endpoint.request.body));
  walk('path', shapeOf(endpoint.request.params ?? null));
  if (endpoint.request.query) for (const [q, [min, max]] of Object.entries(QUERY_RANGES)) {
    if (shapeOf(endpoint.request.query)?.[q]) out.push({ where: 'query', field: q, limit: { kind: 'integer', min, max }, plain: true });
  }
  return out;
}

/** Unique columns: a short value accepted once is taken for every later run. */
const UNIQUE = new Set(['phoneNum', 'email']);
const tooShortToBeUnique = (field: string, edge: Edge) => UNIQUE.has(field) && typeof edge.value === 'string' && edge.value.length < 12;
/** An empty path segment is another path (`/users//kyc`), not an id of length 0. */
const emptySegment = (where: Where, edge: Edge) => where === 'path' && edge.value === '';
/** A valid id in an owned path is still someone else's (403): it says nothing about the edge. */
const ownedPath = (e: Endpoint, where: Where) => where === 'path' && e.ownership?.kind === 'path';
const describe = (s: Setting) => `${s.where} ${s.field} at ${s.edge.label}`;

/** #26's elements are country objects, unique by code after upper-casing (§6.6). */
const letters = (i: number) => String.fromCharCode(65 + Math.floor(i / 26) % 26) + String.fromCharCode(65 + (i % 26));
const COUNTRY_UNITS: ArrayUnits = {
  unit: (i) => ({ code: letters(i), name: 'GXV Edge Country' }),
  duplicate: [{ code: 'XQ', name: 'GXV Edge A' }, { code: 'xq', name: 'GXV Edge B' }],
};

export function boundaryProbes(endpoints: readonly Endpoint[] = CATALOG): Probe[] {
  return endpoints.flatMap((endpoint) => {
    const settings = fieldsOf(endpoint).flatMap(({ where, field, limit, plain }) => edgesOf(limit, field === 'countriesData' ? COUNTRY_UNITS : undefined)
      .filter((edge) => !emptySegment(where, edge))
      .filter((edge) => !edge.valid || (plain && acceptsHarmlessly(endpoint) && !tooShortToBeUnique(field, edge) && !ownedPath(endpoint, where)))
      .map((edge): Setting => ({ where, field, edge: where === 'query' ? { ...edge, value: String(edge.value) } : edge })));
    const outside = settings.filter((s) => !s.edge.valid).map((s): Probe => ({ endpoint, valid: false, settings: [s], label: describe(s) }));
    const groups = new Map<string, Setting[]>();
    for (const s of settings.filter((x) => x.edge.valid)) groups.set(s.edge.group!, [...(groups.get(s.edge.group!) ?? []), s]);
    const inside = [...groups].map(([group, list]): Probe => ({ endpoint, valid: true, settings: list, label: `every field at its ${group} edge (${list.map(describe).join('; ')})` }));
    return [...outside, ...inside];
  });
}

function withValue(req: EndpointRequest, s: Setting): EndpointRequest {
  if (s.where === 'query') return { ...req, query: { ...req.query, [s.field]: String(s.edge.value) } };
  if (s.where === 'path') return { ...req, params: { ...req.params, [s.field]: String(s.edge.value) } };
  const body = structuredClone((req.body ?? {}) as Record<string, unknown>);
  const path = s.field.split('.');
  let node = body;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]] = s.edge.value;
  return { ...req, body };
}

const ruleOf = (s: Setting) => (s.where === 'path' ? 'VAL-3' : s.where === 'query' ? `#5:400:invalid-${s.field}` : 'VAL-1');

async function ask(ctx: CheckContext, p: Probe, settings: Setting[]) {
  const example = await exampleOf(ctx, p.endpoint);
  const req = settings.reduce(withValue, example);
  const { res, answer } = await askRoute(ctx, p.endpoint, { ...req, note: `${p.endpoint.id} ${settings.map(describe).join('; ')}` });
  // Only the route's own answer is judged: an edge page or another route's 404 says nothing of its ranges.
  if (!res || !answer.expected) {
    ctx.observe.unusable(answer.kind);
    return null;
  }
  return res;
}

async function judge(ctx: CheckContext, p: Probe): Promise<void> {
  const res = await ask(ctx, p, p.settings);
  if (!res) return;
  ctx.observe.judged();
  const add = (rule: string, what: string, text: string, evidence = res.evidence) =>
    ctx.findings.add({ rule, endpoint: p.endpoint.id, text: `${p.endpoint.id} ${what}: ${text}`, evidence: [evidence] });
  if (res.status >= 500) return add('ERR-5', p.label, `answered ${res.status} (a server error for client input)`);
  if (p.valid) {
    if (res.status !== 400) return;
    // Refused somewhere inside the range: ask each field alone to say which edge it was.
    for (const s of p.settings) {
      const alone = await ask(ctx, p, [s]);
      if (alone?.status === 400) add(ruleOf(s), describe(s), `refused a value inside the contract's range (400 ${JSON.stringify((alone.body as { message?: unknown })?.message ?? '')})`, alone.evidence);
    }
    return;
  }
  const s = p.settings[0];
  const statuses = allowed(p.endpoint, s);
  const problem = envelopeProblem(res, statuses);
  if (problem) add(statuses.includes(res.status) ? 'ERR-1' : ruleOf(s), p.label, problem);
}

export const boundariesCheck = defineCheck({
  id: 'INT-BOUNDARIES',
  layer: 'integration',
  title: 'Every field, query and path parameter at min−1, min, max, max+1 (lengths, integers, array sizes, amount digits)',
  criteria: ['IT-API-4', 'IT-API-1'],
  rules: ['VAL-1', 'VAL-3', 'ERR-1', 'ERR-5', '#5:400:invalid-limit', '#5:400:invalid-offset'],
  needs: ['fixtures', 'writes'],
  dependsOn: ROUTED,
  timeoutMs: 120_000,
  async run(ctx) {
    const probes = boundaryProbes();
    await inBatches(probes, 6, (p) => judge(ctx, p));
    const inside = probes.filter((p) => p.valid).reduce((n, p) => n + p.settings.length, 0);
    const outside = probes.filter((p) => !p.valid).length;
    return pass({
      message: `${outside + inside} edge values on ${new Set(probes.map((p) => p.endpoint.id)).size} routes in ${probes.length} requests: ${outside} outside the range refused with 400, ${inside} inside accepted`,
      measurements: { requests: probes.length, outsideRange: outside, insideRange: inside },
    });
  },
});
