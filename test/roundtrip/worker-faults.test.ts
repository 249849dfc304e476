import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKER_FAULTS } from '../../sandbox/faults/worker-faults';
import { roundtripChecks } from '../../suites/integration/roundtrip/index';
import { explain, startRoundTripHarness, type RoundTripHarness } from './harness';

/**
 * The two worker faults that prove every RT-CMD-* check (and what else they break) can fail, on
 * their own sandbox: the linked checks pass on the clean stack, fail with the fault switched on at
 * runtime, and pass again once it is off. submitter-stalled stops every command before the ledger;
 * projector-drops-effects lets them commit but never reach the read model, so the read-model step
 * of each RT-CMD-* check is proven apart from the submitter path.
 */
type Fault = 'submitter-stalled' | 'projector-drops-effects';
const FAULTS: Fault[] = ['submitter-stalled', 'projector-drops-effects'];
// The checks with their own set-up first, so a red run can start them beside the shared scenario.
const linked = (fault: Fault): string[] => [...WORKER_FAULTS[fault].checks].sort((a, b) => Number(a.startsWith('RT-CMD-')) - Number(b.startsWith('RT-CMD-')));
const ALL_LINKED = [...new Set(FAULTS.flatMap(linked))].sort();
/** Where each fault stops the first command: before the ledger, or after it, on the read-model step. */
const FIRST_STEP: Record<Fault, RegExp> = {
  'submitter-stalled': /CREATE_USER .*the row did not reach COMMITTED/,
  'projector-drops-effects': /CREATE_USER .*the read model did not show the CREATE_USER effect/,
};

let h: RoundTripHarness;
let db: pg.Pool;
beforeAll(async () => {
  h = await startRoundTripHarness('rt-wf');
  db = new pg.Pool({ connectionString: h.sandbox.databaseUrl, max: 1 });
}, 120_000);
afterAll(async () => {
  await db?.end();
  await h?.stop();
}, 60_000);

/**
 * After the stall, the submitter works off the backlog the red run left (its pause and resume
 * among it): wait until no row is waiting for a first attempt, so the next run starts on a
 * quiet outbox and an ACTIVE ledger. Rows the ledger refuses (the #25 refusal) retry with backoff
 * and carry an errorCode; they are not waited for.
 */
async function outboxDrained(timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "OutboxCommand" WHERE "tenantId" = $1 AND "status" IN ('PENDING', 'LOCKED', 'SUBMITTED') AND "errorCode" IS NULL`,
      [h.sandbox.tenantId],
    );
    if (rows[0].n === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${rows[0].n} outbox rows still waiting ${timeoutMs} ms after the fault was switched off`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('worker faults for the per-command round trips', () => {
  it('every check linked to them passes on the clean stack', async () => {
    const results = await h.run(ALL_LINKED);
    for (const id of ALL_LINKED) expect(results.get(id)?.status, explain(results.get(id))).toBe('pass');
  }, 300_000);

  it('every RT-CMD-* check is linked to one of them', () => {
    const commands = roundtripChecks.map((c) => c.id).filter((id) => id.startsWith('RT-CMD-'));
    expect(commands.length).toBeGreaterThan(20);
    expect(commands.filter((id) => !ALL_LINKED.includes(id))).toEqual([]);
  });

  for (const fault of FAULTS) {
    it(`${fault} turns ${linked(fault).length} checks red, and they pass again once it is off`, async () => {
      await h.sandbox.faults.set([fault]);
      let red;
      try {
        // Every red step waits out its timeout: a wider pool runs them side by side.
        red = await h.run(linked(fault), { concurrency: 8 });
      } finally {
        await h.sandbox.faults.set([]);
      }
      // Red, and one red line per root cause: a command its chain never reached is `blocked` by the
      // failing step before it (itself one of the fault's checks), never green and never a second failure.
      for (const id of linked(fault)) {
        const result = red.get(id);
        expect(['fail', 'blocked'], explain(result)).toContain(result?.status);
        for (const root of result?.blockedBy ?? []) {
          expect(linked(fault), `${id} blocked by ${root}`).toContain(root);
          expect(red.get(root)?.status, explain(red.get(root))).toBe('fail');
        }
      }
      expect(red.get('RT-CMD-CREATE_USER')?.message).toMatch(FIRST_STEP[fault]);
      await outboxDrained(60_000);
      const green = await h.run(linked(fault));
      for (const id of linked(fault)) expect(green.get(id)?.status, explain(green.get(id))).toBe('pass');
    }, 600_000);
  }
});
