import { CheckFailure, defineCheck, pass } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { HttpExchange } from '../../../src/clients/http';
import { waitFor, withDb } from '../support/db';
import { brief } from '../support/envelope';
import { askRoute } from '../support/answers';
import { Problems } from '../support/problems';
import { world } from '../support/requests';
import { ROUTED } from '../support/routing';
import { reconcile, snapshot } from './ledger-balance';

/**
 * INT-DB-CONCURRENT-TRANSFERS (IT-DB-3): 50 transfers at once from one wallet. Every answer is
 * 202 or 400, the outbox holds exactly the accepted ones, and once the ledger has decided them the
 * read-model balance is never negative and equals the old balance plus the rows applied since.
 */

const PARALLEL = 50;
const SETTLE_MS = 40_000;
/** Without a single claim in this time the outbox is not drained at all. */
const CLAIM_MS = 15_000;

export const concurrentTransfersCheck = defineCheck({
  id: 'INT-DB-CONCURRENT-TRANSFERS',
  layer: 'integration',
  title: '50 parallel transfers from one wallet: no 5xx, one outbox row per 202, no overspend or lost update',
  criteria: ['IT-DB-3'],
  endpoint: '#1',
  needs: ['fixtures', 'database', 'writes', 'ledger'],
  fixtureItems: ['partner', 'userA'],
  rules: ['CMD-1', 'ERR-5'],
  dependsOn: ROUTED,
  // Every transfer of the burst must come back from the route: a missing answer hides its row.
  minJudged: PARALLEL,
  async run(ctx) {
    const w = world(ctx);
    const sender = w.users.partner; // nobody else sends from this wallet during a run
    const marker = `${w.namespace}-conc-${Date.now()}`;
    const before = await withDb(ctx, (c) => snapshot(c, sender.walletId));
    // A twentieth of the balance each: the ledger can accept at most 19 of the 50 (fees included).
    const amount = await withDb(ctx, async (c) => (await c.query<{ a: string }>('SELECT trunc($1::numeric / 20, 9)::text AS a', [before.balance])).rows[0].a);
    if (Number(amount) <= 0) throw new CheckFailure({ message: 'the sender wallet has no balance to spend', expected: 'a positive balance', received: before.balance });

    const endpoint = endpointById('#1');
    const problems = new Problems(ctx);
    const replies = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => askRoute(ctx, endpoint, {
      as: 'partner', body: { fromUserId: sender.profileId, toUserId: w.users.userA.profileId, amount, remark: `${marker}-${i}` },
      note: `parallel transfer ${i}`,
    })));
    const answers = replies.map((r) => problems.judge(r)).filter((a): a is HttpExchange => a !== null);
    const accepted = answers.filter((a) => a.status === 202).length;
    const odd = answers.filter((a) => a.status !== 202 && a.status !== 400);
    const evidence = [answers[0]?.evidence, ...odd.slice(0, 3).map((a) => a.evidence)].filter((e) => e !== undefined);
    const measurements: Record<string, number | string> = { parallel: PARALLEL, answered: answers.length, accepted, rejected: answers.length - accepted - odd.length, amount };
    Object.assign(problems.measurements, measurements);
    for (const a of odd) problems.add({ rule: a.status >= 500 ? 'ERR-5' : null, endpoint: '#1', text: `${a.evidence.note}: answered ${brief(a)}, expected 202 or 400` }, a);
    if (answers.length < PARALLEL || odd.length > 0) return problems.finish('', '202 or 400 for every transfer');

    const rowsOf = () => withDb(ctx, async (c) => (await c.query<{ status: string; attempts: number; error: string | null }>(
      `SELECT status::text, attempts, error FROM "OutboxCommand" WHERE "commandType" = 'TRANSFER_TOKENS' AND payload->>'remark' LIKE $1`,
      [`${marker}-%`])).rows);
    const rows = await rowsOf();
    measurements.outboxRows = rows.length;
    if (rows.length !== accepted) {
      throw new CheckFailure({
        message: 'outbox rows differ from accepted requests', expected: `${accepted} rows`, received: `${rows.length} rows`, evidence, measurements,
        findings: [{ rule: 'CMD-1', endpoint: '#1', text: `${accepted} transfers accepted with 202, ${rows.length} outbox rows written` }],
      });
    }

    // Decided = committed, failed for good, or refused at least once by the ledger (the balance cannot grow back).
    const begun = Date.now();
    let drained = false;
    const decided = await waitFor(async () => {
      const now = await rowsOf();
      drained ||= now.some((r) => r.status !== 'PENDING' || r.attempts > 0);
      if (!drained && Date.now() - begun > CLAIM_MS) {
        throw new CheckFailure({
          message: `no outbox row was claimed within ${CLAIM_MS / 1000} s: the outbox is not being drained (is the outbox-submitter running?)`,
          expected: 'rows claimed and decided by the ledger', received: `${now.length} rows still PENDING with 0 attempts`, evidence, measurements,
        });
      }
      const open = now.filter((r) => !(r.status === 'COMMITTED' || r.status === 'FAILED' || (r.status === 'PENDING' && r.attempts > 0 && r.error)));
      if (open.length > 0) return undefined;
      const committed = now.filter((r) => r.status === 'COMMITTED').length;
      const projected = await withDb(ctx, async (c) => Number((await c.query<{ n: string }>(
        `SELECT count(*) AS n FROM "Transaction" WHERE "walletId" = $1 AND type::text = 'SENT' AND remark LIKE $2`,
        [sender.walletId, `${marker}-%`])).rows[0].n));
      return projected === committed ? committed : undefined;
    }, SETTLE_MS, 500);
    if (decided === undefined) {
      throw new CheckFailure({ message: `the transfers were not decided and projected within ${SETTLE_MS / 1000} s`, expected: 'every row committed or refused, and committed ones projected', received: 'still open', evidence, measurements });
    }
    measurements.committed = decided;
    if (decided === 0) {
      throw new CheckFailure({
        message: 'the ledger committed none of the transfers, so overspending cannot be judged (each was a twentieth of the balance)',
        expected: 'at least one committed transfer', received: '0 committed', evidence, measurements,
      });
    }
    const check = await withDb(ctx, (c) => reconcile(c, sender.walletId, before));
    Object.assign(measurements, { balanceBefore: check.before, balanceAfter: check.after, appliedDelta: check.delta });
    evidence.push({ note: 'read-model reconciliation', response: JSON.stringify(check) });
    if (Number(check.after) < 0 || !check.consistent) {
      throw new CheckFailure({
        message: Number(check.after) < 0 ? 'the wallet balance went negative' : 'the balance does not equal the old balance plus the rows applied (lost update)',
        expected: `${check.before} + ${check.delta}`, received: check.after, evidence, measurements,
      });
    }
    return pass({ message: `${accepted} accepted, ${decided} committed; balance consistent`, evidence, measurements });
  },
});
