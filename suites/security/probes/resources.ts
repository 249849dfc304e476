import type { CheckContext } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import type { RegionTarget } from '../../../src/profile/target';
import { shapeOf } from '../../integration/validation/fields';
import { edgeNoise } from './support/answers';
import { evidenceOf, urlOf, type ProbeReply, type ProbeSession } from './support/client';
import { finding, probeFamily } from './support/family';
import { RESOURCES, setId } from './support/payloads';
import { firstEdge, rawExchange } from './support/raw-http';
import { baseOf, worldOf } from './support/slots';

/**
 * SEC-PROBE-RESOURCES (SEC-DOS-1): a body nested 10 000 deep, a 100 000-element array and a 1 MB
 * string in each field of every route with a body (the nesting and the array also inside an
 * otherwise valid body, where only the limits can refuse them) → 400 or 413 (E1) within 2 s, never a 5xx, and
 * the service answers a normal request right after. At the edge, a few connections that stall
 * mid-body must be cut with a 4xx (or closed) within the edge timeout while normal requests keep
 * being answered. A slow answer is sent again before it counts: one slow answer is not a finding.
 */

const RULE = 'SEC-DOS-1';
/** Edge timeout of the contract (EDGE-11): a stalled body must be dealt with before it. */
const EDGE_TIMEOUT_MS = 60_000;

const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
/** A valid body with one more (unknown, VAL-2) field first, holding raw JSON: only SEC-DOS-1's limits can refuse it. */
const withExtra = (base: Record<string, unknown>, key: string, raw: string) => {
  const rest = JSON.stringify(base).slice(1);
  return rest === '}' ? `{"${key}":${raw}}` : `{"${key}":${raw},${rest}`;
};
const b64 = (base: Record<string, unknown>) => Buffer.from(JSON.stringify(base)).toString('base64');
const recipe = {
  deep: (d: number) => `node -e 'process.stdout.write("{\\"a\\":".repeat(${d})+"1"+"}".repeat(${d}))'`,
  deepIn: (base: Record<string, unknown>, d: number) => `node -e 'const b=JSON.parse(Buffer.from("${b64(base)}","base64").toString());process.stdout.write(JSON.stringify({gxvDeep:0,...b}).replace("0","{\\"a\\":".repeat(${d})+"1"+"}".repeat(${d})))'`,
  arrayIn: (base: Record<string, unknown>, n: number) => `node -e 'const b=JSON.parse(Buffer.from("${b64(base)}","base64").toString());process.stdout.write(JSON.stringify({gxvItems:Array(${n}).fill(1),...b}))'`,
  array: (field: string, n: number) => `node -e 'process.stdout.write(JSON.stringify({${field}:Array(${n}).fill(1)}))'`,
  string: (field: string, n: number) => `node -e 'process.stdout.write(JSON.stringify({${field}:"x".repeat(${n})}))'`,
};

interface Case { label: string; body: string; recipe: string }

function casesFor(endpoint: Endpoint, base: Record<string, unknown>): Case[] {
  const fields = Object.keys(shapeOf(endpoint.request.body) ?? {});
  const cases: Case[] = [
    { label: `JSON nested ${RESOURCES.depth} deep`, body: deep(RESOURCES.depth), recipe: recipe.deep(RESOURCES.depth) },
    // The same sizes inside an otherwise valid body: no field rule can refuse it, only the limits.
    { label: `a valid body with JSON nested ${RESOURCES.depth} deep in an unknown field`, body: withExtra(base, 'gxvDeep', deep(RESOURCES.depth)), recipe: recipe.deepIn(base, RESOURCES.depth) },
    { label: `a valid body with a ${RESOURCES.arrayLength}-element array in an unknown field`, body: withExtra(base, 'gxvItems', JSON.stringify(new Array(RESOURCES.arrayLength).fill(1))), recipe: recipe.arrayIn(base, RESOURCES.arrayLength) },
  ];
  const arrayField = fields[0] ?? 'gxvItems';
  cases.push({ label: `${arrayField}: ${RESOURCES.arrayLength}-element array`, body: JSON.stringify({ ...base, [arrayField]: new Array(RESOURCES.arrayLength).fill(1) }), recipe: recipe.array(arrayField, RESOURCES.arrayLength) });
  for (const field of fields) {
    cases.push({ label: `${field}: ${RESOURCES.stringBytes}-byte string`, body: JSON.stringify({ ...base, [field]: 'x'.repeat(RESOURCES.stringBytes) }), recipe: recipe.string(field, RESOURCES.stringBytes) });
  }
  return cases;
}

