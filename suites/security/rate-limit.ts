import { defineCheck } from '../../src/checks/define';
import { Findings } from './support/findings';
import { drainPacer, header, sendRaw, type RawReply } from './support/http';
import { edgeBase, serviceBase } from './support/probes';

/**
 * SEC-RATE-LIMIT (RL-1..3, EDGE-11, OWASP API4): a burst of 40 requests at once on an API path of
 * one edge → some 429 in E1 with Retry-After ≥ 1, and no more than the burst (20) plus the
 * refill during the burst pass; /health is not limited; after Retry-After, requests pass again.
 * Exclusive: the burst empties this client's bucket at the edge for every other check.
 */

const BURST_SENT = 40;
const RATE = 10;
const BURST = 20;

const isE1TooMany = (r: RawReply) => {
  const body = r.json as { error?: unknown; message?: unknown } | undefined;
  return body?.error === 'Too Many Requests' && typeof body.message === 'string';
};

export const rateLimitCheck = defineCheck({
  id: 'SEC-RATE-LIMIT',
  layer: 'security',
  title: 'The edge limits each client to 10 r/s with burst 20 (429 + Retry-After) and recovers',
  criteria: ['SEC-2'],
  needs: ['edge'],
  perRegion: true,
  exclusive: true,
  timeoutMs: 60_000,
  async run(ctx) {
    const findings = new Findings();
    const url = `${serviceBase(ctx, 'tax')}/health`;
    // Start from a full bucket: nothing else ran through this edge for the last 2 s of pacing.
    await new Promise((resolve) => setTimeout(resolve, (BURST / RATE) * 1000));
    const started = performance.now();
    const replies = await Promise.all(Array.from({ length: BURST_SENT }, (_, i) =>
      sendRaw(ctx.region, { url, unpaced: true, note: `burst request ${i + 1}/${BURST_SENT}` })));
    const elapsedMs = Math.round(performance.now() - started);
    drainPacer(ctx.region.edgeUrl!);
    const passed = replies.filter((r) => r.status < 400);
    const limited = replies.filter((r) => r.status === 429);
    const other = replies.filter((r) => r.status >= 400 && r.status !== 429);
    const allowed = BURST + 1 + Math.ceil((elapsedMs / 1000) * RATE);
    Object.assign(findings.measurements, { sent: BURST_SENT, passed: passed.length, limited: limited.length, allowedAtMost: allowed, burstMs: elapsedMs });

    if (limited.length === 0) findings.add(`none of ${BURST_SENT} simultaneous requests was limited (${passed.length} passed)`, passed[0]?.evidence);
    if (passed.length > allowed) findings.add(`${passed.length} of ${BURST_SENT} passed; at most ${allowed} may (burst ${BURST} + refill)`, passed.at(-1)?.evidence);
    if (other.length > 0) findings.add(`${other.length} answers were neither 2xx nor 429 (first: ${other[0].status})`, other[0].evidence);
    let retryAfter = 1;
    for (const r of limited.slice(0, 5)) {
      const value = header(r, 'retry-after');
      const seconds = value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
      if (!(seconds >= 1)) findings.add(`429 with Retry-After ${value ?? 'missing'} (whole seconds ≥ 1 expected)`, r.evidence);
      else retryAfter = Math.max(retryAfter, Math.min(seconds, 10));
      if (!isE1TooMany(r)) findings.add('429 not in the E1 envelope ("Too Many Requests")', r.evidence);
    }
    if (limited[0]) findings.sample(limited[0].evidence);

    // RL-3: the edge's own /health is never limited, even with the bucket empty.
    const health = await sendRaw(ctx.region, { url: `${edgeBase(ctx)}/health`, unpaced: true, note: 'edge /health right after the burst' });
    if (health.status === 429) findings.add('the edge /health is rate limited', health.evidence);

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 200));
    const after: RawReply[] = [];
    for (let i = 0; i < 5; i++) after.push(await sendRaw(ctx.region, { url, note: `after Retry-After, request ${i + 1}` }));
    const stillLimited = after.filter((r) => r.status === 429);
    if (stillLimited.length) findings.add(`${stillLimited.length} of 5 paced requests after Retry-After were still limited`, stillLimited[0].evidence);
    findings.measurements.recovered = stillLimited.length === 0;
    return findings.finish(`${limited.length} of ${BURST_SENT} limited with 429 + Retry-After, ${passed.length} passed; recovered after ${retryAfter} s`,
      `429 E1 with Retry-After beyond ${BURST} + refill; normal service after Retry-After`);
  },
});
