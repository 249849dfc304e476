import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, startRoundTripHarness, type RoundTripHarness } from './harness';

/**
 * The submitter-side round-trip checks on their own sandbox: RT-EXACTLY-ONCE and RT-POISON green
 * on the clean stack, and red with the submitter fault each is linked to (switched on at runtime).
 */
let h: RoundTripHarness;
beforeAll(async () => { h = await startRoundTripHarness('rt-sub'); }, 120_000);
afterAll(async () => { await h?.stop(); }, 60_000);

const withFault = async <T>(fault: string, body: () => Promise<T>): Promise<T> => {
  await h.sandbox.faults.set([fault]);
  try { return await body(); } finally { await h.sandbox.faults.set([]); }
};

describe('submitter round-trip checks', () => {
  it('RT-EXACTLY-ONCE passes on the clean stack', async () => {
    const r = (await h.run(['RT-EXACTLY-ONCE'])).get('RT-EXACTLY-ONCE');
    expect(r?.status, explain(r)).toBe('pass');
    expect(r?.measurements.ledgerTransactions).toBe(r?.measurements.transfers);
  }, 150_000);

  it('submitter-double-claim turns RT-EXACTLY-ONCE red', async () => {
    const r = await withFault('submitter-double-claim', async () => (await h.run(['RT-EXACTLY-ONCE'])).get('RT-EXACTLY-ONCE'));
    expect(r?.status, explain(r)).toBe('fail');
    // A row claimed twice is submitted twice: the burst shows more ledger transactions than rows,
    // or, when the fault hits the set-up's own CREATE_USER first, the duplicate is refused by the
    // chaincode and the row ends FAILED — the same broken rule, seen earlier.
    if (r?.measurements.ledgerTransactions !== undefined) expect(Number(r.measurements.ledgerTransactions)).toBeGreaterThan(Number(r.measurements.transfers));
    else expect(r?.message).toMatch(/set-up failed: .*already exists/);
  }, 150_000);
});

describe('poison command', () => {
  it('RT-POISON passes on the clean stack', async () => {
    const r = (await h.run(['RT-POISON'])).get('RT-POISON');
    expect(r?.status, explain(r)).toBe('pass');
  }, 120_000);

  // Each fault breaks one rule of the poison's life; RT-POISON turns red with a finding under exactly that rule.
  const cases: Array<[string, string, RegExp]> = [
    ['submitter-revives-failed', 'OUT-1', /left terminal FAILED#5/],
    ['submitter-attempts-on-failure', 'OUT-4', /with attempts 0 .*the claim did not count the attempt/],
    ['submitter-no-backoff', 'OUT-6', /backoff|too fast/],
    ['submitter-extra-retry', 'OUT-7', /after 6 attempts/],
    ['submitter-drops-error-code', 'OUT-8', /errorCode/],
    ['submitter-waits-on-poison', 'OUT-10', /only after the poison|ended (PENDING|LOCKED)/],
  ];
  for (const [fault, rule, text] of cases) {
    it(`${fault} turns RT-POISON red on ${rule}`, async () => {
      const r = await withFault(fault, async () => (await h.run(['RT-POISON'])).get('RT-POISON'));
      expect(r?.status, explain(r)).toBe('fail');
      const found = (r?.findings ?? []).filter((f) => f.rule === rule);
      expect(found.map((f) => f.text).join(' '), explain(r)).toMatch(text);
      // The runner keeps the exchange once per (endpoint, rule).
      expect(found.some((f) => (f.evidence ?? []).length > 0)).toBe(true);
    }, 120_000);
  }
});

describe('claiming', () => {
  // The clean run is the write path every round trip of this file already drained (RT-WRITE-PATH is their prerequisite).
  it('RT-WRITE-PATH passes on the clean stack and submitter-stalled turns it red on OUT-3', async () => {
    const green = (await h.run(['RT-WRITE-PATH'])).get('RT-WRITE-PATH');
    expect(green?.status, explain(green)).toBe('pass');
    const r = await withFault('submitter-stalled', async () => (await h.run(['RT-WRITE-PATH'])).get('RT-WRITE-PATH'));
    expect(r?.status, explain(r)).toBe('fail');
    const found = (r?.findings ?? []).filter((f) => f.rule === 'OUT-3');
    expect(found.map((f) => f.text).join(' '), explain(r)).toMatch(/no worker claimed command .* 0 attempts/);
  }, 120_000);
});

/**
 * RT-BREAKER last in this file (it holds the write path for the breaker's 30 s): green on the clean
 * stack, and red with submitter-claims-while-open (switched on live), its findings naming OUT-9 only.
 * Each run waits the half-open and leaves the breakers out of OPEN.
 */
describe('ledger circuit breaker', () => {
  it('RT-BREAKER passes on the clean stack', async () => {
    const r = (await h.run(['RT-BREAKER'])).get('RT-BREAKER');
    expect(r?.status, explain(r)).toBe('pass');
    expect(r?.measurements.breakersOpened).toBe(2);
  }, 150_000);

  it('submitter-claims-while-open turns RT-BREAKER red on OUT-9', async () => {
    const r = await withFault('submitter-claims-while-open', async () => (await h.run(['RT-BREAKER'])).get('RT-BREAKER'));
    expect(r?.status, explain(r)).toBe('fail');
    expect(new Set((r?.findings ?? []).map((f) => f.rule)), explain(r)).toEqual(new Set(['OUT-9']));
    expect(r?.message, explain(r)).toMatch(/while the breakers were open .* were claimed and their attempts consumed: .*→/);
  }, 150_000);
});
