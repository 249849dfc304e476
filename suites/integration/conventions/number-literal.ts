import { defineCheck } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { HttpExchange } from '../../../src/clients/http';
import { askRoute } from '../support/answers';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { ROUTED } from '../support/routing';

/**
 * #37 (fee of an amount, public, writes nothing) as the probe of two §4/§11 rules:
 * VAL-5 — an amount sent as a JSON number with more digits than a double holds gets the same fee
 * as the same literal sent as a decimal string (read by its literal, not by the nearest double);
 * SER-6 — computed money is rounded half-up to 9 fraction digits: fees whose exact value ends in a
 * 5 at the 10th digit (TOK-3: amount × 10 / 10000) must round up, which truncation and banker's
 * rounding do not. Storage as numeric(36,9) is judged by INT-DB-SCHEMA.
 */

const FEE = endpointById('#37');
/** 26 significant digits: as a double it becomes 12345678901234568. */
const LONG_LITERAL = '12345678901234567.123456789';
/** Amounts whose fee has a 5 in the 10th fraction digit, with the half-up result. */
const HALF_CASES = [
  { amount: '0.0000005', fee: '0.000000001' },   // truncation gives 0
  { amount: '0.0000025', fee: '0.000000003' },   // half-even gives 0.000000002
  { amount: '1.2345675', fee: '0.001234568' },   // half-even gives 0.001234568, truncation 0.001234567
] as const;

/** A decimal string as an exact fraction: digits and scale; null when it is not a plain decimal. */
function exact(text: unknown): { digits: bigint; scale: number } | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const frac = m[2] ?? '';
  return { digits: BigInt(m[1] + frac), scale: frac.length };
}
function sameValue(a: unknown, b: unknown): boolean {
  const x = exact(a);
  const y = exact(b);
  if (!x || !y) return false;
  const scale = Math.max(x.scale, y.scale);
  return x.digits * 10n ** BigInt(scale - x.scale) === y.digits * 10n ** BigInt(scale - y.scale);
}
const feeOf = (res: HttpExchange): unknown => (isObject(res.body) ? res.body.fee : undefined);

export const numberLiteralCheck = defineCheck({
  id: 'INT-NUMBER-LITERAL',
  layer: 'integration',
  title: 'A JSON number is read by its literal, and computed money is rounded half-up to 9 digits (#37 fees)',
  criteria: ['IT-API-1'],
  endpoint: FEE.id,
  rules: ['VAL-5', 'SER-6'],
  dependsOn: ROUTED,
  minJudged: 1 + HALF_CASES.length,
  async run(ctx) {
    const problems = new Problems(ctx);
    const ask = async (raw: string, note: string) =>
      problems.judge(await askRoute(ctx, FEE, { as: null, raw, contentType: 'application/json', note: `#37 ${note}` }));
    const computed = (res: HttpExchange | null): res is HttpExchange => res !== null && res.status === 200 && exact(feeOf(res)) !== null;
    // VAL-5: the decimal string is the reference the JSON number must match (a valid §4 amount either way).
    const asText = await ask(JSON.stringify({ amount: LONG_LITERAL }), `amount "${LONG_LITERAL}" as a string`);
    const asNumber = await ask(`{"amount":${LONG_LITERAL}}`, `amount ${LONG_LITERAL} as a JSON number`);
    if (computed(asText) && asNumber) {
      const text = `#37 amount ${LONG_LITERAL} as a JSON number`;
      if (!computed(asNumber)) problems.add({ rule: 'VAL-5', endpoint: FEE.id, text: `${text}: ${brief(asNumber)}, while the same literal as a decimal string got its fee` }, asText, asNumber);
      else if (!sameValue(feeOf(asText), feeOf(asNumber))) {
        problems.add({ rule: 'VAL-5', endpoint: FEE.id, text: `${text}: fee ${JSON.stringify(feeOf(asNumber))}, as a decimal string ${JSON.stringify(feeOf(asText))}: the number was not read by its literal` }, asText, asNumber);
      }
    } else if (asText) problems.unusable(`#37 refused the decimal string (${asText.status})`);
    for (const c of HALF_CASES) {
      const res = await ask(JSON.stringify({ amount: c.amount }), `amount "${c.amount}"`);
      if (res && !(computed(res) && sameValue(feeOf(res), c.fee))) {
        problems.add({ rule: 'SER-6', endpoint: FEE.id, text: `#37 amount "${c.amount}": fee ${brief(res)}, expected ${c.fee} (amount × 10 / 10000 rounded half-up to 9 digits)` }, res);
      }
    }
    return problems.finish('a long JSON number read by its literal; fees rounded half-up to 9 digits', 'fees equal for the number and its literal; half-up rounding',
      { minJudged: 1 + HALF_CASES.length });
  },
});
