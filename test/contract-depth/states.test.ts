import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, startHarness, type IntegrationHarness } from '../integration/harness';
import { redWithFault, type RedCase } from './red-with-fault';

/**
 * States the contract defines answers for (issue 9 item 6): seeded matches in lists, empty lists,
 * #32 before bootstrap; #39's policy per fixture account and each command's stored payload.
 */
let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-states'); }, 120_000);
afterAll(async () => { await h?.stop(); });

const cases: RedCase[] = [
  ['paging-offset-ignored', ['INT-LIST-MATCHES'], /offset=1.*expected exactly/],
  ['proposals-filter-dropped', ['INT-LIST-MATCHES'], /#24.*leaves out/],
  ['documented-error:#32:404:status-not-found', ['INT-EMPTY-STATE'], /answered 500/],
  ['eligibility-ignores-balance', ['INT-TAX-ELIGIBILITY'], /#39 for an account with a zero balance: eligible true/],
  ['eligibility-taxes-treasury', ['INT-TAX-ELIGIBILITY'], /#39 for the treasury account .*: eligible true/],
  ['payload-amount-rescaled', ['INT-PAYLOAD-EXACT'], /#1 the catalog example: .*amount/],
];

describe('list and empty-state checks', () => {
  it('stay green on a correct target', async () => {
    const results = await h.run(['INT-LIST-MATCHES', 'INT-EMPTY-STATE', 'INT-TAX-ELIGIBILITY', 'INT-PAYLOAD-EXACT']);
    for (const r of results.values()) expect(r.status, explain(r)).toBe('pass');
    // #32 is bootstrapped again afterwards.
    const again = await h.run(['INT-CONTRACT-E32']);
    expect(again.get('INT-CONTRACT-E32')?.status, explain(again.get('INT-CONTRACT-E32'))).toBe('pass');
  });
  redWithFault(() => h, cases);
});
