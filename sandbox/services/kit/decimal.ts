/**
 * Exact decimal money (SER-2, SER-6): values are carried as bigint scaled by 10^9, never as floats.
 */
export const SCALE_DIGITS = 9;
const SCALE = 10n ** BigInt(SCALE_DIGITS);
const AMOUNT_TEXT = /^(\d{1,27})(?:\.(\d{1,9}))?$/;

/** "12.5" → 12500000000n; null when the text is not a plain decimal with at most 9 fraction digits. */
export function toScaled(text: string): bigint | null {
  const m = AMOUNT_TEXT.exec(text);
  if (m === null) return null;
  const fraction = (m[2] ?? '').padEnd(SCALE_DIGITS, '0');
  return BigInt(m[1]) * SCALE + BigInt(fraction);
}

/** 12500000000n → "12.5" (no exponent, no trailing fraction zeros). */
export function fromScaled(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(SCALE_DIGITS, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction.length > 0 ? `.${fraction}` : ''}`;
}

/** A database numeric text ("100.000000000") in its short form ("100"). */
export function normalizeDecimal(text: string): string {
  const scaled = toScaled(text.replace(/^-/, ''));
  if (scaled === null) return text;
  return fromScaled(text.startsWith('-') ? -scaled : scaled);
}

/**
 * The §4 amount rule: a JSON number or a decimal string, > 0, at most 27 integer and 9 fraction
 * digits, no sign, exponent or whitespace. Returns the canonical decimal string or null.
 */
export function parseAmount(value: unknown): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    text = String(value);
    // Small numbers print in exponent form; fixed notation recovers the literal's digits.
    if (/e-/i.test(text)) text = value.toFixed(20).replace(/0+$/, '');
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return null;
  }
  const scaled = toScaled(text);
  if (scaled === null || scaled <= 0n) return null;
  return fromScaled(scaled);
}

/** Fee (TOK-3, #37): amount × 10 / 10000, rounded half-up to 9 fraction digits. */
export function feeOf(amountScaled: bigint): bigint {
  return (amountScaled * 10n + 5_000n) / 10_000n;
}
