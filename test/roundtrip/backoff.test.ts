import { describe, expect, it } from 'vitest';
import { backoffs, judgeBackoff } from '../../suites/integration/roundtrip/poison';
import type { RowSample } from '../../suites/integration/roundtrip/support/outbox';

/** RT-POISON's backoff judgement on recorded row states (no sandbox needed). */
const sample = (status: string, attempts: number, delayMs: number | null): RowSample => {
  const updatedAt = new Date(1_700_000_000_000 + attempts * 10_000);
  return { at: updatedAt.getTime(), status, attempts, updatedAt, errorCode: attempts ? 'ABORTED' : null, nextAttemptAt: delayMs === null ? null : new Date(updatedAt.getTime() + delayMs) };
};

describe('RT-POISON backoff judgement', () => {
  it('reads the delay the submitter wrote after each failed attempt', () => {
    const trail = [sample('PENDING', 0, 0), sample('LOCKED', 1, null), sample('PENDING', 1, 98), sample('PENDING', 2, 210), sample('FAILED', 5, 0)];
    expect(backoffs(trail)).toEqual([{ attempt: 1, ms: 98 }, { attempt: 2, ms: 210 }]);
  });

  it('accepts a doubling backoff with ±20 % jitter at its worst', () => {
    expect(judgeBackoff([{ attempt: 1, ms: 120 }, { attempt: 2, ms: 160 }, { attempt: 3, ms: 320 }, { attempt: 4, ms: 640 }])).toEqual([]);
  });

  it('rejects retries without a wait, a flat backoff, and too few observed retries', () => {
    expect(judgeBackoff([{ attempt: 1, ms: 0 }, { attempt: 2, ms: 0 }, { attempt: 3, ms: 0 }]).join(' ')).toMatch(/without a backoff/);
    expect(judgeBackoff([{ attempt: 1, ms: 100 }, { attempt: 2, ms: 100 }, { attempt: 3, ms: 100 }]).join(' ')).toMatch(/not about twice/);
    expect(judgeBackoff([{ attempt: 1, ms: 100 }]).join(' ')).toMatch(/only 1 retry delay/);
  });
});
