/** Exact decimal arithmetic for amounts (numeric(36,9) in the read model, decimal strings on the ledger). */
const SCALE = 9;
const FACTOR = 10n ** BigInt(SCALE);

export function toUnits(value: string | number): bigint {
  const text = String(value).trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a decimal amount: ${text}`);
  const frac = (m[3] ?? '').padEnd(SCALE, '0').slice(0, SCALE);
  const units = BigInt(m[2]) * FACTOR + BigInt(frac || '0');
  return m[1] ? -units : units;
}

export function fromUnits(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  return `${sign}${abs / FACTOR}.${(abs % FACTOR).toString().padStart(SCALE, '0')}`;
}

export const add = (...values: Array<string | number>): string => fromUnits(values.reduce<bigint>((sum, v) => sum + toUnits(v), 0n));
export const sub = (a: string | number, b: string | number): string => fromUnits(toUnits(a) - toUnits(b));
export const same = (a: string | number | null | undefined, b: string | number | null | undefined): boolean =>
  a !== null && a !== undefined && b !== null && b !== undefined && toUnits(a) === toUnits(b);
