import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_FAULTS } from '../../sandbox/faults/contract-faults';
import { explain, startHarness, type IntegrationHarness } from './harness';

type ContractFault = keyof typeof CONTRACT_FAULTS;

let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-it-contract-faults'); }, 120_000);
afterAll(async () => { await h?.stop(); });

async function expectAll(ids: readonly string[], status: 'pass' | 'fail'): Promise<void> {
  const results = await h.run(ids);
  for (const id of ids) {
    const result = results.get(id);
    expect(result?.status, explain(result)).toBe(status);
    // Red or green, a check names what it sent and what came back.
    if (status === 'fail') expect(result!.evidence.length, explain(result)).toBeGreaterThan(0);
  }
}

/**
 * Each contract/database fault proven both ways on one sandbox: its checks pass clean, fail while
 * it is switched on at runtime, and pass again once it is switched off (the database faults undo
 * their change, the service faults leave nothing behind).
 */
describe('endpoint-contract, error-path, infrastructure and database checks against their sandbox faults', () => {
  for (const fault of Object.keys(CONTRACT_FAULTS) as ContractFault[]) {
    const ids = CONTRACT_FAULTS[fault].checks.filter((id: string) => id.startsWith('INT-'));
    it(`${fault}: ${ids.length} check(s) green clean, red with the fault, green again without it`, async () => {
      expect(ids.length).toBeGreaterThan(0);
      await h.sandbox.faults.set([]);
      await expectAll(ids, 'pass');
      await h.sandbox.faults.set([fault]);
      try {
        await expectAll(ids, 'fail');
      } finally {
        await h.sandbox.faults.set([]);
      }
      await expectAll(ids, 'pass');
    }, 120_000);
  }
});

/** The convention faults break one rule each: the red checks' findings are tagged with it. */
describe('convention faults name the rule they break', () => {
  const CASES = [
    ['json-charset-missing', 'INT-CONTRACT-E03', 'HTTP-6', /content type application\/json, expected application\/json; charset=utf-8/],
    ['required-message-generic', 'INT-DOCERR-E01', 'VAL-6', /"Validation failed"/],
    ['idempotency-key-before-auth', 'INT-ERR-ORDER', 'ERR-6', /no token and an invalid idempotency key: answered 400 .*answers 401 first/],
    ['number-literal-as-double', 'INT-NUMBER-LITERAL', 'VAL-5', /as a JSON number: fee "12345678901234\.568", as a decimal string "12345678901234\.567123457"/],
    ['fee-rounding-truncates', 'INT-NUMBER-LITERAL', 'SER-6', /amount "0\.0000005": fee 200 .*expected 0\.000000001/],
    ['foreign-routes-served', 'INT-SVC-OWN-ROUTES', 'SVC-4', /identity answered the tokenomics route #3 GET \/api\/v1\/wallets\/.*\/balance: 200 /],
    ['empty-body-needs-content-type', 'INT-EMPTY-BODY', 'HTTP-1', /no body answered 400 .*Content-Type must be application\/json.*, but \{\} answered 400/],
    ['head-not-answered', 'INT-HTTP-GET-FORMS', 'HTTP-5', /HEAD answered 405, the GET 200/],
    ['trailing-slash-404', 'INT-HTTP-GET-FORMS', 'HTTP-5', /GET with one trailing slash answered 404 .*, the plain GET 200/],
    ['unknown-query-400', 'INT-HTTP-GET-FORMS', 'HTTP-5', /unknown query parameter gxvUnknownParam answered 400 .*Unknown query parameter/],
  ] as const;
  for (const [fault, id, rule, text] of CASES) {
    it(`${fault}: ${id} red with a ${rule} finding`, async () => {
      await h.sandbox.faults.set([fault]);
      try {
        const result = (await h.run([id])).get(id)!;
        expect(result.status, explain(result)).toBe('fail');
        const tagged = (result.findings ?? []).filter((f) => f.rule === rule && !f.advisory);
        expect(tagged.map((f) => f.text).join('\n'), explain(result)).toMatch(text);
      } finally {
        await h.sandbox.faults.set([]);
      }
    });
  }
});
