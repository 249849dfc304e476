import { describe, expect, it } from 'vitest';
import { FAULTS, type FaultSpec } from '../../sandbox/faults/catalog';
import { RULE_LINKS } from '../../sandbox/faults/rule-links';
import { joinChecks, loadChecks } from '../../src/checks/registry';
import { defineCheck, pass } from '../../src/checks/define';
import { isContractRuleId } from '../../src/rules/index';
import { ruleCoverage, summarize } from '../../src/rules/coverage';

/**
 * Every MUST rule and every documented error needs a check that declares it, and a fault that
 * breaks it and turns such a check red. The lists below are the rules that do not have one yet on
 * this branch, by family; they may only shrink: a rule that gains a check (or a proving fault) must
 * leave them, and a new gap fails this test.
 */
const UNCOVERED_FAMILIES = [
  // the headers the edge forwards change nothing the contract makes visible from outside.
  'EDGE-10',
];
/** Covered, but no fault declares them and turns a check that declares them red (none left). */
const UNPROVEN: string[] = [];

const inFamily = (id: string) => UNCOVERED_FAMILIES.some((f) => (f.endsWith('-') ? id.startsWith(f) : id === f));

describe('rule coverage', () => {
  it('every MUST rule and documented error has a check, except the listed families', async () => {
    const { checks } = await loadChecks();
    const summary = summarize(ruleCoverage(checks, FAULTS));
    expect(summary.uncovered.filter((id) => !inFamily(id)), 'rules without a check (add one, or a reason here)').toEqual([]);
    const stale = UNCOVERED_FAMILIES.filter((f) => !summary.uncovered.some((id) => (f.endsWith('-') ? id.startsWith(f) : id === f)));
    expect(stale, 'listed as uncovered, but every rule of it has a check now: remove it from the list').toEqual([]);
  });

  it('every covered MUST rule and documented error is proven by a fault, except the listed ones', async () => {
    const { checks } = await loadChecks();
    const summary = summarize(ruleCoverage(checks, FAULTS));
    const unproven = summary.unproven.filter((id) => !summary.uncovered.includes(id));
    expect(unproven.sort()).toEqual([...UNPROVEN].sort());
  });

  it('faults name only known rules, in one place each', () => {
    for (const [name, spec] of Object.entries(FAULTS as Record<string, FaultSpec>)) {
      for (const rule of spec.rules ?? []) expect(isContractRuleId(rule), `${name}: ${rule}`).toBe(true);
    }
    for (const name of Object.keys(RULE_LINKS)) expect(Object.hasOwn(FAULTS, name), `rule-links names unknown fault ${name}`).toBe(true);
  });

  it('a check naming an unknown rule is refused at load, naming the check', () => {
    const bad = defineCheck({ id: 'X-BAD', layer: 'integration', title: 't', criteria: ['IT-API-1'], rules: ['NOPE-1'], run: async () => pass() });
    expect(() => joinChecks([[bad]])).toThrow(/Check X-BAD names unknown contract rules: NOPE-1/);
  });
});
