import { CheckFailure, defineCheck, pass } from '../../../src/checks/define';
import { Problems } from '../support/problems';
import { WRITE_PATH } from './write-path';
import { endpointById } from '../../../src/catalog/index';
import { brief } from '../support/envelope';
import { sendTo } from '../support/requests';
import { freshPairs, PAIR_ITEMS, sendTransfer, transfersByRemark, projectedRows, settledHeight, type Pair, type Sent } from './support/burst';
import { sleep, withRoundTrip, type RoundTrip } from './support/context';
import { readRow, trailText, watchRow, type RowSample } from './support/outbox';
import { balanceOf } from './support/read-model';

/** §15 MAX_RETRIES default: a command the ledger keeps refusing is FAILED after this many attempts. */
export const MAX_RETRIES = 5;
/** OUT-6 allows ±20 % jitter: consecutive delays of a doubling backoff differ by at least 2 × 0.8 / 1.2. */
const MIN_GROWTH = 1.3;

/** How long after reaching it a terminal row is read again (OUT-1): several poll intervals. */
const TERMINAL_SETTLE_MS = 500;

/** Set-ups tried before the check says it could not exercise the rule. */
const SET_UP_TRIES = 3;

/**
 * RT-POISON (IT-FAB-1, OPS-4): two transfers from one fresh wallet, each 60 % of its balance,
 * sent at once: the API sees the read-model balance and accepts both, the ledger can only commit
 * one. Nothing here depends on arrival order or distance: both go out together, either may be the
 * one that commits, and when the API already saw one's effect before the other arrived (it then
 * refuses the second with its balance rule, correctly) the set-up is tried again with a fresh pair. The other (the poison) must end FAILED after MAX_RETRIES attempts (or at its
 * first, when the deployment treats the refusal as permanent, which OUT-7 allows) with attempts, error and
 * errorCode recorded and never VALID on the ledger nor in the read model; the delay before each
 * retry (nextAttemptAt − updatedAt of the failed attempt, both written by the same UPDATE, so
 * free of polling noise) must grow about twofold (OUT-6); and a transfer sent after the poison's
 * first failure must commit before the poison is FAILED (OUT-10: it blocks nothing), by the rows'
 * own times (COMMITTED updatedAt against FAILED updatedAt), not by when the runner polled them.
 */
