import type { CheckContext } from '../../../src/checks/define';
import { CATALOG, endpointById } from '../../../src/catalog/index';
import { SERVICE_KEYS } from '../../../src/catalog/services';
import type { RegionTarget } from '../../../src/profile/target';
import { answerForm, edgeNoise } from './support/answers';
import { evidenceOf, urlOf, type ProbeReply, type ProbeRequest, type ProbeSession } from './support/client';
import { finding, probeFamily } from './support/family';
import { HEADERS, setId } from './support/payloads';
import { firstEdge, rawExchange, type RawAnswer } from './support/raw-http';
import { baseOf, worldOf } from './support/slots';

/**
 * SEC-PROBE-HEADERS (SEC-HDR-1..3): spoofed Host / X-Forwarded-Host (no link, redirect or answer
 * built from them; tenancy headers change nothing), CR/LF in echoed values (never a response
 * header of ours), method overrides (ignored), TRACE/TRACK (405 or 404 in E1, services and edge),
 * HTTP/1.0 without Host and ambiguous framing at the edge (duplicate Content-Length,
 * Content-Length with Transfer-Encoding → 400).
 */

/** Queries of every service as the role they need, each service's /health, and one public query through the edge. */
async function spread(session: ProbeSession, ctx: CheckContext, edge: RegionTarget | null): Promise<ProbeRequest[]> {
  const w = worldOf(ctx);
  const out: ProbeRequest[] = [];
  for (const service of SERVICE_KEYS) {
    out.push({ method: 'GET', url: `${ctx.region.serviceUrl(service)}/health`, note: `${service} /health` });
    const query = CATALOG.find((e) => e.service === service && e.method === 'GET');
    if (!query) continue;
    const base = baseOf(query, w);
    out.push({ method: 'GET', url: urlOf(ctx, query, base.params, base.query), token: await session.token(base.as), endpoint: query.id, note: `${query.id} ${query.path}` });
  }
  // Through the edge as well: it sets Host and X-Forwarded-Host itself (EDGE-10), and its answers are HTTPS.
  if (edge && edge !== ctx.region) out.push({ method: 'GET', url: `${edge.serviceUrl('admin')}/api/v1/system/status`, endpoint: '#32', note: `#32 through the ${edge.name} edge`, region: edge });
  return out;
}

const reflects = (reply: ProbeReply, needle: string) =>
  reply.text.includes(needle) || Object.values(reply.headers).some((vs) => vs.some((v) => v.includes(needle)));

/**
 * A changed answer is sent again, control and probe: data that moved meanwhile (a projection
 * landing) changes both; a header that changes tenancy keeps them apart while the control holds still.
 */
async function differsAgain(session: ProbeSession, req: ProbeRequest, probe: ProbeRequest, control: ProbeReply): Promise<boolean> {
  const again = await session.send(req, 'tenant');
  const probeAgain = await session.send(probe, 'tenant');
  if (!again || !probeAgain) return false;
  return answerForm(again, []) === answerForm(control, []) && answerForm(probeAgain, []) !== answerForm(again, []);
}

async function hostSpoofing(session: ProbeSession, ctx: CheckContext, requests: ProbeRequest[]): Promise<number> {
  let judged = 0;
  for (const req of requests) {
    const control = await session.send(req, 'control');
    if (!control || edgeNoise(control)) continue;
    for (const name of HEADERS.spoofHeaders) {
      const value = name === 'Forwarded' ? `host=${HEADERS.spoofHost};proto=http` : HEADERS.spoofHost;
      const reply = await session.send({ ...req, headers: { ...req.headers, [name]: value }, note: `${req.note} with ${name}: ${value}` }, 'host');
      if (!reply || edgeNoise(reply)) continue;
      judged++;
      if (reflects(reply, HEADERS.spoofHost)) {
        ctx.findings.add(finding('SEC-HDR-1', req.endpoint ?? null, `${req.note}: ${name}: ${value} came back in the answer (${Object.entries(reply.headers).filter(([, vs]) => vs.some((v) => v.includes(HEADERS.spoofHost))).map(([k]) => k).join(', ') || 'body'})`, evidenceOf(reply)));
      }
    }
    // Tenancy only means something on routes (a /health document changes its uptime between two answers).
    for (const name of req.endpoint ? HEADERS.tenantHeaders : []) {
      const probe = { ...req, headers: { ...req.headers, [name]: 'gxv-other-tenant' }, note: `${req.note} with ${name}` };
      const reply = await session.send(probe, 'tenant');
      if (!reply || edgeNoise(reply)) continue;
      judged++;
      if (answerForm(reply, []) !== answerForm(control, []) && (await differsAgain(session, req, probe, control))) {
        ctx.findings.add(finding('SEC-HDR-1', req.endpoint ?? null, `${req.note}: ${name}: gxv-other-tenant changed the answer (${control.status} → ${reply.status}); tenancy comes from the token only (TEN-1)`, evidenceOf(reply, control)));
      }
    }
  }
  return judged;
}

