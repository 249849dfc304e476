import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, startHarness, type IntegrationHarness } from '../integration/harness';

/**
 * The passive inspectors judge answers other checks provoked: the oversize probe's 413 is
 * inspected for leaks like any answer (issue 10: a 413 with a stack trace passed before).
 */
let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-answers-faults'); }, 120_000);
afterAll(async () => { await h?.stop(); });

describe('passive inspectors on answers other checks received', () => {
  it('oversize-error-stack: INT-ANSWERS-LEAKS is green clean and red with the fault, on INT-OVERSIZE-BODY\'s 413', async () => {
    const ids = ['INT-OVERSIZE-BODY', 'INT-ANSWERS-LEAKS'];
    await h.sandbox.faults.set([]);
    const clean = await h.run(ids);
    expect(clean.get('INT-ANSWERS-LEAKS')?.status, explain(clean.get('INT-ANSWERS-LEAKS'))).toBe('pass');
    await h.sandbox.faults.set(['oversize-error-stack']);
    try {
      const red = await h.run(ids);
      const result = red.get('INT-ANSWERS-LEAKS')!;
      expect(result.status, explain(result)).toBe('fail');
      expect(result.findings?.[0]).toMatchObject({ rule: 'ERR-3', component: 'service' });
      expect(result.findings?.[0].text).toMatch(/413 \(asked by INT-OVERSIZE-BODY\).*stack frame/);
      // The oversize check itself only judges status and envelope: the inspector is what catches it.
      expect(red.get('INT-OVERSIZE-BODY')?.status).toBe('pass');
    } finally {
      await h.sandbox.faults.set([]);
    }
  });

  it('an inspector with nothing to judge cannot pass', async () => {
    const results = await h.run(['INT-ANSWERS-E1']);
    expect(results.get('INT-ANSWERS-E1')?.status).toBe('error');
    expect(results.get('INT-ANSWERS-E1')?.message).toMatch(/could not exercise/);
  });

  /** §11 inspector: each serializer fault turns it red with that rule, on answers the contract checks received. */
  const SER_CASES = [
    ['money-as-number', 'INT-CONTRACT-E03', 'SER-2', /balance\.balance is \d+(\.\d+)? \(JSON number\), expected a decimal string/],
    ['bigint-as-number', 'INT-CONTRACT-E05', 'SER-3', /transactions\[\]\.blockNumber is \d+ \(JSON number\), expected a decimal string or null/],
    ['timestamp-no-millis', 'INT-CONTRACT-E03', 'SER-4', /balance\.updatedAt is "[^"]+:\d\dZ", expected ISO-8601 UTC with milliseconds/],
    ['count-as-string', 'INT-CONTRACT-E36', 'SER-5', /totalUsers is "\d+", expected a JSON number/],
  ] as const;
  it('json-latin1: INT-ANSWERS-UTF8 green clean, red with SER-1 on INT-CONTRACT-E03\'s answer', async () => {
    const ids = ['INT-CONTRACT-E03', 'INT-ANSWERS-UTF8'];
    await h.sandbox.faults.set([]);
    const clean = (await h.run(ids)).get('INT-ANSWERS-UTF8');
    expect(clean?.status, explain(clean)).toBe('pass');
    await h.sandbox.faults.set(['json-latin1']);
    try {
      const red = (await h.run(ids)).get('INT-ANSWERS-UTF8')!;
      expect(red.status, explain(red)).toBe('fail');
      expect(red.findings?.[0]).toMatchObject({ rule: 'SER-1' });
      expect(red.findings?.[0].text).toMatch(/asked by INT-CONTRACT-E03.*charset=iso-8859-1, not UTF-8/);
    } finally {
      await h.sandbox.faults.set([]);
    }
  });
  it('INT-SERIALIZATION is green on the clean sandbox, judging the contract checks\' answers', async () => {
    await h.sandbox.faults.set([]);
    const clean = await h.run(['INT-CONTRACT-E03', 'INT-CONTRACT-E05', 'INT-CONTRACT-E36', 'INT-SERIALIZATION']);
    const result = clean.get('INT-SERIALIZATION');
    expect(result?.status, explain(result)).toBe('pass');
    expect(result?.measurements?.judged, explain(result)).toBeGreaterThanOrEqual(3);
  });
  for (const [fault, sender, rule, text] of SER_CASES) {
    it(`${fault}: INT-SERIALIZATION red with ${rule} on ${sender}'s answer`, async () => {
      await h.sandbox.faults.set([fault]);
      try {
        const red = await h.run([sender, 'INT-SERIALIZATION']);
        const result = red.get('INT-SERIALIZATION')!;
        expect(result.status, explain(result)).toBe('fail');
        expect(result.findings?.every((f) => f.rule === rule), explain(result)).toBe(true);
        expect(result.findings?.map((f) => f.text).join('\n')).toMatch(text);
      } finally {
        await h.sandbox.faults.set([]);
      }
    });
  }
});