export const poisonCheck = defineCheck({
  id: 'RT-POISON',
  layer: 'integration',
  title: 'A command the ledger rejects ends FAILED after its retry budget with growing backoff, and blocks nothing',
  criteria: ['IT-FAB-1', 'OPS-4'],
  needs: ['writes', 'database', 'fixtures', 'fabric', 'ledger'],
  fixtureItems: PAIR_ITEMS,
  // Its commands go through the region's routes and the write path: either broken is their root cause.
  // OUT-1..OUT-10 on one poison; TOK-3 when the ledger commits both, PROJ-2 when the read model shows the refused one.
  rules: ['OUT-1', 'OUT-4', 'OUT-6', 'OUT-7', 'OUT-8', 'OUT-10', 'TOK-3', 'PROJ-2'],
  dependsOn: WRITE_PATH,
  timeoutMs: 120_000,
  async run(ctx) {
    return withRoundTrip(ctx, 'poison', async (rt) => {
      const problems = new Problems(ctx);
      const set = await acceptedTogether(rt);
      if (!set) {
        problems.unusable(`the API refused the second transfer on the first one's projected balance (${SET_UP_TRIES} fresh pairs)`);
        return pass({ message: 'could not set up a poison: each time the read model already showed the first transfer when the second arrived' });
      }
      problems.judged();
      const { a, b, later, amount, balance, startHeight } = set;
      // The later transfer goes out once either row records a failed attempt (the other may commit
      // first): a retry (PENDING after an attempt) or an errorCode, so a row lacking errorCode (OUT-8) is still seen.
      const firstFailure = new Promise<void>((resolve) => {
        let open = 2;
        for (const s of [a, b]) {
          void watchRow(rt.db, s.commandId, 30_000, { everyMs: 10, stopWhen: failedOnce })
            .then((w) => { if ((w.row && failedOnce(w.row)) || --open === 0) resolve(); }, () => { if (--open === 0) resolve(); });
        }
      });
      const watching = [a, b].map((s) => watchRow(rt.db, s.commandId, 60_000, { everyMs: 10 }));
      await firstFailure;
      const next = await sendTransfer(rt, later, '1', `${rt.prefix} after poison`);
      const [wa, wb, wn] = await Promise.all([...watching, watchRow(rt.db, next.commandId, 30_000, { everyMs: 10 })]);
      const endHeight = await settledHeight(rt, 500, 5_000);
      const ledger = await transfersByRemark(rt, startHeight, endHeight);

      const m = problems.measurements;
      Object.assign(m, { amount, balance });
      const pairs: Array<[typeof a, typeof wa]> = [[a, wa], [b, wb]];
      const failed = pairs.filter(([, w]) => w.row?.status === 'FAILED');
      const committed = [wa, wb].filter((w) => w.row?.status === 'COMMITTED');
      const [poison, pw] = failed[0] ?? [null, null];
      const rowsShown = { note: 'poison row states', response: pw ? `${trailText(pw.trail)}; ${pw.row?.errorCode}: ${(pw.row?.error ?? '').slice(0, 300)}` : [wa, wb].map((w) => trailText(w.trail)).join(' | ') };
      const shown = [a.evidence, b.evidence, rowsShown];
      if (failed.length !== 1 || committed.length !== 1) {
        const states = [wa, wb].map((w) => `${w.row?.status ?? 'missing'} (${trailText(w.trail)})`).join(' and ');
        // Both committed: the ledger took two transfers the balance covers only once (its balance rule).
        problems.add({ rule: committed.length === 2 ? 'TOK-3' : 'OUT-7', component: committed.length === 2 ? 'ledger' : 'worker',
          text: `expected one transfer COMMITTED and one FAILED after ${MAX_RETRIES} attempts, got ${states}` }, ...shown);
      }
      // OUT-4: the claim itself counts the attempt, so a claimed or committed row never shows attempts 0.
      for (const [label, w] of [['first', wa], ['second', wb], ['later', wn]] as const) {
        const uncounted = w.trail.filter((t) => t.attempts < 1 && t.status !== 'PENDING').map((t) => t.status);
        if (uncounted.length) problems.add({ rule: 'OUT-4', component: 'worker', text: `the ${label} transfer was ${[...new Set(uncounted)].join(' and ')} with attempts 0 (states ${trailText(w.trail)}): the claim did not count the attempt` }, ...shown);
      }
      if (poison && pw?.row) {
        const row = pw.row;
        Object.assign(m, { attempts: row.attempts, errorCode: row.errorCode });
        // OUT-7 lets a deployment fail a refusal it deems permanent at once: then no retry, no backoff to judge.
        const atOnce = row.attempts === 1;
        m.failedAtOnce = atOnce;
        if (row.attempts !== MAX_RETRIES && !atOnce) problems.add({ rule: 'OUT-7', component: 'worker', text: `the poison ended FAILED after ${row.attempts} attempts, expected MAX_RETRIES ${MAX_RETRIES}` }, ...shown);
        if (!row.errorCode || !row.error) problems.add({ rule: 'OUT-8', component: 'worker', text: `the FAILED row lacks errorCode/error (${row.errorCode}: ${row.error})` }, ...shown);
        const bare = pw.trail.filter((s) => s.status === 'PENDING' && s.attempts >= 1 && !s.errorCode).map((s) => s.attempts);
        if (bare.length) problems.add({ rule: 'OUT-8', component: 'worker', text: `failed attempt(s) ${bare.join(', ')} went back to PENDING without an errorCode` }, ...shown);
        const delays = backoffs(pw.trail);
        m.backoffMs = delays.map((d) => `#${d.attempt}:${d.ms}`).join(' ') || null;
        if (!atOnce) for (const text of judgeBackoff(delays)) problems.add({ rule: 'OUT-6', component: 'worker', text }, ...shown);
        const valid = (ledger.get(poison.remark) ?? []).filter((t) => t.validationName === 'VALID');
        if (valid.length) problems.add({ rule: 'OUT-7', component: 'worker', text: `the FAILED poison has a VALID ledger transaction (${valid.length})` }, ...shown);
        const rows = await projectedRows(rt.db, poison);
        if (rows.sent.length || rows.received.length) problems.add({ rule: 'PROJ-2', component: 'worker', text: `the read model shows the poison, which the ledger never committed (${rows.sent.length} SENT, ${rows.received.length} RECEIVED rows)` }, ...shown);
        // The rows' own times (both written by the deployment's workers), not when the runner polled them.
        const failedAt = row.updatedAt.getTime();
        const laterCommittedAt = wn.row?.status === 'COMMITTED' ? wn.row.updatedAt.getTime() : null;
        const laterShown = [next.evidence, { note: 'later transfer row states', response: trailText(wn.trail) }];
        if (laterCommittedAt === null) problems.add({ rule: 'OUT-10', component: 'worker', text: `the transfer sent after the poison's first failure ended ${wn.row?.status ?? 'missing'} (${trailText(wn.trail)})` }, ...laterShown, rowsShown);
        else if (!atOnce && laterCommittedAt > failedAt) problems.add({ rule: 'OUT-10', component: 'worker', text: 'the later transfer committed only after the poison had exhausted its retries: a poison must not block later commands' }, ...laterShown, rowsShown);
        m.laterCommittedBeforePoisonFailedMs = laterCommittedAt !== null ? failedAt - laterCommittedAt : null;
      }
      // OUT-1: a moment later the terminal rows are as they were (same status, same attempts).
      await sleep(TERMINAL_SETTLE_MS);
      for (const [label, w] of [['first', wa], ['second', wb]] as const) {
        if (!w.row || !['COMMITTED', 'FAILED'].includes(w.row.status)) continue;
        const again = await readRow(rt.db, w.row.id);
        if (again && (again.status !== w.row.status || again.attempts !== w.row.attempts)) {
          problems.add({ rule: 'OUT-1', component: 'worker', text: `the ${label} transfer left terminal ${w.row.status}#${w.row.attempts}: ${TERMINAL_SETTLE_MS} ms later it is ${again.status}#${again.attempts}` }, ...shown);
        }
      }
      for (const item of shown) problems.sample(item);
      return problems.finish(
        m.failedAtOnce
          ? `the poison ended FAILED at its first attempt (${pw?.row?.errorCode}), a refusal the deployment treats as permanent (OUT-7 allows it; no backoff to judge); a later transfer committed`
          : `the poison ended FAILED after ${pw?.row?.attempts} attempts (${pw?.row?.errorCode}), backoffs ${m.backoffMs} ms; a later transfer committed meanwhile`,
        `FAILED after ${MAX_RETRIES} attempts, errorCode and error set, backoff growing ~2× per attempt, later commands unaffected`,
      );
    });
  },
});

