import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTED_ERRORS } from '../../src/rules/index';
import { REJECTION_FAULTS, RULE_FAULTS } from '../../sandbox/faults/rule-faults';
import { checks } from '../../suites/integration/index';
import { DOC_ERROR_CASES, PROVOKED_ELSEWHERE } from '../../suites/integration/errors/cases/index';
import { explain, startHarness, type IntegrationHarness } from '../integration/harness';
import { redWithFault } from './red-with-fault';

/**
 * The `documented-error:<rule id>` fault family against the INT-DOCERR checks, on one sandbox:
 * clean → every check green; every fault at once → every documented error found broken (each case
 * reaches its own row); a sample one at a time → exactly that row's check red, with that row's
 * finding and no other documented error's.
 */
let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-docerr-faults'); }, 120_000);
afterAll(async () => { await h?.stop(); });

const family = checks.filter((c) => c.id.startsWith('INT-DOCERR-')).map((c) => c.id);
const provoked = DOCUMENTED_ERRORS.filter((r) => DOC_ERROR_CASES[r.id]);
/** One row per kind of case: state, ownership, business rule, VAL-6 field, SHOULD, a 401, minted tokens. */
const SAMPLE = [
  'I1:401:inactive', 'I4:400:duplicate-phone', 'I7:409:kyc-approved', '#1:400:self-transfer', '#1:400:sender-frozen',
  '#1:400:insufficient-balance', '#2:409:genesis-distributed', '#5:400:invalid-limit', '#8:403:not-stakeholder',
  '#11:400:approver-group-too-small', '#17:400:not-pending', '#19:404:loan-not-found', '#27:400:invalid-field', '#39:400:invalid-account-id',
];

describe('documented errors: structure', () => {
  it('every documented error of §6 has a case (or names the check that provokes it) and a fault naming a check that declares it', () => {
    for (const r of DOCUMENTED_ERRORS) {
      expect(Boolean(DOC_ERROR_CASES[r.id]) || Boolean(PROVOKED_ELSEWHERE[r.id]), `${r.id} has no case`).toBe(true);
      const fault = RULE_FAULTS[`documented-error:${r.id}`];
      // The row itself; a SHOULD row's 500 also breaks ERR-5 (what the check reports red).
      expect(fault?.rules).toEqual(r.strength === 'MUST' ? [r.id] : [r.id, 'ERR-5']);
      for (const id of fault.checks) {
        const check = checks.find((c) => c.id === id);
        if (!check) continue; // a check of another family (INT-EMPTY-STATE) is proven in its own test
        expect(check.rules, `${id} does not declare ${r.id}`).toContain(r.id);
      }
    }
    for (const id of Object.keys(DOC_ERROR_CASES)) expect(DOCUMENTED_ERRORS.some((r) => r.id === id), `case for unknown row ${id}`).toBe(true);
  });
});

describe('documented errors against their fault family', () => {
  it('with every fault of the family on, each provoked row is found broken', async () => {
    await h.sandbox.faults.set(provoked.map((r) => `documented-error:${r.id}`));
    try {
      const results = await h.run(family);
      const broken = new Set([...results.values()].flatMap((r) => (r.findings ?? []).map((f) => f.rule)));
      expect(provoked.map((r) => r.id).filter((id) => !broken.has(id))).toEqual([]);
      for (const id of family) expect(results.get(id)?.status, explain(results.get(id))).toBe('fail');
    } finally {
      await h.sandbox.faults.set([]);
    }
  }, 120_000);

  for (const ruleId of SAMPLE) {
    it(`documented-error:${ruleId} turns only its own row red`, async () => {
      const check = RULE_FAULTS[`documented-error:${ruleId}`].checks[0];
      await h.sandbox.faults.set([`documented-error:${ruleId}`]);
      try {
        const result = (await h.run([check])).get(check)!;
        expect(result.status, explain(result)).toBe('fail');
        const rows = new Set((result.findings ?? []).map((f) => f.rule).filter((r) => r?.includes(':')));
        expect([...rows]).toEqual([ruleId]);
      } finally {
        await h.sandbox.faults.set([]);
      }
    });
  }
});

describe('rules the documented-error family proves beside its rows (VAL-4, CMD-6)', () => {
  redWithFault(() => h, [
    ['self-transfer-allowed', ['INT-DOCERR-E01'], /userA sends to itself: answered 202/],
    ['command-skips-lookup', ['INT-DOCERR-E06'], /freeze a missing wallet: answered 202/],
    ['approver-group-edge-refused', ['INT-DOCERR-E11'], /requiredApprovers 2 with two approvers: answered 400 .*off-by-one/],
  ]);
});

describe('nothing written by a rejected request (ERR-7, IDEM-7)', () => {
  for (const [fault, rule] of [['rejected-command-written', 'ERR-7'], ['idempotency-records-errors', 'IDEM-7']] as const) {
    it(`${fault}: its checks turn red with ${rule} findings`, async () => {
      const ids = REJECTION_FAULTS[fault].checks;
      await h.sandbox.faults.set([fault]);
      try {
        const results = await h.run(ids);
        for (const id of ids) {
          const result = results.get(id)!;
          expect(result.status, explain(result)).toBe('fail');
          expect((result.findings ?? []).filter((f) => !f.advisory).every((f) => f.rule === rule), explain(result)).toBe(true);
        }
      } finally {
        await h.sandbox.faults.set([]);
      }
    });
  }
});
