import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { CheckFailure, defineCheck, pass, type CheckDef } from '../../../src/checks/define';
import { brief, envelopeProblem } from '../support/envelope';
import { marker, outboxRowsWithRemark, sendTransfer, transferBody } from './transfer';

/** Idempotency (issue 4.4, contract §5 IDEM-2, IDEM-4, IDEM-5). */

const newKey = () => `gxv-idem-${randomUUID()}`;

export const replayCheck = defineCheck({
  id: 'INT-IDEMPOTENCY-REPLAY',
  layer: 'integration',
  title: 'The same X-Idempotency-Key and body twice → the same answer and exactly one outbox row',
  criteria: ['IT-API-4', 'IT-DB-3'],
  endpoint: '#1',
  needs: ['fixtures', 'database', 'writes'],
  fixtureItems: ['userA', 'userB'],
  async run(ctx) {
    const key = newKey();
    const remark = marker(ctx, 'idem-replay');
    const body = transferBody(ctx, remark);
    const first = await sendTransfer(ctx, body, key, 'first request');
    const second = await sendTransfer(ctx, body, key, 'replay with the same key and body');
    const rows = await outboxRowsWithRemark(ctx, remark);
    const evidence = [first.evidence, second.evidence, { note: 'outbox rows with the request\'s remark', response: String(rows) }];
    const measurements = { outboxRows: rows };
    if (first.status !== 202) {
      throw new CheckFailure({ message: 'the first transfer was not accepted', expected: '202', received: brief(first), evidence, measurements });
    }
    if (second.status !== first.status || !isDeepStrictEqual(second.body, first.body)) {
      throw new CheckFailure({ message: 'the replay answered differently', expected: brief(first), received: brief(second), evidence, measurements });
    }
    if (rows !== 1) {
      throw new CheckFailure({ message: `the replay wrote ${rows} outbox rows`, expected: 'exactly 1 OutboxCommand row', received: `${rows} rows`, evidence, measurements });
    }
    return pass({ evidence, measurements });
  },
});

export const conflictCheck = defineCheck({
  id: 'INT-IDEMPOTENCY-CONFLICT',
  layer: 'integration',
  title: 'The same X-Idempotency-Key with another body → 422/409 E1, nothing written',
  criteria: ['IT-API-4', 'IT-DB-3'],
  endpoint: '#1',
  needs: ['fixtures', 'writes'],
  fixtureItems: ['userA', 'userB'],
  async run(ctx) {
    const key = newKey();
    const first = await sendTransfer(ctx, transferBody(ctx, marker(ctx, 'idem-first')), key, 'first request');
    const otherRemark = marker(ctx, 'idem-other');
    const second = await sendTransfer(ctx, transferBody(ctx, otherRemark), key, 'same key, other body');
    const evidence = [first.evidence, second.evidence];
    if (first.status !== 202) {
      throw new CheckFailure({ message: 'the first transfer was not accepted', expected: '202', received: brief(first), evidence });
    }
    const problem = envelopeProblem(second, [422, 409]);
    if (problem) throw new CheckFailure({ message: `key reuse with another body: ${problem}`, expected: '422 (or 409) E1', received: brief(second), evidence });
    if (ctx.target.database) {
      const rows = await outboxRowsWithRemark(ctx, otherRemark);
      if (rows !== 0) throw new CheckFailure({ message: 'the rejected request wrote an outbox row', expected: '0 rows', received: `${rows}`, evidence });
    }
    return pass({ evidence });
  },
});

export const keyFormatCheck = defineCheck({
  id: 'INT-IDEMPOTENCY-KEY-FORMAT',
  layer: 'integration',
  title: 'An X-Idempotency-Key outside 16–128 visible ASCII characters → 400 E1',
  criteria: ['IT-API-4'],
  endpoint: '#1',
  needs: ['fixtures', 'writes'],
  fixtureItems: ['userA', 'userB'],
  async run(ctx) {
    const evidence = [];
    for (const key of ['too-short-key', 'x'.repeat(129), 'gxv key with spaces 0001']) {
      const remark = marker(ctx, 'idem-format');
      const res = await sendTransfer(ctx, transferBody(ctx, remark), key, `key of ${key.length} characters`);
      evidence.push(res.evidence);
      const problem = envelopeProblem(res, [400]);
      if (problem) {
        throw new CheckFailure({ message: `invalid key "${key.slice(0, 20)}…" (${key.length} chars): ${problem}`, expected: '400 E1 (IDEM-2)', received: brief(res), evidence });
      }
      if (ctx.target.database && (await outboxRowsWithRemark(ctx, remark)) !== 0) {
        throw new CheckFailure({ message: 'a request rejected for its key wrote an outbox row', expected: '0 rows', received: '≥ 1', evidence });
      }
    }
    return pass({ evidence });
  },
});

export const idempotencyChecks: CheckDef[] = [replayCheck, conflictCheck, keyFormatCheck];
