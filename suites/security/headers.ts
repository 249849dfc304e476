import { defineCheck } from '../../src/checks/define';
import { inBatches } from '../../src/clients/http';
import { Findings } from './support/findings';
import { SERVICE_KEYS } from '../../src/catalog/services';
import { SEC_ROUTED } from '../integration/support/routing';
import { askRaw } from './support/ask';
import { header, headerCount, type RawReply } from './support/http';
import { responseSpread } from './support/probes';

/**
 * SEC-HEADERS (EDGE-4 through an edge, HDR-1 and HDR-2 on direct service URLs): security headers on
 * every kind of answer (2xx, 401, 404, 400, the edge's own), each exactly once, with strong values.
 */

const ONCE = ['strict-transport-security', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'content-security-policy'];
const HSTS_MIN = 31_536_000;

export function edgeHeaderProblems(reply: RawReply): string[] {
  const out: string[] = [];
  for (const name of ONCE) {
    const n = headerCount(reply, name);
    if (n !== 1) out.push(`${name} appears ${n} times${n > 1 ? ` (${reply.headers[name].join(' | ')})` : ''}`);
  }
  const hsts = header(reply, 'strict-transport-security');
  if (hsts && headerCount(reply, 'strict-transport-security') === 1) {
    const maxAge = Number(/max-age\s*=\s*"?(\d+)"?/i.exec(hsts)?.[1] ?? NaN);
    if (!(maxAge >= HSTS_MIN)) out.push(`HSTS max-age ${Number.isNaN(maxAge) ? 'missing' : maxAge} < ${HSTS_MIN}`);
    if (!/includeSubDomains/i.test(hsts)) out.push('HSTS without includeSubDomains');
    if (!/preload/i.test(hsts)) out.push('HSTS without preload');
  }
  out.push(...commonProblems(reply));
  return out;
}

/**
 * HDR-2 for a service answering directly: HSTS is the edge's, and a service may repeat only the
 * edge's exact value. That value must meet EDGE-4, so a service HSTS that does not (or is sent
 * twice) cannot be the edge's value.
 */
export function serviceHstsProblem(reply: RawReply): string | null {
  const values = reply.headers['strict-transport-security'] ?? [];
  if (values.length === 0) return null;
  if (values.length > 1) return `Strict-Transport-Security sent ${values.length} times (${values.join(' | ')})`;
  const maxAge = Number(/max-age\s*=\s*"?(\d+)"?/i.exec(values[0])?.[1] ?? NaN);
  const weak = !(maxAge >= HSTS_MIN) || !/includeSubDomains/i.test(values[0]) || !/preload/i.test(values[0]);
  return weak ? `the service sends its own Strict-Transport-Security "${values[0]}", which cannot be the edge's EDGE-4 value` : null;
}

/** HDR-1 for a service answering directly (no edge). */
export function serviceHeaderProblems(reply: RawReply): string[] {
  const out: string[] = [];
  const csp = header(reply, 'content-security-policy') ?? '';
  for (const part of ["default-src 'self'", "frame-ancestors 'self'", "object-src 'none'"]) {
    if (!csp.includes(part)) out.push(`Content-Security-Policy lacks ${part}`);
  }
  const expect: [string, RegExp][] = [
    ['referrer-policy', /^no-referrer$/i],
    ['cross-origin-opener-policy', /^same-origin$/i],
    ['cross-origin-resource-policy', /^same-origin$/i],
  ];
  for (const [name, re] of expect) if (!re.test(header(reply, name) ?? '')) out.push(`${name} is ${header(reply, name) ?? 'missing'}`);
  for (const name of ONCE.slice(1)) if (headerCount(reply, name) > 1) out.push(`${name} appears ${headerCount(reply, name)} times`);
  out.push(...commonProblems(reply));
  return out;
}

