import { describe, expect, it } from 'vitest';
import type { MutantSite } from '../../scripts/mutation/enumerate';
import { equivalenceOf } from '../../scripts/mutation/equivalent';

/** A mutant site as enumerate.ts describes it, from its line split at the mutant. */
function site(file: string, prefix: string, at: string, replacement: string, mutator = 'ConditionalExpression', before = ''): MutantSite {
  const source = `${prefix}${at}`.trim();
  return { file, mutator, replacement, start: { line: 1, column: prefix.length }, end: { line: 1, column: prefix.length + 1 }, source, before, prefix: prefix.trimStart(), at };
}

describe('equivalent mutants', () => {
  it('names fault code and fault switches as equivalent, with the reason', () => {
    const wallets = 'sandbox/services/tokenomics/wallets.ts';
    expect(equivalenceOf(site(wallets, '    blockNumber: rawBigint && ', 't.blockNumber !== null ? BigInt(t.blockNumber) : x,', 'true'))).toMatch(/fault code/);
    expect(equivalenceOf(site('sandbox/services/organization/rule.ts', '  const group = ', '(faults.lenientArrays && approverGroup.lenient ? a : b).safeParse(x);', 'false'))).toMatch(/fault code/);
    expect(equivalenceOf(site('sandbox/services/tokenomics/transfer-routes.ts', "  if (x && !deps.faults.isOn(", "'self-transfer-allowed')) throw e;", '""', 'StringLiteral'))).toMatch(/fault switch/);
    expect(equivalenceOf(site('sandbox/services/admin/queries.ts', '      ', "? 'WITH pause AS MATERIALIZED (SELECT pg_sleep(0.08)) SELECT 1'", '""', 'StringLiteral', "const sql = deps.faults.isOn('db-slow-query')"))).toMatch(/branch a fault switch selects/);
  });

  it('leaves behaviour a client can observe to the checks', () => {
    const wallets = 'sandbox/services/tokenomics/wallets.ts';
    // The guarded condition turned on is the fault itself, not equivalent.
    expect(equivalenceOf(site('sandbox/services/organization/rule.ts', '  const group = ', '(faults.lenientArrays && approverGroup.lenient ? a : b).safeParse(x);', 'true'))).toBeNull();
    expect(equivalenceOf(site(wallets, '    balance: ', 'money(w.cachedBalance),', '""', 'StringLiteral'))).toBeNull();
    expect(equivalenceOf(site('sandbox/services/organization/rule.ts', '  if (', 'group.data.length < required) {', 'group.data.length <= required', 'EqualityOperator'))).toBeNull();
    expect(equivalenceOf(site('sandbox/services/admin/queries.ts', '      ', ": 'SELECT 1'", '""', 'StringLiteral', "? 'WITH pause'"))).toBeNull();
  });
});
