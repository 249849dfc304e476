import type { CheckContext } from '../../../src/checks/define';
import { inBatches } from '../../../src/clients/http';
import { answerForm, databaseText, edgeNoise, markerProduced, median, routeMiss, serverError } from './support/answers';
import { evidenceOf, slotName, slotRequest, type ProbeReply, type ProbeSession } from './support/client';
import { finding, probeFamily } from './support/family';
import { fill, setId, SQLI } from './support/payloads';
import { allSlots, COSTLY, worldOf, type Slot } from './support/slots';

/**
 * SEC-PROBE-SQLI (SEC-INJ-1): SQL injection into every input slot of the 47 routes. Error-based
 * (quotes and comment sequences: never a 5xx or driver text), boolean pairs (a true and a false
 * twin answered differently, twice over, means the value was interpreted), time-based (pg_sleep in
 * several syntaxes: a delay reproduced three times and absent on the interleaved control), and
 * UNION/stacked markers (a marker the database produced, not an echo).
 */

const RULE = 'SEC-INJ-1';
/** A delay counts when it reaches this share of the requested sleep beyond the control. */
const DELAY_SHARE = 0.8;
const CONFIRMATIONS = 3;

type Verdict = { judged: boolean };

/**
 * How much of each payload set a slot gets: all of it, or (routes where each request costs a slow
 * hash) the first error payloads, the first boolean pair and the first time variant.
 */
interface Plan { errors: number; booleans: number; times: number; unions: number }
const FULL: Plan = { errors: Infinity, booleans: Infinity, times: Infinity, unions: Infinity };
const LIGHT: Plan = { errors: 4, booleans: 1, times: 1, unions: 0 };

/** Slots where a header value must stay a valid token (X-Idempotency-Key: 16–128 visible ASCII). */
function shapeFor(slot: Slot, value: string): string {
  if (slot.location !== 'header') return value;
  const visible = value.replace(/\s/g, '/**/').replace(/[^\x21-\x7e]/g, '');
  return slot.name === 'X-Idempotency-Key' ? `gxvkey-${visible}`.padEnd(16, '-').slice(0, 128) : visible;
}

class SqliProbe {
  constructor(private readonly session: ProbeSession, private readonly ctx: CheckContext) {}

  private async send(slot: Slot, value: string, part: string): Promise<ProbeReply | null> {
    const shaped = shapeFor(slot, value);
    const req = await slotRequest(this.session, slot, shaped, `${slotName(slot)} = ${JSON.stringify(shaped).slice(0, 120)}`);
    return this.session.send(req, part);
  }

  /**
   * 5xx or database text in any probe answer is a finding on its own (SEC-INJ-1). A 5xx is sent
   * again first: one answer of a loaded target (a pool wait, a 503) is not an injection.
   */
  private async judge(slot: Slot, value: string, reply: ProbeReply | null, control: ProbeReply): Promise<void> {
    if (!reply || routeMiss(reply) || edgeNoise(reply)) return;
    const echoes = [value, shapeFor(slot, value), slot.harmless];
    // Error answers only: a 200 may carry text an earlier accepted probe stored (an I6 lastName).
    const leaked = reply.status < 400 ? [] : databaseText(reply, echoes).filter((k) => !databaseText(control, [slot.harmless]).includes(k));
    if (serverError(reply) && !serverError(control)) {
      const again = await this.send(slot, value, 'repeat');
      if (!again || !serverError(again)) return this.ctx.observe.unusable(`${reply.status} once, not again`);
      this.ctx.findings.add(finding(RULE, slot.endpoint.id, `${slotName(slot)}: ${JSON.stringify(value)} caused ${reply.status}${leaked.length ? ` with ${leaked.join(', ')}` : ''}, twice`, evidenceOf(reply, again, control)));
    } else if (leaked.length > 0) {
      this.ctx.findings.add(finding(RULE, slot.endpoint.id, `${slotName(slot)}: ${JSON.stringify(value)} answered with ${leaked.join(', ')}`, evidenceOf(reply)));
    }
  }

  async errors(slot: Slot, control: ProbeReply, plan: Plan): Promise<void> {
    for (const payload of SQLI.error.slice(0, plan.errors)) {
      const value = slot.harmless + payload;
      await this.judge(slot, value, await this.send(slot, value, 'error'), control);
    }
  }