function commonProblems(reply: RawReply): string[] {
  const out: string[] = [];
  if (header(reply, 'x-content-type-options')?.toLowerCase() !== 'nosniff') out.push(`X-Content-Type-Options is ${header(reply, 'x-content-type-options') ?? 'missing'}`);
  const xfo = reply.headers['x-frame-options'] ?? [];
  const csp = header(reply, 'content-security-policy') ?? '';
  if (xfo.length === 0 && !/frame-ancestors/i.test(csp)) out.push('neither X-Frame-Options nor CSP frame-ancestors');
  if (xfo.some((v) => !/^(SAMEORIGIN|DENY)$/i.test(v.trim()))) out.push(`X-Frame-Options ${xfo.join(' | ')}`);
  if (new Set(xfo.map((v) => v.trim().toUpperCase())).size > 1) out.push(`conflicting X-Frame-Options: ${xfo.join(' | ')}`);
  if (!header(reply, 'referrer-policy')) out.push('Referrer-Policy missing');
  const xss = reply.headers['x-xss-protection'] ?? [];
  if (xss.length > 1 || (xss.length === 1 && xss[0].trim() !== '0')) out.push(`X-XSS-Protection ${xss.join(' | ')}`);
  if (header(reply, 'x-powered-by') !== undefined) out.push(`X-Powered-By: ${header(reply, 'x-powered-by')}`);
  const server = header(reply, 'server');
  if (server && /\d/.test(server)) out.push(`Server header carries a version: ${server}`);
  return out;
}

export const headersCheck = defineCheck({
  id: 'SEC-HEADERS',
  layer: 'security',
  title: 'Security headers on every answer, each exactly once, with strong values (EDGE-4 / HDR-1)',
  criteria: ['SEC-2', 'SEC-3'],
  rules: ['EDGE-4', 'HDR-1', 'HDR-2'],
  perRegion: true,
  dependsOn: SEC_ROUTED,
  // "Every kind of answer": the services' success, 404, 401 and 400 and the edge's own; nearly all must come back.
  minJudged: SERVICE_KEYS.length * 2 + 2,
  async run(ctx) {
    const viaEdge = ctx.region.edgeUrl !== null;
    const findings = new Findings(ctx);
    const probes = responseSpread(ctx);
    await inBatches(probes, 4, async (probe) => {
      const { url, method, headers, body } = probe;
      const reply = findings.judge(await askRaw(ctx, probe.asked, { url, method, headers, body, note: probe.label, endpoint: probe.endpoint ?? undefined }));
      if (!reply) return;
      const found = viaEdge ? edgeHeaderProblems(reply) : serviceHeaderProblems(reply);
      const hsts = viaEdge ? null : serviceHstsProblem(reply);
      // Through an edge, EDGE-4 is the edge's to keep (it adds, and hides upstream duplicates of, these headers).
      for (const problem of found) {
        findings.add({
          rule: viaEdge ? 'EDGE-4' : 'HDR-1', endpoint: probe.endpoint, component: viaEdge ? 'edge' : 'service',
          text: `${probe.label} (${reply.status}): ${problem}`,
        }, reply);
      }
      if (hsts) findings.add({ rule: 'HDR-2', endpoint: probe.endpoint, text: `${probe.label} (${reply.status}): ${hsts}` }, reply);
      if (found.length === 0 && !hsts) findings.sample(reply);
    });
    findings.measurements.responses = probes.length;
    findings.measurements.viaEdge = viaEdge;
    return findings.finish(
      `${findings.judgedSoFar} answers carried the ${viaEdge ? 'EDGE-4' : 'HDR-1'} headers, each once`,
      viaEdge ? 'HSTS (≥ 1 year, includeSubDomains, preload), nosniff, X-Frame-Options, Referrer-Policy, CSP exactly once; no X-Powered-By; no Server version'
        : 'HDR-1 headers (CSP, nosniff, X-Frame-Options, Referrer-Policy, COOP, CORP), no X-Powered-By; HSTS absent or the edge\'s (HDR-2)',
    );
  },
});
