import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { defineCheck, type CheckDef } from '../../../src/checks/define';
import { brief, brokenRule, envelopeProblem } from '../support/envelope';
import { Problems } from '../support/problems';
import { ROUTED } from '../support/routing';
import { marker, outboxRowsWithRemark, sendTransfer, transferBody } from './transfer';

/** Idempotency (issue 4.4, contract §5 IDEM-2, IDEM-4, IDEM-5). */

const newKey = () => `gxv-idem-${randomUUID()}`;

/** The control every idempotency case starts from: the first transfer must be accepted (202). */
const FIRST_ACCEPTED = 'the first transfer was not accepted, so the key cannot be judged';

export const replayCheck = defineCheck({
  id: 'INT-IDEMPOTENCY-REPLAY',
  layer: 'integration',
  title: 'The same X-Idempotency-Key and body twice → the same answer and exactly one outbox row',
  criteria: ['IT-API-4', 'IT-DB-3'],
  endpoint: '#1',
  needs: ['fixtures', 'database', 'writes'],
  rules: ['IDEM-4', 'ERR-5'],
  dependsOn: ROUTED,
  minJudged: 2,
  fixtureItems: ['userA', 'userB'],
  async run(ctx) {
    const problems = new Problems(ctx);
    const key = newKey();
    const remark = marker(ctx, 'idem-replay');
    const body = transferBody(ctx, remark);
    const first = problems.judge(await sendTransfer(ctx, body, key, 'first request'));
    if (!first) return problems.finish('', '');
    if (first.status !== 202) {
      problems.add({ rule: first.status >= 500 ? 'ERR-5' : null, endpoint: '#1', text: `${FIRST_ACCEPTED}: ${brief(first)}` }, first);
      return problems.finish('', '202');
    }
    const second = problems.judge(await sendTransfer(ctx, body, key, 'replay with the same key and body'));
    if (!second) return problems.finish('', '');
    const rows = await outboxRowsWithRemark(ctx, remark);
    const counted = { note: 'outbox rows with the request\'s remark', response: String(rows) };
    problems.measurements.outboxRows = rows;
    if (second.status !== first.status || !isDeepStrictEqual(second.body, first.body)) {
      problems.add({ rule: second.status >= 500 ? 'ERR-5' : 'IDEM-4', endpoint: '#1', text: `the replay answered differently: ${brief(second)}, the first ${brief(first)}` }, first, second);
    }
    if (rows !== 1) problems.add({ rule: 'IDEM-4', endpoint: '#1', text: `the replay wrote ${rows} outbox rows, expected exactly 1` }, first, second, counted);
    [first, second].forEach((x) => problems.sample(x));
    problems.sample(counted);
    return problems.finish('the replay got the original answer and wrote nothing new', 'the same status and body, exactly 1 OutboxCommand row');
  },
});

export const conflictCheck = defineCheck({
  id: 'INT-IDEMPOTENCY-CONFLICT',
  layer: 'integration',
  title: 'The same X-Idempotency-Key with another body → 422/409 E1, nothing written',
  criteria: ['IT-API-4', 'IT-DB-3'],
  endpoint: '#1',
  needs: ['fixtures', 'writes'],
  rules: ['IDEM-5', 'ERR-7', 'ERR-1', 'ERR-5'],
  dependsOn: ROUTED,
  minJudged: 2,
  fixtureItems: ['userA', 'userB'],
  async run(ctx) {
    const problems = new Problems(ctx);
    const key = newKey();
    const first = problems.judge(await sendTransfer(ctx, transferBody(ctx, marker(ctx, 'idem-first')), key, 'first request'));
    if (!first) return problems.finish('', '');
    if (first.status !== 202) {
      problems.add({ rule: first.status >= 500 ? 'ERR-5' : null, endpoint: '#1', text: `${FIRST_ACCEPTED}: ${brief(first)}` }, first);
      return problems.finish('', '202');
    }
    const otherRemark = marker(ctx, 'idem-other');
    const second = problems.judge(await sendTransfer(ctx, transferBody(ctx, otherRemark), key, 'same key, other body'));
    if (!second) return problems.finish('', '');
    const problem = envelopeProblem(second, [422, 409]);
    if (problem) problems.add({ rule: brokenRule(second, problem, 'IDEM-5'), endpoint: '#1', text: `key reuse with another body: ${problem} (got ${brief(second)})` }, first, second);
    if (ctx.target.database) {
      const rows = await outboxRowsWithRemark(ctx, otherRemark);
      if (rows !== 0) problems.add({ rule: 'ERR-7', endpoint: '#1', text: `the rejected request wrote ${rows} outbox row(s)` }, second);
    }
    [first, second].forEach((x) => problems.sample(x));
    return problems.finish('key reuse with another body was refused and wrote nothing', '422 (or 409) E1, no outbox row');
  },
});

export const keyFormatCheck = defineCheck({
  id: 'INT-IDEMPOTENCY-KEY-FORMAT',
  layer: 'integration',
  title: 'An X-Idempotency-Key outside 16–128 visible ASCII characters → 400 E1',
  criteria: ['IT-API-4'],
  endpoint: '#1',
  needs: ['fixtures', 'writes'],
  rules: ['IDEM-2', 'ERR-7', 'ERR-1', 'ERR-5'],
  dependsOn: ROUTED,
  minJudged: 3,
  fixtureItems: ['userA', 'userB'],
  async run(ctx) {
    const problems = new Problems(ctx);
    for (const key of ['too-short-key', 'x'.repeat(129), 'gxv key with spaces 0001']) {
      const remark = marker(ctx, 'idem-format');
      const res = problems.judge(await sendTransfer(ctx, transferBody(ctx, remark), key, `key of ${key.length} characters`));
      if (!res) continue;
      const label = `invalid key "${key.slice(0, 20)}…" (${key.length} chars)`;
      const problem = envelopeProblem(res, [400]);
      if (problem) problems.add({ rule: brokenRule(res, problem, 'IDEM-2'), endpoint: '#1', text: `${label}: ${problem} (got ${brief(res)})` }, res);
      else problems.sample(res);
      if (ctx.target.database && (await outboxRowsWithRemark(ctx, remark)) !== 0) {
        problems.add({ rule: 'ERR-7', endpoint: '#1', text: `${label}: a request rejected for its key wrote an outbox row` }, res);
      }
    }
    return problems.finish('every invalid key was refused with 400 E1 and wrote nothing', '400 E1 (IDEM-2), no outbox row');
  },
});

export const idempotencyChecks: CheckDef[] = [replayCheck, conflictCheck, keyFormatCheck];
