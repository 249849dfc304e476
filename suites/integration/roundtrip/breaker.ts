import { defineCheck, skip } from '../../../src/checks/define';
import { send, type HttpExchange } from '../../../src/clients/http';
import type { EvidenceItem } from '../../../src/evidence/types';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { freshPairs, PAIR_ITEMS, sendTransfer, type Sent } from './support/burst';
import { sleep, withRoundTrip, type RoundTrip } from './support/context';
import { outboxSelect, type OutboxRow } from './support/outbox';
import { WRITE_PATH } from './write-path';

/** OUT-9: an open breaker half-opens after this long. */
export const HALF_OPEN_MS = 30_000;
/** Transfers sent while the ledger is cut: enough for ≥ 5 failed calls on every replica within its first batch. */
const COMMANDS = 20;
/** Transfers sent once every breaker is open: fresh rows (attempts 0) that nothing may claim before the half-open. */
const PROBES = 5;
/**
 * How long every breaker may take to open while failing calls keep coming. Its rolling window may
 * still hold the successes of the minutes before the cut (a busy deployment, a full run): they age
 * out while transfers keep failing, so a breaker that is still closed after this long of nothing
 * but failures does not follow OUT-9.
 */
const OPEN_WITHIN_MS = 90_000;
/** While waiting for the breakers: one more transfer every FEED_EVERY_MS keeps failed calls coming (bounded by OPEN_WITHIN_MS). */
const FEED_EVERY_MS = 1_000;
/** How long the ledger stays cut after every breaker opened (the rest of the open period runs with it restored). */
const CUT_HOLD_MS = 3_000;
/** After the half-open time, how long the rows may take to commit and the breakers to close. */
const RECOVER_WITHIN_MS = 30_000;
/** A claim observed this much before the earliest possible half-open is too early (runner polling never makes a claim look earlier). */
const EARLY_SLACK_MS = 1_000;

interface Breaker { state: string; openCount: number; failures: number }

/** WRK-1: the fabricCircuitBreaker of one submitter's /health; null when the document lacks it. */
async function breakerOf(url: string, note: string): Promise<{ res: HttpExchange; breaker: Breaker | null }> {
  const res = await send({ method: 'GET', baseUrl: url, path: '/health', note, timeoutMs: 5_000 });
  const b = isObject(res.body) && isObject(res.body.fabricCircuitBreaker) ? res.body.fabricCircuitBreaker : null;
  return { res, breaker: b && typeof b.state === 'string' ? { state: b.state, openCount: Number(b.openCount ?? 0), failures: Number(b.failures ?? 0) } : null };
}

async function control(ctx: RoundTrip['ctx'], action: 'cut' | 'restore'): Promise<HttpExchange> {
  return send({ method: 'POST', baseUrl: ctx.target.sandboxControl!, path: `/ledger/${action}`, json: {}, note: `sandbox control: ledger ${action}`, timeoutMs: 10_000 });
}