async function crlf(session: ProbeSession, ctx: CheckContext, edge: RegionTarget | null): Promise<number> {
  let judged = 0;
  const org = endpointById('#14');
  for (const payload of HEADERS.crlf) {
    const sent: ProbeRequest[] = [
      { method: 'GET', url: `${urlOf(ctx, org, { orgId: 'gxv' })}`.replace(/gxv$/, payload), endpoint: '#14', note: `#14 path orgId ${payload}` },
      // The edge decodes the path before routing: a decoded CR/LF it writes into a header of its own is its injection, not the service's.
      ...(edge && edge !== ctx.region
        ? [{ method: 'GET', url: `${edge.serviceUrl(org.service)}/api/v1/organizations/${payload}`, region: edge, endpoint: '#14', note: `edge ${edge.name}: #14 path orgId ${payload}` }]
        : []),
      { method: 'GET', url: `${ctx.region.serviceUrl('admin')}/api/v1/system/status?gxv=${payload}`, endpoint: '#32', note: `#32 query ${payload}` },
      { method: 'GET', url: `${ctx.region.serviceUrl('admin')}/health`, headers: { 'X-Request-Id': payload.replace(/[\r\n]/g, '') }, note: `X-Request-Id ${payload}` },
    ];
    for (const req of sent) {
      const reply = await session.send(req, 'crlf');
      if (!reply) continue;
      judged++;
      const injected = reply.headers[HEADERS.injectedHeader] !== undefined || Object.values(reply.headers).some((vs) => vs.some((v) => /[\r\n]/.test(v)));
      if (injected) ctx.findings.add(finding('SEC-HDR-3', req.endpoint ?? null, `${req.note}: the CR/LF reached a response header`, evidenceOf(reply)));
    }
  }
  return judged;
}

async function methodOverride(session: ProbeSession, ctx: CheckContext): Promise<number> {
  let judged = 0;
  const url = `${ctx.region.serviceUrl('admin')}/api/v1/system/status`;
  const asGet = await session.send({ method: 'GET', url, endpoint: '#32', note: '#32 GET' }, 'override');
  const asPost = await session.send({ method: 'POST', url, body: '{}', endpoint: '#32', note: '#32 POST (a GET-only route)' }, 'override');
  if (!asGet || !asPost) return 0;
  for (const name of HEADERS.methodOverrideHeaders) {
    const cases: Array<[ProbeRequest, ProbeReply]> = [
      [{ method: 'GET', url, headers: { [name]: 'DELETE' }, endpoint: '#32', note: `#32 GET with ${name}: DELETE` }, asGet],
      [{ method: 'POST', url, body: '{}', headers: { [name]: 'GET' }, endpoint: '#32', note: `#32 POST with ${name}: GET` }, asPost],
    ];
    for (const [req, control] of cases) {
      const reply = await session.send(req, 'override');
      if (!reply || edgeNoise(reply)) continue;
      judged++;
      if (answerForm(reply, []) !== answerForm(control, [])) {
        ctx.findings.add(finding('SEC-HDR-2', '#32', `${req.note}: answered ${reply.status} where the plain ${req.method} answered ${control.status}; the override header was honoured`, evidenceOf(reply, control)));
      }
    }
  }
  return judged;
}

function e1(answer: Pick<RawAnswer, 'body'>): boolean {
  try {
    const json = JSON.parse(answer.body) as { error?: unknown; message?: unknown };
    return typeof json.error === 'string' && typeof json.message === 'string';
  } catch {
    return false;
  }
}