/** A row that recorded a failed attempt: waiting for its retry, carrying an errorCode, or FAILED. */
const failedOnce = (r: { status: string; attempts: number; errorCode: string | null }) =>
  r.errorCode !== null || r.status === 'FAILED' || (r.status === 'PENDING' && r.attempts >= 1);

interface PoisonSet { a: Sent; b: Sent; later: Pair; amount: string; balance: string; startHeight: number }

/**
 * Two 60 % transfers from one fresh wallet, sent together, both accepted (202). A 400 on the
 * balance rule for one of them means the read model already showed the other: a correct answer, not
 * a poison; the set-up is tried again with a fresh pair. Null when every try went that way.
 */
async function acceptedTogether(rt: RoundTrip): Promise<PoisonSet | null> {
  for (let attempt = 1; attempt <= SET_UP_TRIES; attempt++) {
    const [p, later] = await freshPairs(rt, 2, `p${attempt}-`);
    const balance = await balanceOf(rt.db, p.from.profileId);
    const amount = String(Math.floor(Number(balance) * 0.6));
    const startHeight = await rt.fabric!.height();
    const remarks = [`${rt.prefix} poison a${attempt}`, `${rt.prefix} poison b${attempt}`];
    const targets = [p.to, later.to];
    const replies = await Promise.all(remarks.map((remark, i) => sendTo(rt.ctx, endpointById('#1'), {
      as: null, token: p.from.token, body: { fromUserId: p.from.profileId, toUserId: targets[i].profileId, amount, remark },
    })));
    const ids = replies.map((r) => (r.body as { commandId?: unknown } | undefined)?.commandId);
    if (replies.every((r, i) => r.status === 202 && typeof ids[i] === 'string')) {
      const sent = replies.map((r, i): Sent => ({ commandId: ids[i] as string, remark: remarks[i], amount, pair: { from: p.from, to: targets[i] }, evidence: r.evidence }));
      return { a: sent[0], b: sent[1], later, amount, balance, startHeight };
    }
    const refused = replies.find((r) => r.status !== 202);
    if (!(refused?.status === 400 && /insufficient balance/i.test(refused.text)) || replies.every((r) => r.status !== 202)) {
      throw new CheckFailure({
        message: `#1 did not accept the transfers: ${replies.map(brief).join(' and ')}`,
        expected: '202 for both (each is covered by the balance on its own)', received: replies.map(brief).join('; '), evidence: replies.map((r) => r.evidence),
      });
    }
    rt.ctx.log(`poison set-up ${attempt}: the API refused one transfer on the other's projected balance (${brief(refused)}); trying a fresh pair`);
  }
  return null;
}

/** The retry delay the submitter set after each failed attempt (PENDING with attempts n ≥ 1). */
export function backoffs(trail: readonly RowSample[]): Array<{ attempt: number; ms: number }> {
  return trail.filter((s) => s.status === 'PENDING' && s.attempts >= 1 && s.nextAttemptAt)
    .map((s) => ({ attempt: s.attempts, ms: s.nextAttemptAt!.getTime() - s.updatedAt.getTime() }));
}

/** OUT-6: every retry waits (≥ 10 ms), each wait about doubles, and at least MAX_RETRIES − 2 of them were seen. */
export function judgeBackoff(delays: ReadonlyArray<{ attempt: number; ms: number }>): string[] {
  const problems: string[] = [];
  if (delays.length < MAX_RETRIES - 2) problems.push(`only ${delays.length} retry delay(s) observed (${delays.map((d) => `${d.ms} ms`).join(', ') || 'none'}): retries came too fast to see a backoff`);
  const zero = delays.filter((d) => d.ms < 10);
  if (zero.length) problems.push(`attempt(s) ${zero.map((d) => d.attempt).join(', ')} were retried without a backoff (${zero.map((d) => `${d.ms} ms`).join(', ')})`);
  for (let i = 1; i < delays.length; i++) {
    const [prev, cur] = [delays[i - 1], delays[i]];
    if (cur.attempt === prev.attempt + 1 && prev.ms >= 10 && cur.ms < prev.ms * MIN_GROWTH) problems.push(`the backoff after attempt ${cur.attempt} (${cur.ms} ms) is not about twice the one after attempt ${prev.attempt} (${prev.ms} ms)`);
  }
  return problems;
}
