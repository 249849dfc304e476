import { ChaincodeError } from './context';

/**
 * Exact money arithmetic for the ledger: amounts are decimal strings held as BigInt units of 1e-9
 * (numeric(36,9) in the read model). Computed values round half-up to 9 fraction digits (SER-6).
 */
export const SCALE = 1_000_000_000n;
const AMOUNT_RE = /^(\d{1,27})(?:\.(\d{1,9}))?$/;

export function parseAmount(name: string, value: string): bigint {
  const m = AMOUNT_RE.exec(value);
  if (!m) throw new ChaincodeError(`${name} must be a decimal string with at most 9 fraction digits, got ${JSON.stringify(value)}`);
  return BigInt(m[1]) * SCALE + BigInt((m[2] ?? '').padEnd(9, '0'));
}

export function formatAmount(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const int = abs / SCALE;
  const frac = (abs % SCALE).toString().padStart(9, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${int}${frac ? '.' + frac : ''}`;
}

/** round_half_up(units × num / den) for non-negative operands. */
export function mulDivHalfUp(units: bigint, num: bigint, den: bigint): bigint {
  return (units * num * 2n + den) / (den * 2n);
}

/** TOK-3: fee = amount × 10 / 10000, rounded half-up to 9 fraction digits. */
export function transferFee(amount: bigint, perMille = false): bigint {
  // Fault `ledger-fee-per-mille`: the 10 read as per mille (÷ 1000), a fee ten times too high.
  return mulDivHalfUp(amount, 10n, perMille ? 1_000n : 10_000n);
}
