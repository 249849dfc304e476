import { defineCheck, type CheckContext } from '../../src/checks/define';
import { CATALOG } from '../../src/catalog/index';
import type { Endpoint } from '../../src/catalog/types';
import { SERVICE_KEYS } from '../../src/catalog/services';
import { inBatches } from '../../src/clients/http';
import { LEAK_PATTERNS } from '../integration/validation/error-leak';
import { shapeOf } from '../integration/validation/fields';
import { pathParams } from '../integration/support/probes';
import type { Asked } from '../../src/catalog/answers';
import { Budget, spread } from '../integration/support/budget';
import { SEC_ROUTED } from '../integration/support/routing';
import { askRaw } from './support/ask';
import { Findings } from './support/findings';
import type { RawReply } from './support/http';
import { probeToken } from './support/identity';
import { edgeBase, serviceBase } from './support/probes';

/**
 * SEC-ERROR-LEAK (ERR-3, OWASP API8): error answers from many routes, as a client of this region
 * sees them (through the edge when there is one: nginx's own errors included) — unknown routes,
 * malformed JSON, wrong types, unknown ids, wrong content types, missing tokens — carry no stack,
 * SQL, driver text, file paths, software versions or secrets, and are never HTML pages.
 */

const VERSION_BANNER = /\b(?:nginx|openresty|apache|express|node(?:\.js)?|postgres(?:ql)?|redis|undici|prisma)[/ ]v?\d+\.\d+/i;

/** What an answer shows that ERR-3 forbids (ERR-1 for an HTML page), each with its rule. */
export function leakFindings(reply: RawReply, secrets: readonly string[]): { what: string; rule: string }[] {
  const found = LEAK_PATTERNS.filter(([, re]) => re.test(reply.text)).map(([name]) => ({ what: name, rule: 'ERR-3' }));
  if (VERSION_BANNER.test(reply.text)) found.push({ what: 'software version', rule: 'ERR-3' });
  if (/<html|<!doctype/i.test(reply.text)) found.push({ what: 'an HTML page', rule: 'ERR-1' });
  if (secrets.some((s) => s.length >= 6 && reply.text.includes(s))) found.push({ what: 'a configured secret', rule: 'ERR-3' });
  return found;
}

interface Probe { label: string; url: string; method: string; body?: string; contentType?: string; auth: boolean; asked: Asked; endpoint: string | null }

function probesFor(ctx: CheckContext, endpoint: Endpoint): Probe[] {
  if (endpoint.kind === 'command' && !ctx.target.allowWrites) return [];
  const base = serviceBase(ctx, endpoint.service);
  const path = endpoint.path.replace(/:([A-Za-z]+)/g, () => 'gxv-no-such-id');
  const out: Probe[] = [];
  const label = `${endpoint.id} ${endpoint.method} ${endpoint.path}`;
  const of = { asked: { route: endpoint }, endpoint: endpoint.id };
  if (pathParams(endpoint).length > 0) {
    out.push({ label: `${label} unknown id`, url: base + path, method: endpoint.method, auth: true, body: endpoint.request.body ? '{}' : undefined, ...of });
    // An encoded NUL byte in the id: reaches the database driver only if ids are not validated.
    const nul = endpoint.path.replace(/:([A-Za-z]+)/g, () => 'gxv%00nul');
    if (endpoint.method === 'GET') out.push({ label: `${label} id with an encoded NUL`, url: base + nul, method: 'GET', auth: true, ...of });
  }
  if (endpoint.request.body) {
    out.push({ label: `${label} malformed JSON`, url: base + path, method: endpoint.method, body: '{"a": [1, 2', auth: true, ...of });
    out.push({ label: `${label} text/plain body`, url: base + path, method: endpoint.method, body: 'hello', contentType: 'text/plain', auth: true, ...of });
    const shape = shapeOf(endpoint.request.body);
    if (shape) {
      const wrong = Object.fromEntries(Object.keys(shape).map((k, i) => [k, i % 2 === 0 ? { $ne: null } : ['x']]));
      out.push({ label: `${label} wrong types`, url: base + path, method: endpoint.method, body: JSON.stringify(wrong), auth: true, ...of });
    }
  }
  if (endpoint.access !== 'public') out.push({ label: `${label} without a token`, url: base + path, method: endpoint.method, auth: false, ...of });
  return out;
}

