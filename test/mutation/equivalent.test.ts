import { describe, expect, it } from 'vitest';
import type { MutantSite } from '../../scripts/mutation/enumerate';
import { equivalenceOf } from '../../scripts/mutation/equivalent';

/** A mutant site as enumerate.ts describes it, from its line split at the mutant. */
function site(file: string, prefix: string, at: string, replacement: string, mutator = 'ConditionalExpression', before = '', enclosing: string[] = []): MutantSite {
  const source = `${prefix}${at}`.trim();
  return { file, mutator, replacement, start: { line: 1, column: prefix.length }, end: { line: 1, column: prefix.length + 1 }, source, before, prefix: prefix.trimStart(), at, enclosing };
}

describe('equivalent mutants', () => {
  it('names fault code and fault switches as equivalent, with the reason', () => {
    const wallets = 'sandbox/services/tokenomics/wallets.ts';
    expect(equivalenceOf(site(wallets, '    blockNumber: rawBigint && ', 't.blockNumber !== null ? BigInt(t.blockNumber) : x,', 'true'))).toMatch(/fault code/);
    expect(equivalenceOf(site('sandbox/services/organization/rule.ts', '  const group = ', '(faults.lenientArrays && approverGroup.lenient ? a : b).safeParse(x);', 'false'))).toMatch(/fault code/);
    expect(equivalenceOf(site('sandbox/services/tokenomics/transfer-routes.ts', "  if (x && !deps.faults.isOn(", "'self-transfer-allowed')) throw e;", '""', 'StringLiteral'))).toMatch(/fault switch/);
    expect(equivalenceOf(site('sandbox/services/admin/queries.ts', '      ', "? 'WITH pause AS MATERIALIZED (SELECT pg_sleep(0.08)) SELECT 1'", '""', 'StringLiteral', "const sql = deps.faults.isOn('db-slow-query')"))).toMatch(/branch a fault switch selects/);
  });

  it('knows fault code by the block or the one-line if it sits in', () => {
    const headers = 'sandbox/services/kit/headers.ts';
    const faultIf = "if (origin !== undefined && faults?.isOn('cors-wildcard-credentials')) {";
    expect(equivalenceOf(site(headers, "      res.setHeader('Access-Control-Allow-Credentials', ", "'true');", '""', 'StringLiteral', '', [faultIf, 'return (req, res, next) => {']))).toMatch(/fault code: in a block/);
    expect(equivalenceOf(site('sandbox/services/kit/outbox.ts', "  if (typeof payload.amount === 'string' && options.faults?.isOn('payload-amount-rescaled')) payload = { ...payload, amount: String(", 'toScaled(payload.amount) ?? payload.amount) };', 'x', 'LogicalOperator'))).toMatch(/fault code/);
    expect(equivalenceOf(site('sandbox/services/kit/auth.ts', '  const hash = ', "{ HS256: 'sha256' }[alg];", '""', 'StringLiteral', '', ['function kidKeyPayload(token: string, kid: string, alg: string): Record<string, unknown> | null {']))).toMatch(/fault code/);
    // The clean path: a negated switch, an `||` condition, an else branch.
    expect(equivalenceOf(site(headers, '      ', "res.setHeader('Vary', 'Origin');", '""', 'StringLiteral', '', ["if (!faults?.isOn('cors-no-vary')) {"]))).toBeNull();
    expect(equivalenceOf(site(headers, '      ', "res.setHeader('Vary', 'Origin');", '""', 'StringLiteral', '', ["if (isAllowed || faults?.isOn('cors-any')) {"]))).toBeNull();
    expect(equivalenceOf(site(headers, '      ', 'res.setHeader(x, origin);', '""', 'StringLiteral', '', ['} else if (isAllowed) {', 'return (req, res, next) => {']))).toBeNull();
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