  async booleans(slot: Slot, control: ProbeReply, plan: Plan): Promise<void> {
    for (const pair of SQLI.boolean.filter((p) => p.context === 'string' || slot.numeric).slice(0, plan.booleans)) {
      const t = fill(pair.true, slot.harmless);
      const f = fill(pair.false, slot.harmless);
      const echoes = [t, f, shapeFor(slot, t), shapeFor(slot, f), slot.harmless];
      const t1 = await this.send(slot, t, 'boolean');
      const f1 = await this.send(slot, f, 'boolean');
      await this.judge(slot, t, t1, control);
      await this.judge(slot, f, f1, control);
      if (!t1 || !f1 || routeMiss(t1) || routeMiss(f1) || answerForm(t1, echoes) === answerForm(f1, echoes)) continue;
      // Twice over, interleaved: a concurrent change of the data is not an injection.
      const t2 = await this.send(slot, t, 'boolean');
      const f2 = await this.send(slot, f, 'boolean');
      if (!t2 || !f2) continue;
      const same = (a: ProbeReply, b: ProbeReply) => answerForm(a, echoes) === answerForm(b, echoes);
      if (same(t1, t2) && same(f1, f2)) {
        this.ctx.findings.add(finding(RULE, slot.endpoint.id,
          `${slotName(slot)}: boolean pair answered differently (${t1.status} for ${JSON.stringify(t)}, ${f1.status} for ${JSON.stringify(f)}), reproduced`,
          evidenceOf(t1, f1, t2, f2)));
        return;
      }
    }
  }

  async timing(slot: Slot, control: ProbeReply, plan: Plan): Promise<void> {
    const sleepMs = SQLI.sleepSeconds * 1000;
    for (const variant of SQLI.time.filter((v) => v.context === 'string' || slot.numeric).slice(0, plan.times)) {
      const value = fill(variant.payload, slot.harmless, SQLI.sleepSeconds);
      const first = await this.send(slot, value, 'time');
      await this.judge(slot, value, first, control);
      if (!first || first.durationMs < control.durationMs + DELAY_SHARE * sleepMs) continue;
      // Suspicion: control and probe interleaved, three times; every probe slow, the controls fast.
      const controls: ProbeReply[] = [];
      const probes: ProbeReply[] = [];
      for (let i = 0; i < CONFIRMATIONS; i++) {
        const c = await this.send(slot, slot.harmless, 'time-control');
        const p = await this.send(slot, value, 'time');
        if (c) controls.push(c);
        if (p) probes.push(p);
      }
      const base = median(controls.map((c) => c.durationMs));
      const delayed = probes.filter((p) => p.durationMs >= base + DELAY_SHARE * sleepMs);
      if (controls.length === CONFIRMATIONS && delayed.length === CONFIRMATIONS && base < sleepMs / 2) {
        this.ctx.findings.add(finding(RULE, slot.endpoint.id,
          `${slotName(slot)}: ${JSON.stringify(value)} delayed the answer by ≈${Math.round(median(probes.map((p) => p.durationMs)) - base)} ms, three times, while the control took ${Math.round(base)} ms`,
          evidenceOf(first, controls[0], ...probes)));
        return;
      }
    }
  }

  async unions(slot: Slot, control: ProbeReply, plan: Plan): Promise<void> {
    for (const { payload, marker } of SQLI.union.slice(0, plan.unions)) {
      const value = fill(payload, slot.harmless);
      const reply = await this.send(slot, value, 'union');
      await this.judge(slot, value, reply, control);
      if (reply && markerProduced(reply.text, marker)) {
        this.ctx.findings.add(finding(RULE, slot.endpoint.id, `${slotName(slot)}: the marker of ${JSON.stringify(value)} came back from the database`, evidenceOf(reply)));
      }
    }
  }

  async slot(slot: Slot): Promise<Verdict> {
    const control = await this.send(slot, slot.harmless, 'control');
    if (!control || routeMiss(control) || edgeNoise(control)) return { judged: false };
    const plan = COSTLY.has(slot.endpoint.id) ? LIGHT : FULL;
    await this.errors(slot, control, plan);
    await this.booleans(slot, control, plan);
    await this.timing(slot, control, plan);
    await this.unions(slot, control, plan);
    return { judged: true };
  }
}

export const sqliProbeCheck = probeFamily({
  id: 'SEC-PROBE-SQLI',
  title: 'SQL injection probes in every body field, query and path parameter and read header of the 47 routes (SEC-INJ-1)',
  rules: [RULE],
  timeoutMs: 600_000,
  payloads: [setId(SQLI)],
  async run(session, ctx) {
    const slots = allSlots(worldOf(ctx));
    const probe = new SqliProbe(session, ctx);
    let judged = 0;
    let notReached = 0;
    await inBatches(slots, 4, async (slot) => {
      if (session.timeLeft(20_000) <= 0) { notReached++; return; }
      const verdict = await probe.slot(slot);
      if (verdict.judged) judged++;
      else ctx.observe.unusable(`${slotName(slot)}: no usable control answer`);
    });
    ctx.observe.judged(judged);
    if (notReached) ctx.observe.unusable('not reached before the time limit', notReached);
    return {
      message: `${judged} of ${slots.length} input slots probed with ${session.sent} SQL injection requests${notReached ? ` (${notReached} not reached in time)` : ''}`,
      measurements: { slots: slots.length, slotsJudged: judged, slotsNotReached: notReached, sleepSeconds: SQLI.sleepSeconds },
    };
  },
});
