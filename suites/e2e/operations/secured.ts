import { defineCheck, pass, skip, type CheckContext } from '../../../src/checks/define';
import { send } from '../../../src/clients/http';
import type { EvidenceItem } from '../../../src/evidence/types';
import type { MonitoringEndpointTarget } from '../../../src/profile/target';
import { monitoringOf, type EndpointName } from './support';

/** A path each endpoint serves only to authenticated callers (Grafana's /api/health is public by design). */
const PROBE: Record<EndpointName, string> = {
  prometheus: '/api/v1/status/buildinfo',
  alertmanager: '/api/v2/status',
  grafana: '/api/search?limit=1',
};

/** What a plain-HTTP request may get: no answer, a redirect to https, or the TLS port's "plain HTTP to an HTTPS port" 400. */
function plainRefusal(status: number, headers: Record<string, string>): string | null {
  if (status >= 300 && status < 400) {
    return (headers.location ?? '').startsWith('https://') ? null : `redirects to ${headers.location ?? '(no Location)'} instead of https`;
  }
  if (status >= 200 && status < 300) return `serves it over plain HTTP (${status})`;
  if (status === 401) return 'asks for credentials over plain HTTP (401): a login would travel in clear text';
  return null;
}

async function probeEndpoint(ctx: CheckContext, name: EndpointName, e: MonitoringEndpointTarget, ca: string | null, evidence: EvidenceItem[]): Promise<void> {
  const path = PROBE[name];
  const timeoutMs = ctx.limits.requestMs;
  // 1. With the profile's credentials over HTTPS: the baseline that makes the other two meaningful.
  const authed = await send({ method: 'GET', baseUrl: e.url, path, ca, timeoutMs, authorization: e.authorization ?? undefined, note: `${name} with credentials` });
  evidence.push(authed.evidence);
  if (!e.url.startsWith('https://')) {
    ctx.findings.add({ rule: null, component: 'monitoring', text: `${name}: the profile's URL ${e.url} is not HTTPS`, evidence: [authed.evidence] });
  }
  if (authed.status !== 200) {
    ctx.observe.unusable(`${name} refused the profile's credentials (${authed.status})`);
    return;
  }
  // 2. Anonymous over HTTPS: must be refused.
  const anonymous = await send({ method: 'GET', baseUrl: e.url, path, ca, timeoutMs, note: `${name} without credentials` });
  evidence.push(anonymous.evidence);
  if (anonymous.status !== 401 && anonymous.status !== 403) {
    ctx.findings.add({ rule: null, component: 'monitoring', text: `${name}: ${path} answers ${anonymous.status} without credentials (expected 401 or 403)`, evidence: [anonymous.evidence] });
  }
  // 3. Plain HTTP, anonymous (credentials never travel in clear): refused or redirected to https.
  try {
    const plain = await send({ method: 'GET', baseUrl: e.httpUrl, path, timeoutMs, note: `${name} over plain HTTP` });
    evidence.push(plain.evidence);
    const problem = plainRefusal(plain.status, plain.headers);
    if (problem) ctx.findings.add({ rule: null, component: 'monitoring', text: `${name}: ${e.httpUrl}${path} ${problem}`, evidence: [plain.evidence] });
  } catch (err) {
    evidence.push({ note: `${name} over plain HTTP`, request: `GET ${e.httpUrl}${path}`, response: `no HTTP answer: ${(err as Error).message}` });
  }
  ctx.observe.judged();
}

/**
 * OPS-MONITORING-SECURED (FUNC-6): every monitoring endpoint of the profile (Prometheus,
 * Alertmanager, Grafana) answers the profile's credentials over HTTPS, refuses the same request
 * without them, and over plain HTTP either gives no answer or redirects to HTTPS — never data,
 * never a login challenge in clear text.
 */
export const monitoringSecured = defineCheck({
  id: 'OPS-MONITORING-SECURED',
  layer: 'e2e',
  title: 'Monitoring endpoints answer only over HTTPS and only with credentials',
  criteria: ['FUNC-6'],
  needs: ['monitoring'],
  async run(ctx) {
    const m = monitoringOf(ctx);
    const evidence: EvidenceItem[] = [];
    const names = (['prometheus', 'alertmanager', 'grafana'] as const).filter((n) => m[n]);
    if (names.length === 0) return skip('The profile\'s monitoring section names no prometheus, alertmanager or grafana endpoint to probe.');
    for (const name of names) await probeEndpoint(ctx, name, m[name]!, m.ca, evidence);
    return pass({ message: `${names.join(', ')}: HTTPS with credentials only, anonymous and plain HTTP refused`, evidence, measurements: { endpoints: names.length } });
  },
});
