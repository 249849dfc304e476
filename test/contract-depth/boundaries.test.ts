import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaryProbes } from '../../suites/integration/boundaries/check';
import { explain, startHarness, type IntegrationHarness } from '../integration/harness';

let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-boundaries'); }, 120_000);
afterAll(async () => { await h?.stop(); });

describe('boundaries from the catalog', () => {
  it('covers every integer range, array size and amount edge of §4 that the catalog names', () => {
    const labels = boundaryProbes().flatMap((p) => p.settings.map((s) => `${p.endpoint.id} ${s.field} ${s.edge.label}`));
    for (const expected of [
      '#38 taxRateBps 10001 (max+1)', '#38 taxRateBps 0 (min−1)', 'I7 evidenceSize 2147483648 (max+1)', 'I4 age 151 (max+1)',
      '#5 limit 101 (max+1)', '#5 offset 2147483648 (max+1)', '#8 stakeholderIds 101 elements (max+1)', '#26 countriesData 301 elements (max+1)',
      '#37 amount 27 integer and 9 fraction digits (max)', '#37 amount 10 fraction digits (max+1)', '#1 amount 28 integer digits (max+1)',
      '#11 rule.requiredApprovers 0 (min−1)', '#39 accountId length 128 (max)', '#39 accountId length 129 (max+1)',
    ]) expect(labels, expected).toContain(expected);
  });

  const faults: Array<[string, RegExp]> = [
    ['integer-bounds-off-by-one', /taxRateBps at 10001 \(max\+1\)/],
    ['id-array-size-unchecked', /approverGroup at 101 elements \(max\+1\): status 202/],
    ['amount-precision-unchecked', /amount at 10 fraction digits/],
  ];
  it('INT-BOUNDARIES stays green on a correct target', async () => {
    const r = (await h.run(['INT-BOUNDARIES'])).get('INT-BOUNDARIES')!;
    expect(r.status, `${explain(r)}\n${(r.findings ?? []).map((f) => f.text).join('\n')}`).toBe('pass');
  }, 120_000);
  for (const [fault, finding] of faults) {
    it(`${fault}: INT-BOUNDARIES red with the fault`, async () => {
      await h.sandbox.faults.set([fault]);
      try {
        const r = (await h.run(['INT-BOUNDARIES'])).get('INT-BOUNDARIES')!;
        expect(r.status, explain(r)).toBe('fail');
        expect((r.findings ?? []).map((f) => f.text).join('\n')).toMatch(finding);
      } finally {
        await h.sandbox.faults.set([]);
      }
    }, 120_000);
  }
});
