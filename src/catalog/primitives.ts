import { z } from 'zod';

/**
 * Value rules shared by request and response schemas: §4 (input validation) for requests,
 * §11 (serialization) for responses. Endpoint files compose these; nothing restates a rule.
 */

// ---- request side (§4) ----

const AMOUNT_STRING = /^(\d{1,27})(\.\d{1,9})?$/;

function positiveDecimal(text: string): boolean {
  return /[1-9]/.test(text);
}

/** §4 amount: a JSON number or a decimal string, > 0, at most 27 integer and 9 fraction digits. */
export const amountInput = z.union([
  z.string().regex(AMOUNT_STRING, 'amount must be a decimal string').refine(positiveDecimal, 'amount must be > 0'),
  z.number().refine((n) => Number.isFinite(n) && n > 0 && AMOUNT_STRING.test(plainDecimal(n)),
    'amount must be a positive number with at most 27 integer and 9 fraction digits'),
]);

/**
 * A JS number as a plain decimal (`1e-7` → `0.0000001`, `1e24` → `1000…0`). VAL-5 reads a JSON
 * number by its literal; the shortest round-trip form is the closest JS keeps of it.
 */
export function plainDecimal(n: number): string {
  const [mantissa, expText] = String(n).split('e');
  if (expText === undefined) return mantissa;
  const exp = Number(expText);
  const [int, frac = ''] = mantissa.split('.');
  const digits = int + frac;
  const point = int.length + exp;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** §4 id: 1–128 characters, no leading or trailing whitespace. */
export const id = z.string().min(1).max(128).refine((s) => s.trim() === s, 'no leading or trailing whitespace');
/** Server-generated ids (pendingTxId, loanId, proposalId) may be up to 256 characters. */
export const serverId = z.string().min(1).max(256).refine((s) => s.trim() === s, 'no leading or trailing whitespace');

/** §4 countryCode: two ASCII letters (either case; the server upper-cases). */
export const countryCode = z.string().regex(/^[A-Za-z]{2}$/, 'two ASCII letters');

/** §4 email: at most 254 characters, `local@domain.tld`, no whitespace. */
export const email = z.string().max(254).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'email shaped local@domain.tld');
export const password = z.string().min(8).max(128);
export const name = z.string().min(1).max(100);
export const remark = z.string().max(256);
export const reason = z.string().min(1).max(256);

/** §4 id array: 1–100 ids, no duplicates. */
export const idArray = z.array(id).min(1).max(100)
  .refine((ids) => new Set(ids).size === ids.length, 'no duplicate ids');

/** Query integers arrive as text; §4 limit 1–100, offset 0–2147483647. */
const queryInt = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'an integer').refine((s) => {
    const n = Number(s);
    return n >= min && n <= max;
  }, `between ${min} and ${max}`);
/** §4 ranges of the query integers (boundary checks read them). */
export const QUERY_RANGES = { limit: [1, 100], offset: [0, 2147483647] } as const;
export const limitQuery = queryInt(...QUERY_RANGES.limit);
export const offsetQuery = queryInt(...QUERY_RANGES.offset);

/** VAL-1: an optional field sent as null counts as absent. */
export const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

// ---- response side (§11) ----

/** SER-2 money: digits, optional `.` and 1–9 fraction digits, no exponent, no sign. */
export const MONEY_PATTERN = /^\d+(\.\d{1,9})?$/;
export const money = z.string().regex(MONEY_PATTERN, 'a decimal string (SER-2)');

/** SER-3 big integers: decimal strings, null when unknown. */
export const blockNumber = z.string().regex(/^\d+$/, 'a decimal string (SER-3)').nullable();

/** SER-4 timestamps: ISO-8601 UTC with milliseconds. */
export const timestamp = z.iso.datetime({ precision: 3 });

/** SER-5 counts: JSON integers. */
export const count = z.number().int().nonnegative();

export const nonEmpty = z.string().min(1);