async function rowsOf(rt: RoundTrip, ids: string[]): Promise<Map<string, OutboxRow>> {
  const { rows } = await rt.db.query<OutboxRow>(`SELECT ${await outboxSelect(rt.db)} FROM "OutboxCommand" WHERE "id" = ANY($1)`, [ids]);
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * RT-BREAKER (OUT-9): the sandbox control cuts the ledger (every peer call fails at once with
 * UNAVAILABLE) and COMMANDS transfers go out, then one more every FEED_EVERY_MS until each
 * submitter's breaker (WRK-1 /health) is open, within OPEN_WITHIN_MS; then PROBES more transfers go out (fresh rows, attempts 0). From then on
 * the outbox is watched: while the breakers are open nothing may be claimed and no attempt consumed
 * — no row of the check LOCKED or SUBMITTED anew and no attempts above what they were once every
 * breaker was open — until the earliest possible half-open (30 s after the last time a breaker was
 * seen not open, less EARLY_SLACK_MS). The ledger is restored after CUT_HOLD_MS; after the
 * half-open every row must be COMMITTED (or FAILED if it used its budget before the breakers
 * opened, which OUT-9 allows) and no breaker still OPEN within RECOVER_WITHIN_MS (HALF_OPEN is
 * fine: its next call is the trial). The check waits the 30 s because it must leave the breakers closed; it runs
 * alone (the cut stops every command). Needs the sandbox control (ledger cut) and the submitters'
 * /health; skipped with the cause elsewhere.
 */
export const breakerCheck = defineCheck({
  id: 'RT-BREAKER',
  layer: 'integration',
  title: 'With the ledger cut every submitter breaker opens, nothing is claimed and no attempt consumed while open, and it half-opens after 30 s and recovers',
  criteria: ['FUNC-2', 'IT-FAB-1'],
  needs: ['writes', 'database', 'fixtures', 'fabric', 'ledger', 'sandbox'],
  fixtureItems: PAIR_ITEMS,
  rules: ['OUT-9'],
  dependsOn: WRITE_PATH,
  exclusive: true,
  timeoutMs: 240_000,
  async run(ctx) {
    const submitters = ctx.target.workers?.submitter ?? [];
    if (submitters.length === 0) return skip('Needs the submitters\' /health (WRK-1) to see their breakers open: the profile has no `workers.submitter`.');
    return withRoundTrip(ctx, 'breaker', async (rt) => {
      const problems = new Problems(ctx);
      const m = problems.measurements;
      const evidence: EvidenceItem[] = [];
      const pairs = await freshPairs(rt, 2, 'b');
      // Start from breakers that are not open (a breaker left open by earlier ledger trouble half-opens within 30 s).
      const before = new Map<string, Breaker>();
      for (const url of submitters) {
        const deadline = Date.now() + HALF_OPEN_MS + 5_000;
        for (;;) {
          const { res, breaker } = await breakerOf(url, 'submitter /health before the cut');
          if (!breaker) throw new Error(`${url}/health has no fabricCircuitBreaker state (WRK-1): ${brief(res)}`);
          if (breaker.state !== 'OPEN') { before.set(url, breaker); break; }
          if (Date.now() > deadline) throw new Error(`the breaker of ${url} was OPEN before the check began and stayed so ${Math.round((HALF_OPEN_MS + 5_000) / 1000)} s`);
          await sleep(500);
        }
      }
      const cut = await control(ctx, 'cut');
      if (cut.status === 404) return skip(`Needs a sandbox that can cut its ledger: the control answered 404 (${brief(cut)}).`);
      if (cut.status !== 200) throw new Error(`the sandbox control did not cut the ledger: ${brief(cut)}`);
      evidence.push(cut.evidence);
      let restored = false;
      const restore = async () => {
        if (restored) return;
        const res = await control(ctx, 'restore');
        if (res.status !== 200) throw new Error(`the sandbox control did not restore the ledger: ${brief(res)}`);
        restored = true;
        evidence.push(res.evidence);
      };
      try {
        const sent: Sent[] = await Promise.all(Array.from({ length: COMMANDS }, (_, i) => sendTransfer(rt, pairs[i % 2], '1', `${rt.prefix} breaker ${i}`)));
        const ids = sent.map((s) => s.commandId);
        evidence.push(sent[0].evidence);

        // Every breaker opens (openCount grew and state OPEN); the last time each was seen otherwise bounds its opening from below.
        const lastNotOpen = new Map<string, number>();
        const openedSeen = new Map<string, number>();
        const last = new Map<string, { res: HttpExchange; breaker: Breaker | null }>();
        const openBy = Date.now() + OPEN_WITHIN_MS;
        let fedAt = Date.now();
        while (openedSeen.size < submitters.length && Date.now() < openBy) {
          if (Date.now() - fedAt >= FEED_EVERY_MS) {
            fedAt = Date.now();
            const more = await sendTransfer(rt, pairs[ids.length % 2], '1', `${rt.prefix} breaker ${ids.length}`);
            ids.push(more.commandId);
          }
          await Promise.all(submitters.filter((u) => !openedSeen.has(u)).map(async (url) => {
            const asked = Date.now();
            const h = await breakerOf(url, 'submitter /health with the ledger cut');
            last.set(url, h);
            if (h.breaker?.state === 'OPEN' && h.breaker.openCount > before.get(url)!.openCount) openedSeen.set(url, Date.now());
            else lastNotOpen.set(url, asked);
          }));
          if (openedSeen.size < submitters.length) await sleep(100);
        }
        problems.judged();
        const rowsAtOpen = await rowsOf(rt, ids);
        const failedAttempts = [...rowsAtOpen.values()].reduce((n, r) => n + (r.errorCode ? r.attempts : 0), 0);
        for (const url of submitters.filter((u) => !openedSeen.has(u))) {
          const h = last.get(url);
          problems.add({ rule: 'OUT-9', component: 'worker', text: `with the ledger cut, the breaker of ${url} did not open within ${OPEN_WITHIN_MS / 1000} s of failing calls (state ${h?.breaker?.state ?? 'unknown'}, failures ${h?.breaker?.failures ?? '?'}); the outbox shows ${failedAttempts} failed attempt(s) on the ${ids.length} commands` }, ...(h ? [h.res] : []), cut);
        }
        m.breakersOpened = openedSeen.size;
        if (openedSeen.size === 0) {
          await restore();
          return problems.finish('', 'every breaker OPEN with the ledger cut');
        }
        // The earliest moment any breaker could have opened: nothing may be claimed before it plus 30 s.
        const earliestOpen = Math.min(...submitters.map((u) => lastNotOpen.get(u) ?? Date.now()));
        const halfOpenFrom = earliestOpen + HALF_OPEN_MS - EARLY_SLACK_MS;
        await sleep(500); // rows a breaker gave back mid-batch are released (attempt not counted) right after it opens
        // Fresh commands while every breaker is open: whatever the earlier rows went through, these
        // start at attempts 0, so any claim before the half-open shows on them.
        const probes = await Promise.all(Array.from({ length: PROBES }, (_, i) => sendTransfer(rt, pairs[i % 2], '1', `${rt.prefix} breaker probe ${i}`)));
        ids.push(...probes.map((p) => p.commandId));
        evidence.push(probes[0].evidence);
        const baseline = await rowsOf(rt, ids);
        m.attemptsBeforeOpen = [...baseline.values()].reduce((n, r) => n + r.attempts, 0);
        const claimed = new Map<string, string>();
        const restoreAt = Date.now() + CUT_HOLD_MS;
        while (Date.now() < halfOpenFrom) {
          if (!restored && Date.now() >= restoreAt) await restore();
          const now = await rowsOf(rt, ids);
          const seenAt = Date.now();
          if (seenAt >= halfOpenFrom) break;
          for (const [id, row] of now) {
            const was = baseline.get(id);
            const fresh = (row.status === 'LOCKED' || row.status === 'SUBMITTED') && was?.status !== row.status;
            if (!claimed.has(id) && was && (row.attempts > was.attempts || fresh)) {
              claimed.set(id, `${was.status}#${was.attempts} → ${row.status}#${row.attempts}${row.errorCode ? ` (${row.errorCode})` : ''} ${Math.round((seenAt - earliestOpen) / 100) / 10} s after the breakers opened`);
            }
          }
          if (claimed.size > 0) break;
          await sleep(200);
        }
        problems.judged();
        if (claimed.size > 0) {
          const list = [...claimed.values()];
          problems.add({ rule: 'OUT-9', component: 'worker', text: `while the breakers were open (30 s from opening), ${claimed.size} command(s) were claimed and their attempts consumed: ${list.join('; ')}` }, ...evidence);
        }
        await restore();
        // After the half-open: the rows go through and the breakers close.
        const recoverBy = Math.max(Date.now(), earliestOpen + HALF_OPEN_MS) + RECOVER_WITHIN_MS;
        let rows = await rowsOf(rt, ids);
        let states: Array<Breaker | null> = [];
        for (;;) {
          rows = await rowsOf(rt, ids);
          states = (await Promise.all(submitters.map((u) => breakerOf(u, 'submitter /health after the restore')))).map((h) => h.breaker);
          const terminal = ids.every((id) => ['COMMITTED', 'FAILED'].includes(rows.get(id)?.status ?? ''));
          if ((terminal && states.every((s) => s?.state !== 'OPEN')) || Date.now() > recoverBy) break;
          await sleep(500);
        }
        const committed = ids.filter((id) => rows.get(id)?.status === 'COMMITTED').length;
        const failed = ids.filter((id) => rows.get(id)?.status === 'FAILED').length;
        Object.assign(m, { committed, failed, breakerStates: states.map((s) => s?.state ?? '?').join(' ') });
        problems.judged();
        const waiting = ids.length - committed - failed;
        if (waiting > 0 || states.some((s) => s?.state === 'OPEN')) {
          problems.add({ rule: 'OUT-9', component: 'worker', text: `the breakers did not recover: ${Math.round((Date.now() - earliestOpen) / 1000)} s after they opened (ledger restored) ${waiting} command(s) still wait and the breakers are ${m.breakerStates}` }, ...evidence);
        }
        for (const e of evidence.slice(0, 3)) problems.sample(e);
        return problems.finish(
          `every breaker opened with the ledger cut (${m.attemptsBeforeOpen} attempts by then); nothing was claimed until the half-open, not even the ${PROBES} commands sent while open; ${committed} committed, ${failed} failed before the breakers opened; breakers ${m.breakerStates}`,
          'breakers OPEN with the ledger cut, no claim and no attempt while open, HALF_OPEN after 30 s, then commands committed and no breaker OPEN',
        );
      } finally {
        await restore().catch(() => undefined);
      }
    });
  },
});
