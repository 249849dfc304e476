import type { CheckContext } from '../../../src/checks/define';
import { CATALOG, endpointById } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import { shapeOf } from '../../integration/validation/fields';
import { answerForm, edgeNoise, serverError } from './support/answers';
import { evidenceOf, urlOf, type ProbeReply, type ProbeRequest, type ProbeSession } from './support/client';
import { finding, probeFamily } from './support/family';
import { POLLUTION, setId } from './support/payloads';
import { baseOf, worldOf } from './support/slots';

/**
 * SEC-PROBE-POLLUTION (SEC-PP-1): `__proto__`, `constructor.prototype` and `prototype` keys at the
 * top level of every JSON body and nested in its first field. Each answer must be the one the body
 * gets without those keys (or a 400), never a 5xx; and a set of separate requests (canaries) sent
 * before and after each route's probes must come back unchanged, with no marker key anywhere.
 */

const RULE = 'SEC-PP-1';

/** `{"__proto__": …}` must go on the wire as an own key: splice the raw JSON text in. */
function withKeys(base: Record<string, unknown>, extra: unknown): string {
  const baseText = JSON.stringify(base);
  const extraText = JSON.stringify(extra).slice(1, -1);
  if (baseText === '{}') return `{${extraText}}`;
  return `${baseText.slice(0, -1)},${extraText}}`;
}

function nestedIn(base: Record<string, unknown>, field: string, extra: unknown): string {
  const rest = Object.fromEntries(Object.entries(base).filter(([k]) => k !== field));
  const restText = JSON.stringify(rest).slice(1, -1);
  return `{${restText}${restText ? ',' : ''}${JSON.stringify(field)}:${JSON.stringify(extra)}}`;
}

const marked = (reply: ProbeReply) =>
  reply.text.includes(POLLUTION.marker) || Object.entries(reply.headers).some(([k, vs]) => k.includes(POLLUTION.marker.toLowerCase()) || vs.some((v) => v.includes(POLLUTION.marker)));

/**
 * Separate requests whose answers no probe of the family may legitimately change (the probes' own
 * accepted commands act as userA, admins or on shared objects): a public query, userB's own KYC
 * status, a public computation.
 */
async function canaries(session: ProbeSession, ctx: CheckContext): Promise<ProbeRequest[]> {
  const w = worldOf(ctx);
  const pick = endpointById;
  const status = pick('#32');
  const kyc = pick('I8');
  const fee = pick('#37');
  return [
    { method: 'GET', url: urlOf(ctx, status), endpoint: '#32', note: 'canary #32 system status' },
    { method: 'GET', url: urlOf(ctx, kyc, { id: w.users.userB.profileId }), token: await session.token('userB'), endpoint: 'I8', note: 'canary I8 as userB' },
    { method: 'POST', url: urlOf(ctx, fee), body: '{"amount":"100"}', endpoint: '#37', note: 'canary #37 fee' },
  ];
}

async function snapshot(session: ProbeSession, requests: ProbeRequest[]): Promise<Array<ProbeReply | null>> {
  const out: Array<ProbeReply | null> = [];
  for (const req of requests) out.push(await session.send(req, 'canary'));
  return out;
}

async function probeRoute(session: ProbeSession, ctx: CheckContext, endpoint: Endpoint): Promise<ProbeReply[]> {
  const base = baseOf(endpoint, worldOf(ctx));
  const body = (base.body ?? {}) as Record<string, unknown>;
  const token = await session.token(base.as);
  const url = urlOf(ctx, endpoint, base.params, base.query);
  const send = (text: string, note: string) => session.send({ method: endpoint.method, url, body: text, token, endpoint: endpoint.id, note }, 'probe');
  const control = await send(JSON.stringify(body), `${endpoint.id} without pollution keys`);
  const answers: ProbeReply[] = [];
  const first = Object.keys(shapeOf(endpoint.request.body) ?? {})[0];
  const cases = [
    ...POLLUTION.bodies.map((extra) => ({ text: withKeys(body, extra), nested: false })),
    ...(first ? POLLUTION.nested.map((extra) => ({ text: nestedIn(body, first, extra), nested: true })) : []),
  ];
  for (const c of cases) {
    const reply = await send(c.text, `${endpoint.id} body ${c.text.slice(0, 100)}`);
    if (!reply || edgeNoise(reply)) continue;
    answers.push(reply);
    const changed = control && !c.nested && reply.status !== 400 && answerForm(reply, []) !== answerForm(control, []);
    if (serverError(reply) || marked(reply) || changed) {
      const why = serverError(reply) ? `caused ${reply.status}` : marked(reply) ? `answered with the ${POLLUTION.marker} marker` : `changed the answer (${reply.status} vs ${control!.status} without the keys)`;
      ctx.findings.add(finding(RULE, endpoint.id, `${endpoint.id} ${endpoint.method} ${endpoint.path}: body ${c.text.slice(0, 160)} ${why}`, evidenceOf(reply, control)));
    }
  }
  return answers;
}

export const pollutionProbeCheck = probeFamily({
  id: 'SEC-PROBE-POLLUTION',
  title: 'Prototype pollution keys in every JSON body change neither that answer nor any later one (SEC-PP-1)',
  rules: [RULE],
  timeoutMs: 300_000,
  payloads: [setId(POLLUTION)],
  async run(session, ctx) {
    const routes = CATALOG.filter((e) => e.request.body !== null);
    const canaryRequests = await canaries(session, ctx);
    const before = await snapshot(session, canaryRequests);
    let judged = 0;
    for (const endpoint of routes) {
      if (session.timeLeft() <= 0) { ctx.observe.unusable('not reached before the time limit'); continue; }
      await probeRoute(session, ctx, endpoint);
      const after = await snapshot(session, canaryRequests);
      const changed = after.map((a, i) => ({ a, b: before[i], req: canaryRequests[i] }))
        // Only the marker or a 5xx is the pollution's doing: on a live deployment other actors change
        // what a canary reads meanwhile (the system paused by another check's command, a new balance).
        .filter(({ a, b }) => a && b && (marked(a) || (serverError(a) && !serverError(b))));
      judged++;
      if (changed.length > 0) {
        // The target is polluted from here on: later routes could not be told apart, so the family stops.
        ctx.findings.add(finding(RULE, endpoint.id,
          `after the pollution probes of ${endpoint.id} ${endpoint.method} ${endpoint.path}, separate requests changed: ${changed.map(({ req, a }) => `${req.note} → ${a!.status}${marked(a!) ? ` with ${POLLUTION.marker}` : ''}`).join('; ')}`,
          evidenceOf(...changed.flatMap(({ a, b }) => [a, b]))));
        ctx.observe.unusable('not judged: the target was already polluted', routes.length - judged);
        break;
      }
    }
    ctx.observe.judged(judged);
    return { message: `${judged} routes with a JSON body took __proto__/constructor/prototype keys without effect on their answer or later ones (${session.sent} requests)`, measurements: { routes: routes.length, routesJudged: judged } };
  },
});