async function probeRoute(session: ProbeSession, ctx: CheckContext, endpoint: Endpoint): Promise<number> {
  const base = baseOf(endpoint, worldOf(ctx));
  const token = await session.token(base.as);
  const url = urlOf(ctx, endpoint, base.params, base.query);
  let judged = 0;
  for (const c of casesFor(endpoint, (base.body ?? {}) as Record<string, unknown>)) {
    const send = () => session.send({ method: endpoint.method, url, body: c.body, token, endpoint: endpoint.id, note: `${endpoint.id} ${c.label}`, bodyRecipe: c.recipe, timeoutMs: Math.max(ctx.limits.requestMs, 15_000) }, 'oversize');
    let reply = await send();
    if (reply && !edgeNoise(reply) && reply.durationMs > RESOURCES.answerWithinMs && reply.status < 500) reply = (await send()) ?? reply;
    if (!reply) {
      ctx.findings.add(finding(RULE, endpoint.id, `${endpoint.id} ${endpoint.method} ${endpoint.path}: ${c.label} got no answer within ${Math.max(ctx.limits.requestMs, 15_000)} ms`, []));
      continue;
    }
    if (edgeNoise(reply)) continue;
    judged++;
    const refused = reply.status === 400 || reply.status === 413;
    if (!refused || reply.durationMs > RESOURCES.answerWithinMs) {
      ctx.findings.add(finding(RULE, endpoint.id, `${endpoint.id} ${endpoint.method} ${endpoint.path}: ${c.label} answered ${reply.status} in ${reply.durationMs} ms; expected 400 or 413 within ${RESOURCES.answerWithinMs} ms`, evidenceOf(reply)));
    }
  }
  await afterwards(session, ctx, endpoint, url);
  return judged;
}

/** "…and right after": the service answers its /health normally once the oversize bodies are through. */
async function afterwards(session: ProbeSession, ctx: CheckContext, endpoint: Endpoint, url: string): Promise<void> {
  const health = `${ctx.region.serviceUrl(endpoint.service)}/health`;
  const reply: ProbeReply | null = await session.send({ method: 'GET', url: health, note: `${endpoint.service} /health right after ${endpoint.id}` }, 'after');
  if (!reply || reply.status !== 200) {
    ctx.findings.add(finding(RULE, endpoint.id, `${endpoint.service} did not answer /health normally right after the oversize bodies of ${endpoint.id} (${reply?.status ?? 'no answer'}); last probe ${url}`, evidenceOf(reply)));
  }
}

/** Slow bodies at the edge: stalled connections are cut with a 4xx (or closed), never a 5xx; others are served meanwhile. */
async function slowBodies(session: ProbeSession, ctx: CheckContext, edge: RegionTarget): Promise<number> {
  const url = new URL(`${edge.serviceUrl('tax')}/api/v1/fees/calculate`);
  const head = `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${RESOURCES.slowDeclaredBytes}\r\n\r\n`;
  const stalled = Array.from({ length: RESOURCES.slowConnections }, (_, i) => {
    session.counts.slow = (session.counts.slow ?? 0) + 1;
    return rawExchange({ url, region: edge }, { head, body: '{"amount":"1'.slice(0, RESOURCES.slowSentBytes), timeoutMs: EDGE_TIMEOUT_MS + 5_000, note: `edge: stalled body ${i + 1} (${RESOURCES.slowSentBytes} of ${RESOURCES.slowDeclaredBytes} bytes sent)`, endpoint: '#37' });
  });
  // Meanwhile, a normal request is answered normally.
  const during = await session.send({ method: 'GET', url: `${edge.edgeUrl!.replace(/\/+$/, '')}/health`, note: 'edge /health while bodies stall', region: edge }, 'slow');
  if (!during || during.status >= 500) ctx.findings.add(finding(RULE, 'edge', `edge /health answered ${during?.status ?? 'nothing'} while ${RESOURCES.slowConnections} bodies stalled`, evidenceOf(during), { component: 'edge' }));
  let judged = 0;
  for (const answer of await Promise.all(stalled)) {
    judged++;
    const cut = answer.closedByServer && (answer.status === null || (answer.status >= 400 && answer.status < 500));
    if (!cut) ctx.findings.add(finding(RULE, 'edge', `edge: a stalled body was ${answer.closedByServer ? `answered ${answer.status}` : `still open after ${answer.durationMs} ms`} (expected a 4xx or a close within the edge timeout)`, [answer.evidence], { component: 'edge' }));
  }
  return judged;
}

export const resourceProbeCheck = probeFamily({
  id: 'SEC-PROBE-RESOURCES',
  title: 'Deep nesting, huge arrays, megabyte strings and stalled bodies are refused quickly and leave the service answering (SEC-DOS-1)',
  rules: [RULE],
  timeoutMs: 420_000,
  payloads: [setId(RESOURCES)],
  async run(session, ctx) {
    const edge = firstEdge(ctx.target.regions);
    const slow = edge ? slowBodies(session, ctx, edge) : Promise.resolve(0);
    let judged = 0;
    for (const endpoint of CATALOG.filter((e) => e.request.body !== null)) {
      if (session.timeLeft(70_000) <= 0) { ctx.observe.unusable('not reached before the time limit'); continue; }
      judged += await probeRoute(session, ctx, endpoint);
    }
    const slowJudged = await slow;
    if (!edge) ctx.observe.unusable('stalled bodies: the target has no edge region');
    ctx.observe.judged(judged + slowJudged);
    return { message: `${judged} oversize bodies refused in time, ${slowJudged} stalled edge connections cut (${session.sent} requests)`, measurements: { oversizeJudged: judged, stalledConnections: slowJudged, edgeRegion: edge?.name ?? null } };
  },
});
