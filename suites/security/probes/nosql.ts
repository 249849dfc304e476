import type { z } from 'zod';
import type { CheckContext } from '../../../src/checks/define';
import { inBatches } from '../../../src/clients/http';
import { shapeOf } from '../../integration/validation/fields';
import { answerForm, edgeNoise, refusal, routeMiss } from './support/answers';
import { evidenceOf, slotName, slotRequest, urlOf, type ProbeReply, type ProbeSession } from './support/client';
import { finding, probeFamily } from './support/family';
import { NOSQL, setId } from './support/payloads';
import { allSlots, worldOf, type Slot } from './support/slots';

/**
 * SEC-PROBE-NOSQL (SEC-INJ-2): operator objects (`{"$ne": null}`…), arrays and out-of-range
 * numbers where §4 expects a scalar. Each must be refused exactly like a plainly wrong type (the
 * control, `true`): an answer that differs got past validation and was matched against something.
 * Query parameters in operator form must be refused, or ignored like any unknown parameter (HTTP-5).
 */

const RULE = 'SEC-INJ-2';
const NUMBER_MARK = '"__gxv_raw_number__"';

interface ZodDef { _zod: { def: { type: string; innerType?: ZodDef; in?: ZodDef } } }

/** The field's type through optional/nullable/pipe wrappers: objects and arrays are not scalars. */
function typeOf(schema: z.ZodType | undefined): string {
  let s = schema as unknown as ZodDef | undefined;
  for (let i = 0; s && i < 6; i++) {
    const def = s._zod.def;
    if (def.innerType) s = def.innerType;
    else if (def.in) s = def.in;
    else return def.type;
  }
  return 'unknown';
}

function scalarBodySlot(slot: Slot): boolean {
  if (slot.location !== 'body') return false;
  const type = typeOf(shapeOf(slot.endpoint.request.body)?.[slot.name]);
  return type !== 'object' && type !== 'array' && type !== 'unknown';
}

async function send(session: ProbeSession, slot: Slot, value: unknown, raw?: string): Promise<ProbeReply | null> {
  const req = await slotRequest(session, slot, raw === undefined ? value : NUMBER_MARK.slice(1, -1), `${slotName(slot)} = ${raw ?? JSON.stringify(value)}`);
  if (raw !== undefined && req.body) req.body = req.body.replace(NUMBER_MARK, raw);
  return session.send(req, raw === undefined ? 'body' : 'number');
}

async function probeBodySlot(session: ProbeSession, ctx: CheckContext, slot: Slot): Promise<boolean> {
  const wasBoolean = typeof (slot.base.body as Record<string, unknown> | undefined)?.[slot.name] === 'boolean';
  const control = await send(session, slot, wasBoolean ? 'gxv-not-a-boolean' : true);
  if (!control || routeMiss(control) || edgeNoise(control) || control.status !== 400) return false;
  const cases: Array<{ value: unknown; raw?: string }> = [
    ...NOSQL.operators.map((value) => ({ value })),
    ...NOSQL.confusion.map((value) => ({ value })),
    ...NOSQL.numbers.map((raw) => ({ value: null, raw })),
  ];
  for (const c of cases) {
    const reply = await send(session, slot, c.value, c.raw);
    if (!reply || edgeNoise(reply)) continue;
    const shown = c.raw ?? JSON.stringify(c.value);
    if (reply.status < 400 || reply.status >= 500 || refusal(reply) !== refusal(control)) {
      ctx.findings.add(finding(RULE, slot.endpoint.id,
        `${slotName(slot)}: ${shown} answered ${refusal(reply)}; a plainly wrong type answered ${refusal(control)}`,
        evidenceOf(reply, control)));
    }
  }
  return true;
}

/** `limit[$ne]=`: refused (400), or ignored exactly like an unknown parameter. */
async function probeQuerySlot(session: ProbeSession, ctx: CheckContext, slot: Slot): Promise<boolean> {
  const token = await session.token(slot.base.as);
  const others = Object.entries(slot.base.query ?? {}).filter(([k]) => k !== slot.name);
  const search = (extra: string) => [...others.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`), extra].filter(Boolean).join('&');
  const at = (extra: string, note: string) => session.send({
    method: slot.endpoint.method, url: urlOf(ctx, slot.endpoint, slot.base.params, undefined, search(extra)), token, endpoint: slot.endpoint.id, note,
  }, 'query');
  const without = await at('', `${slotName(slot)} left out`);
  if (!without || routeMiss(without) || edgeNoise(without)) return false;
  for (const form of NOSQL.queryForms) {
    const extra = form.replaceAll('{name}', slot.name).replace('$', '%24');
    const reply = await at(extra, `${slotName(slot)} as ${form.replaceAll('{name}', slot.name)}`);
    if (!reply || edgeNoise(reply)) continue;
    const refused = reply.status === 400;
    const ignored = answerForm(reply, []) === answerForm(without, []);
    if (!refused && !ignored) {
      ctx.findings.add(finding(RULE, slot.endpoint.id, `${slotName(slot)}: ?${extra} answered ${reply.status}, neither refused nor ignored like an unknown parameter`, evidenceOf(reply, without)));
    }
  }
  return true;
}

export const nosqlProbeCheck = probeFamily({
  id: 'SEC-PROBE-NOSQL',
  title: 'Operator objects, arrays and out-of-range numbers where a scalar is expected are refused like any wrong type (SEC-INJ-2)',
  rules: [RULE],
  timeoutMs: 300_000,
  payloads: [setId(NOSQL)],
  async run(session, ctx) {
    const slots = allSlots(worldOf(ctx)).filter((s) => scalarBodySlot(s) || s.location === 'query');
    let judged = 0;
    await inBatches(slots, 4, async (slot) => {
      if (session.timeLeft() <= 0) return ctx.observe.unusable('not reached before the time limit');
      const ok = slot.location === 'query' ? await probeQuerySlot(session, ctx, slot) : await probeBodySlot(session, ctx, slot);
      if (ok) judged++;
      else ctx.observe.unusable(`${slotName(slot)}: the wrong-type control was not a 400`);
    });
    ctx.observe.judged(judged);
    return { message: `${judged} of ${slots.length} scalar fields and query parameters refused operator objects, arrays and huge numbers (${session.sent} requests)`, measurements: { slots: slots.length, slotsJudged: judged } };
  },
});
