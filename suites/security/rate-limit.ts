import { defineCheck, type CheckContext } from '../../src/checks/define';
import { SEC_ROUTED } from '../integration/support/routing';
import { Findings } from './support/findings';
import { drainPacer, header, sendRaw, type RawReply } from './support/http';
import { edgeBase, serviceBase } from './support/probes';

/**
 * SEC-RATE-LIMIT (RL-1..3, EDGE-9, OWASP API4): a burst of 40 requests at once on an API
 * path of one edge → some 429 in E1 with Retry-After ≥ 1, and no more than the burst (20) plus the
 * refill during the burst pass; /health is not limited; a second burst with a different
 * X-Forwarded-For / X-Real-IP on each request is limited the same (EDGE-9: a client's own
 * forwarding headers never choose its address); after Retry-After, requests pass again.
 * Exclusive: the burst empties this client's bucket at the edge for every other check.
 */

const BURST_SENT = 40;
const RATE = 10;
const BURST = 20;

const isE1TooMany = (r: RawReply) => {
  const body = r.json as { error?: unknown; message?: unknown } | undefined;
  return body?.error === 'Too Many Requests' && typeof body.message === 'string';
};
const isE1Unavailable = (r: RawReply) => (r.json as { message?: unknown } | undefined)?.message === 'Service temporarily unavailable';
/** nginx's default limit_req status is 503: an edge 503 without a service body is a refusal with the wrong status. */
const limitedAs503 = (r: RawReply) => r.status === 503 && !(r.json && typeof r.json === 'object' && 'status' in (r.json as object)) && !isE1Unavailable(r);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Burst { replies: RawReply[]; elapsedMs: number; allowed: number }

