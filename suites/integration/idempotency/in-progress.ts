import { randomUUID } from 'node:crypto';
import { defineCheck } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { HttpExchange } from '../../../src/clients/http';
import { askRoute } from '../support/answers';
import { withDb } from '../support/db';
import { brief, brokenRule, envelopeProblem, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { exampleOf } from '../support/requests';
import { ROUTED } from '../support/routing';

/**
 * INT-IDEMPOTENCY-IN-PROGRESS (IDEM-6): the same registration (I4, whose slow password hash keeps
 * the first request in flight) is sent three times at once under one key. While the first is in
 * progress the others must get 409 E1 — or, once it completed, its replay — and exactly one command
 * may be accepted. Judged only when the three were in flight together (all sent before any answer).
 */
const COPIES = 3;

export const idempotencyInProgressCheck = defineCheck({
  id: 'INT-IDEMPOTENCY-IN-PROGRESS',
  layer: 'integration',
  title: 'The same X-Idempotency-Key sent again while the first request is in flight → 409 E1, one command only',
  criteria: ['IT-API-4', 'IT-DB-3'],
  endpoint: 'I4',
  needs: ['fixtures', 'writes'],
  rules: ['IDEM-6'],
  dependsOn: ROUTED,
  fixtureItems: ['country'],
  async run(ctx) {
    const problems = new Problems(ctx);
    const i4 = endpointById('I4');
    const example = await exampleOf(ctx, i4);
    const req = { ...example, headers: { 'X-Idempotency-Key': `gxv-idem6-${randomUUID()}` } };
    const sentAt: number[] = [];
    const answeredAt: number[] = [];
    const replies = await Promise.all(Array.from({ length: COPIES }, async (_, i) => {
      const reply = await askRoute(ctx, i4, { ...req, note: `I4 copy ${i + 1} of ${COPIES}, sent together under one key` });
      // When it really left: a pacer (edge rate limit) may have held it back before sending.
      const now = Date.now();
      answeredAt.push(now);
      sentAt.push(now - (reply.res?.durationMs ?? 0));
      return reply;
    }));
    const answers: HttpExchange[] = [];
    for (const r of replies) {
      if (r.answer.expected && r.res) answers.push(r.res);
      else problems.unusable(r.answer.kind);
    }
    const accepted = answers.filter((a) => a.status >= 200 && a.status < 300);
    if (accepted.length === 0) {
      answers.forEach((a) => problems.unusable(`I4 answered ${a.status}`));
      return problems.finish('', '');
    }
    for (const other of answers.filter((a) => !accepted.includes(a))) {
      const problem = envelopeProblem(other, [409]);
      if (problem) problems.add({ rule: brokenRule(other, problem, 'IDEM-6'), endpoint: 'I4', text: `a copy sent while the first was in flight: ${problem} (got ${brief(other)})` }, other);
    }
    const commandIds = new Set(accepted.map((a) => (isObject(a.body) ? String(a.body.commandId) : a.text)));
    if (commandIds.size > 1) {
      problems.add({ rule: 'IDEM-6', endpoint: 'I4', text: `${commandIds.size} copies sent together under one key were each accepted as a command of their own (commandIds ${[...commandIds].join(', ')})` }, ...accepted);
    }
    if (ctx.target.database) {
      const email = String((example.body as Record<string, unknown>).email).toLowerCase();
      const rows = await withDb(ctx, async (c) => Number((await c.query<{ n: string }>(
        `SELECT count(*) AS n FROM "OutboxCommand" WHERE "commandType" = 'CREATE_USER' AND lower(payload->>'email') = $1`, [email])).rows[0].n));
      problems.measurements.outboxRows = rows;
      if (rows !== 1) problems.add({ rule: 'IDEM-6', endpoint: 'I4', text: `${COPIES} copies under one key wrote ${rows} CREATE_USER rows, expected exactly 1` }, ...answers);
    }
    // In flight together: every copy left before the first answer came back.
    if (Math.max(...sentAt) < Math.min(...answeredAt)) problems.judged();
    else problems.unusable('the copies were not in flight together');
    answers.forEach((a) => problems.sample(a));
    return problems.finish('one copy was executed; the others got 409 E1 or its replay', 'one 202 (or its replay), 409 E1 for copies in flight, one command');
  },
});