/** TRACE and TRACK on a service's /health (direct or through the edge prefix) and on the edge's own /health. */
async function traceMethods(session: ProbeSession, ctx: CheckContext, edge: RegionTarget | null): Promise<number> {
  let judged = 0;
  const targets: Array<{ url: URL; region: RegionTarget; component: 'service' | 'edge' }> = SERVICE_KEYS.slice(0, 2).map((s) => ({ url: new URL(`${ctx.region.serviceUrl(s)}/health`), region: ctx.region, component: 'service' }));
  if (edge) targets.push({ url: new URL(`${edge.edgeUrl!.replace(/\/+$/, '')}/health`), region: edge, component: 'edge' }, { url: new URL(`${edge.serviceUrl('identity')}/health`), region: edge, component: 'edge' });
  for (const t of targets) {
    for (const method of HEADERS.traceMethods) {
      session.counts.trace = (session.counts.trace ?? 0) + 1;
      const answer = await rawExchange(t, { head: `${method} ${t.url.pathname} HTTP/1.1\r\nHost: ${t.url.host}\r\nAuthorization: Bearer gxv-trace-canary\r\nConnection: close\r\n\r\n`, timeoutMs: ctx.limits.requestMs, note: `${method} ${t.url.href}` });
      judged++;
      const ok = (answer.status === 405 || answer.status === 404) && e1(answer);
      if (!ok) ctx.findings.add(finding('SEC-HDR-2', t.component === 'edge' ? 'edge' : null, `${method} ${t.url.href} answered ${answer.status ?? 'nothing'}${answer.body.includes('gxv-trace-canary') ? ', echoing the request' : ''}; expected 405 or 404 in E1`, [answer.evidence], { component: t.component }));
    }
  }
  return judged;
}

/** HTTP/1.0 without Host and ambiguous framing, at the edge only (SEC-HDR-3). */
async function framing(session: ProbeSession, ctx: CheckContext, edge: RegionTarget): Promise<number> {
  const url = new URL(`${edge.serviceUrl('tax')}/api/v1/fees/calculate`);
  const host = `Host: ${url.host}\r\n`;
  const body = '{"amount":"100"}';
  const cases = [
    { note: 'two Content-Length values', head: `POST ${url.pathname} HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: ${body.length}\r\nContent-Length: ${body.length + 7}\r\nConnection: close\r\n\r\n`, body, expect: 400 },
    { note: 'Content-Length with Transfer-Encoding', head: `POST ${url.pathname} HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`, body: `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`, expect: 400 },
  ];
  let judged = 0;
  for (const c of cases) {
    session.counts.framing = (session.counts.framing ?? 0) + 1;
    const answer = await rawExchange({ url, region: edge }, { head: c.head, body: c.body, timeoutMs: ctx.limits.requestMs, note: `edge: ${c.note}`, endpoint: '#37' });
    judged++;
    if (answer.status !== c.expect) ctx.findings.add(finding('SEC-HDR-3', 'edge', `edge: ${c.note} answered ${answer.status ?? 'nothing'}, expected 400`, [answer.evidence], { component: 'edge' }));
  }
  session.counts.framing++;
  const old = await rawExchange({ url: new URL(`${edge.edgeUrl!.replace(/\/+$/, '')}/health`), region: edge }, { head: 'GET /health HTTP/1.0\r\n\r\n', timeoutMs: ctx.limits.requestMs, note: 'edge: HTTP/1.0 without Host' });
  judged++;
  const internal = /\b(?:127\.0\.0\.1|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+|localhost)(?::\d+)?\b/;
  const leaked = internal.test(old.body) || Object.values(old.headers).some((vs) => vs.some((v) => internal.test(v)));
  if (old.status === null || old.status >= 500 || leaked) {
    ctx.findings.add(finding('SEC-HDR-1', 'edge', `edge: HTTP/1.0 without Host answered ${old.status ?? 'nothing'}${leaked ? ' and named an internal address' : ''}`, [old.evidence], { component: 'edge' }));
  }
  return judged;
}

export const headerProbeCheck = probeFamily({
  id: 'SEC-PROBE-HEADERS',
  title: 'Host and forwarding headers, CR/LF, method overrides, TRACE/TRACK and ambiguous framing are refused or ignored (SEC-HDR-1..3)',
  rules: ['SEC-HDR-1', 'SEC-HDR-2', 'SEC-HDR-3'],
  timeoutMs: 240_000,
  payloads: [setId(HEADERS)],
  async run(session, ctx) {
    const edge = firstEdge(ctx.target.regions);
    let judged = await hostSpoofing(session, ctx, await spread(session, ctx, edge));
    judged += await crlf(session, ctx, edge);
    judged += await methodOverride(session, ctx);
    judged += await traceMethods(session, ctx, edge);
    if (edge) judged += await framing(session, ctx, edge);
    else ctx.observe.unusable('edge framing probes: the target has no edge region');
    ctx.observe.judged(judged);
    return { message: `${judged} header and protocol probes refused or ignored (${session.sent} requests${edge ? `, edge probes through ${edge.name}` : ', no edge region'})`, measurements: { judged, edgeRegion: edge?.name ?? null } };
  },
});
