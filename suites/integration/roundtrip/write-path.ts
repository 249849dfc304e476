import { defineCheck } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { askRoute } from '../support/answers';
import { sleep, withDb } from '../support/db';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { exampleOf } from '../support/requests';
import { ROUTED } from '../support/routing';
import { exampleItems } from '../../../src/fixtures/uses';

/**
 * RT-WRITE-PATH: the prerequisite of every round trip (OUT-3 when a due row among the oldest BATCH_SIZE stays unclaimed). One fresh user (I4, the command every
 * round-trip chain starts with, needing nothing on the ledger beforehand) is accepted and its
 * OutboxCommand row is claimed and COMMITTED by the ledger. When the outbox is not drained (no
 * worker claims rows) or the ledger refuses everything, this is the one red line; the round trips
 * that would each wait out their own timeout are `blocked` by it.
 */
const DRAIN_MS = 30_000;
/** §15 BATCH_SIZE default: rows claimed per poll (OUT-3). */
const BATCH_SIZE = 10;

interface Row { status: string; attempts: number; errorCode: string | null; error: string | null }

export const writePathCheck = defineCheck({
  id: 'RT-WRITE-PATH',
  layer: 'integration',
  title: 'The write path drains: an accepted command is claimed and committed (prerequisite of the round trips)',
  criteria: ['IT-FAB-1', 'IT-FAB-2'],
  needs: ['writes', 'database', 'fixtures', 'ledger'],
  fixtureItems: exampleItems([endpointById('I4')]),
  rules: ['CMD-1', 'OUT-1', 'OUT-3'],
  dependsOn: ROUTED,
  async run(ctx) {
    const problems = new Problems(ctx);
    const i4 = endpointById('I4');
    const reply = await askRoute(ctx, i4, { ...(await exampleOf(ctx, i4)), note: 'a fresh user, to drain' });
    const commandId = reply.res && isObject(reply.res.body) && typeof reply.res.body.commandId === 'string' ? reply.res.body.commandId : null;
    // A refused command is the route's to answer for (INT-CONTRACT-I4): the write path was not exercised.
    if (!reply.res || !reply.answer.expected || reply.res.status !== 202 || !commandId) {
      problems.unusable(reply.res && reply.answer.expected ? `the command was not accepted: ${brief(reply.res).slice(0, 120)}` : reply.answer.kind);
      return problems.finish('', '');
    }
    problems.judged();
    const started = Date.now();
    let row: Row | undefined;
    while (Date.now() - started < DRAIN_MS) {
      row = await withDb(ctx, async (c) => (await c.query<Row>(
        'SELECT status::text AS status, attempts, "errorCode", error FROM "OutboxCommand" WHERE id = $1', [commandId])).rows[0]);
      if (row && ['COMMITTED', 'FAILED'].includes(row.status)) break;
      await sleep(250);
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    const state = row ? `${row.status} after ${row.attempts} attempt(s)${row.errorCode ? ` (${row.errorCode}: ${row.error ?? ''})` : ''}` : 'no row';
    const shown = { ...reply.res.evidence, response: `${reply.res.evidence.response ?? ''}\n\nOutboxCommand ${commandId}: ${state}` };
    problems.measurements.drainMs = Date.now() - started;
    if (!row) problems.add({ rule: 'CMD-1', endpoint: 'I4', text: `the 202 for command ${commandId} has no OutboxCommand row` }, shown);
    else if (row.status === 'PENDING' && row.attempts === 0) {
      // OUT-3: oldest first, BATCH_SIZE per poll, a poll every POLL_INTERVAL. Among the BATCH_SIZE
      // oldest waiting rows, a fresh row is in the next batch; behind a longer backlog the wait may be the backlog's.
      const ahead = await withDb(ctx, async (c) => (await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "OutboxCommand" o JOIN "OutboxCommand" me ON me.id = $1
          WHERE o."tenantId" = me."tenantId" AND o.status::text = 'PENDING' AND (o."createdAt", o.id) < (me."createdAt", me.id)`, [commandId])).rows[0].n);
      problems.measurements.pendingAhead = ahead;
      const text = `no worker claimed command ${commandId} within ${seconds} s (still PENDING, 0 attempts, ${ahead} older row(s) of its tenant waiting ahead of it): the outbox is not being drained`;
      problems.add({ rule: ahead < BATCH_SIZE ? 'OUT-3' : null, component: 'worker', text }, shown);
    } else if (row.status !== 'COMMITTED') {
      problems.add({ rule: null, component: 'ledger', text: `command ${commandId} did not commit within ${seconds} s: ${state}` }, shown);
    } else problems.sample(shown);
    return problems.finish(`command ${commandId} committed in ${seconds} s`, `the row claimed and COMMITTED within ${DRAIN_MS / 1000} s`);
  },
});

/** What every round trip needs first: the region's routes, and a write path that drains. */
export const WRITE_PATH = [...ROUTED, 'RT-WRITE-PATH'];
