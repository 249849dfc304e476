import { normalizeDecimal } from './decimal';

/**
 * Serialization rules of §11. pg returns numeric and int8 as strings and timestamptz as Date;
 * these helpers keep money and block numbers as strings and give timestamps ms precision.
 */

/** SER-2: a money column as a decimal string ("100", "0.5"); null stays null. */
export function money(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return normalizeDecimal(String(value));
}

/** SER-3: a bigint column as a decimal string, null when unknown. */
export function bigintString(value: string | number | bigint | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

/** SER-4: ISO-8601 UTC with milliseconds. */
export function isoTime(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