/** Judged answers needed at the least (and half of what was sent: `budget.need`). */
const MIN_JUDGED = 20;

export const errorLeakCheck = defineCheck({
  id: 'SEC-ERROR-LEAK',
  layer: 'security',
  title: 'Error answers leak no stack traces, SQL, driver text, paths, versions or secrets',
  criteria: ['SEC-2', 'SEC-4'],
  rules: ['ERR-3', 'ERR-1'],
  perRegion: true,
  dependsOn: SEC_ROUTED,
  // A leak scan must have read a real share of the routes' own answers: at least 20, and half of what was sent.
  minJudged: MIN_JUDGED,
  timeoutMs: 120_000,
  async run(ctx) {
    const token = await probeToken(ctx);
    const probes: Probe[] = CATALOG.flatMap((e) => probesFor(ctx, e));
    for (const service of SERVICE_KEYS) {
      probes.push({ label: `${service} unknown route`, url: `${serviceBase(ctx, service)}/api/v1/gxv-unknown/${'%E0%A4%A'}`, method: 'GET', auth: false, asked: { service }, endpoint: null });
    }
    if (ctx.region.edgeUrl) {
      probes.push({ label: 'edge unknown path', url: `${edgeBase(ctx)}/gxv-unknown`, method: 'GET', auth: false, asked: { edge: true }, endpoint: 'edge' });
      probes.push({ label: 'edge unsupported method', url: `${edgeBase(ctx)}/identity/health`, method: 'PROPFIND', auth: false, asked: { edge: true }, endpoint: 'edge' });
    }
    const findings = new Findings(ctx);
    const budget = new Budget(ctx, { tally: findings });
    let errors = 0;
    const edgePages = new Map<string, number>();
    await inBatches(spread(probes, (p) => p.endpoint ?? p.label), 4, async (p) => {
      if (!budget.take()) return;
      const headers: Record<string, string> = {};
      if (p.body !== undefined) headers['content-type'] = p.contentType ?? 'application/json';
      const { res: reply, answer } = await askRaw(ctx, p.asked, { url: p.url, method: p.method, body: p.body, headers, token: p.auth ? token : null, note: p.label });
      findings.observe(answer);
      // Whoever produced it, a client of this region sees it: the edge's own pages are scanned too, and blamed on the edge.
      const scanned = reply && (answer.expected || answer.producer === 'edge');
      if (!scanned || reply.status < 400) return;
      errors++;
      const found = leakFindings(reply, ctx.target.secrets);
      for (const f of found) {
        if (answer.expected) {
          findings.add({ rule: f.rule, endpoint: p.endpoint, text: `${p.label}: the ${reply.status} answer shows ${f.what}` }, reply);
          continue;
        }
        // The edge's own page is one defect however many probes met it: one finding per kind of page, counted.
        const key = `${reply.status} ${f.what}`;
        edgePages.set(key, (edgePages.get(key) ?? 0) + 1);
        if (edgePages.get(key) === 1) findings.add({ rule: f.rule, endpoint: 'edge', component: 'edge', text: `the edge's ${reply.status} answer shows ${f.what} (first met by ${p.label})` }, reply);
      }
      if (found.length === 0) findings.sample(reply);
    });
    Object.assign(findings.measurements, { requests: probes.length, errorAnswers: errors, ...budget.measurements() });
    for (const [page, n] of edgePages) findings.measurements[`edge pages: ${page}`] = n;
    const sampled = budget.note('probes');
    return findings.finish(`${errors} error answers from ${findings.judgedSoFar} judged probes were free of internals${sampled ? `; ${sampled}` : ''}`,
      'error messages without stacks, SQL, driver text, paths, versions or secrets', budget.need(MIN_JUDGED, 'probes'));
  },
});