/** TEST-NET-3 (RFC 5737): addresses no real client has, one per request of the spoofing burst. */
const spoofed = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i + 1}`, 'x-real-ip': `203.0.113.${i + 1}` });

/** 40 requests at once, on connections opened beforehand, from a full bucket. */
async function burst(ctx: CheckContext, url: string, spoof = false): Promise<Burst> {
  await sleep((BURST / RATE) * 1000);
  const started = performance.now();
  const replies = await Promise.all(Array.from({ length: BURST_SENT }, (_, i) =>
    sendRaw(ctx.region, { url, unpaced: true, headers: spoof ? spoofed(i) : undefined, note: `${spoof ? 'spoofed X-Forwarded-For ' : ''}burst request ${i + 1}/${BURST_SENT}` })));
  const elapsedMs = Math.round(performance.now() - started);
  drainPacer(ctx.region.edgeUrl!);
  return { replies, elapsedMs, allowed: BURST + 1 + Math.ceil((elapsedMs / 1000) * RATE) };
}

export const rateLimitCheck = defineCheck({
  id: 'SEC-RATE-LIMIT',
  layer: 'security',
  title: 'The edge limits each client to 10 r/s with burst 20 (429 + Retry-After) and recovers',
  criteria: ['SEC-2'],
  rules: ['RL-1', 'RL-2', 'RL-3', 'EDGE-9'],
  needs: ['edge'],
  perRegion: true,
  // The limit applies to routed API paths (RL-1): the burst goes to one.
  dependsOn: SEC_ROUTED,
  exclusive: true,
  timeoutMs: 60_000,
  async run(ctx) {
    const findings = new Findings(ctx);
    const found = (rule: string, text: string, r?: RawReply) => findings.add({ rule, endpoint: 'edge', component: 'edge', text }, r);
    const url = `${serviceBase(ctx, 'tax')}/health`;
    // Open the connections first on the edge /health, which is never limited (RL-3): on a busy runner,
    // 40 TLS handshakes would otherwise spread the burst over seconds and the limit could never be exceeded.
    await Promise.all(Array.from({ length: BURST_SENT }, () => sendRaw(ctx.region, { url: `${edgeBase(ctx)}/health`, unpaced: true, note: 'warm-up' })));
    let b = await burst(ctx, url);
    if (b.allowed >= BURST_SENT) {
      findings.unusable(`burst too slow to exceed the limit (${b.elapsedMs} ms)`);
      b = await burst(ctx, url);
    }
    const limited = b.replies.filter((r) => r.status === 429);
    const wrongStatus = b.replies.filter(limitedAs503);
    const passed = b.replies.filter((r) => r.status !== 429 && !limitedAs503(r));
    Object.assign(findings.measurements, { sent: BURST_SENT, passed: passed.length, limited: limited.length, allowedAtMost: b.allowed, burstMs: b.elapsedMs });
    if (b.allowed >= BURST_SENT && limited.length + wrongStatus.length === 0) {
      findings.unusable(`burst too slow to exceed the limit (${b.elapsedMs} ms)`);
      return findings.finish('', '');
    }
    findings.judged();
    if (limited.length + wrongStatus.length === 0) found('RL-1', `none of ${BURST_SENT} simultaneous requests was limited (${passed.length} passed in ${b.elapsedMs} ms)`, passed[0]);
    if (passed.length > b.allowed) found('RL-1', `${passed.length} of ${BURST_SENT} passed; at most ${b.allowed} may (burst ${BURST} + refill)`, passed.at(-1));
    if (wrongStatus.length > 0) found('RL-2', `${wrongStatus.length} requests were refused with 503 instead of 429`, wrongStatus[0]);
    let retryAfter = 1;
    for (const r of limited) {
      const value = header(r, 'retry-after');
      const seconds = value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
      if (!(seconds >= 1)) found('RL-2', `429 with Retry-After ${value ?? 'missing'} (whole seconds ≥ 1 expected)`, r);
      else retryAfter = Math.max(retryAfter, Math.min(seconds, 10));
      if (!isE1TooMany(r)) found('RL-2', '429 not in the E1 envelope ("Too Many Requests")', r);
    }
    if (limited[0]) findings.sample(limited[0]);

    // RL-3: the edge's own /health is never limited, even with the bucket empty.
    const health = await sendRaw(ctx.region, { url: `${edgeBase(ctx)}/health`, unpaced: true, note: 'edge /health right after the burst' });
    if (health.status === 429) found('RL-3', 'the edge /health is rate limited', health);

    // EDGE-9: judged only once the plain burst showed the limit works, so a pass here is about the key.
    if (limited.length + wrongStatus.length > 0) {
      const spoof = await burst(ctx, url, true);
      const through = spoof.replies.filter((r) => r.status !== 429 && !limitedAs503(r));
      findings.measurements.spoofedPassed = through.length;
      if (spoof.allowed >= BURST_SENT) findings.unusable(`spoofed burst too slow to exceed the limit (${spoof.elapsedMs} ms)`);
      else if (through.length > spoof.allowed) {
        found('EDGE-9', `with a different client-sent X-Forwarded-For on each request, ${through.length} of ${BURST_SENT} passed (at most ${spoof.allowed} may): the limit is keyed on the client's own header (unless this runner's own address is in the edge's trusted-proxy range)`, through.at(-1));
      }
    }

    await sleep(retryAfter * 1000 + 200);
    const after: RawReply[] = [];
    for (let i = 0; i < 5; i++) after.push(await sendRaw(ctx.region, { url, note: `after Retry-After, request ${i + 1}` }));
    const stillLimited = after.filter((r) => r.status === 429);
    if (stillLimited.length) found('RL-1', `${stillLimited.length} of 5 paced requests after Retry-After were still limited`, stillLimited[0]);
    findings.measurements.recovered = stillLimited.length === 0;
    return findings.finish(`${limited.length} of ${BURST_SENT} limited with 429 + Retry-After, ${passed.length} passed; recovered after ${retryAfter} s`,
      `429 E1 with Retry-After beyond ${BURST} + refill; normal service after Retry-After`);
  },
});
