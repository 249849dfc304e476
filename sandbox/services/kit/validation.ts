import { z } from 'zod';
import type { ServiceDeps } from '../deps';
import type { FaultName } from '../../faults/catalog';
import { parseAmount } from './decimal';
import { HttpError } from './envelope';
import { requiredMessage } from './convention-faults';
import { plainLiteral } from './number-literals';

/**
 * One input field: a zod schema plus how the route words its failure (VAL-6).
 * `invalid` is the message for a present but invalid value; default "<field> is invalid".
 */
export interface Field<T = unknown, Optional extends boolean = boolean> {
  schema: z.ZodType<T>;
  optional: Optional;
  kind?: 'id';
  /** VAL-5: a JSON number is read by its literal (amounts). */
  literal?: true;
  invalid?: string | ((value: unknown) => string);
  fallback?: T;
  /** Fault that lets any string value through unchecked (e.g. `validation-5xx` on #1's amount). */
  bypass?: FaultName;
  /** A looser schema used while its fault is on (boundary faults: an edge off by one). */
  lenient?: { fault: FaultName; schema: z.ZodType<T> };
  /** Fault that lets a JSON object through as a query filter (`nosql-operator` on #1's toUserId). */
  operators?: FaultName;
}
export type Fields = Record<string, Field>;
type Out<F> = F extends Field<infer T, infer O> ? (O extends true ? T | undefined : T) : never;
export type Parsed<S extends Fields> = { [K in keyof S]: Out<S[K]> };

// Postgres rejects NUL in text and jsonb: refusing it here keeps such input a 400, never a 500.
const noNul = (s: string) => !s.includes('\u0000');
const text = (min: number, max: number) => z.string().min(min).max(max).refine(noNul);
const field = <T>(schema: z.ZodType<T>, extra: Partial<Field<T, false>> = {}): Field<T, false> => ({ schema, optional: false, ...extra });

/** Field builders for the §4 types. */
export const f = {
  id: (max = 128) =>
    field(z.string().min(1).max(max).refine((s) => s.trim() === s && !/[\u0000-\u001f\u007f]/.test(s)), { kind: 'id' }),
  amount: () =>
    field(
      z.unknown().transform((value, ctx) => {
        const parsed = parseAmount(value);
        if (parsed === null) ctx.addIssue({ code: 'custom', message: 'invalid amount' });
        return parsed ?? '';
      }),
      // Fault `amount-precision-unchecked`: 10 fraction digits and 28 integer digits pass as they come.
      { literal: true, lenient: { fault: 'amount-precision-unchecked', schema: z.string().regex(/^\d{1,28}(\.\d{1,10})?$/).refine((s) => /[1-9]/.test(s)) } },
    ),
  countryCode: () => field(z.string().regex(/^[A-Za-z]{2}$/).transform((s) => s.toUpperCase())),
  boolean: () => field(z.boolean()),
  integer: (min: number, max: number) =>
    // Fault `integer-bounds-off-by-one`: min−1 and max+1 are taken.
    field(z.number().int().min(min).max(max), { lenient: { fault: 'integer-bounds-off-by-one', schema: z.number().int().min(min - 1).max(max + 1) } }),
  email: () => field(z.string().max(254).regex(/^[^\s@]+@[^\s@]+\.[^\s@.]+$/).refine(noNul).transform((s) => s.toLowerCase())),
  password: () => field(text(8, 128)),
  /** Any string up to max characters (for values that never reach the database as text). */
  string: (max = 10_000) => field(z.string().max(max)),
  name: () => field(text(1, 100)),
  text: (min: number, max: number) => field(text(min, max)),
  remark: () => field(text(0, 256)),
  reason: () => field(text(1, 256)),
  oneOf: <const V extends readonly [string, ...string[]]>(values: V) => field(z.enum(values)),
  idArray: () => {
    const element = z.string().min(1).max(128).refine((s) => s.trim() === s && noNul(s));
    const unique = (a: string[]) => new Set(a).size === a.length;
    // Fault `id-array-size-unchecked`: arrays of any size are taken.
    return field(z.array(element).min(1).max(100).refine(unique), { lenient: { fault: 'id-array-size-unchecked', schema: z.array(element).min(1).refine(unique) } });
  },
  /** A query-string integer (digits only) within a range, e.g. limit/offset. */
  queryInt: (min: number, max: number, fallback: number) =>
    field(z.string().regex(/^\d{1,10}$/).transform(Number).pipe(z.number().int().min(min).max(max)), { fallback }),
};

export function optional<T>(base: Field<T, false>): Field<T, true> {
  return { ...base, optional: true };
}

export function withMessage<T, O extends boolean>(base: Field<T, O>, invalid: Field<T, O>['invalid']): Field<T, O> {
  return { ...base, invalid };
}

export function withBypass<T, O extends boolean>(base: Field<T, O>, bypass: FaultName): Field<T, O> {
  return { ...base, bypass };
}

export function withOperators<T, O extends boolean>(base: Field<T, O>, operators: FaultName): Field<T, O> {
  return { ...base, operators };
}

export interface ParseOptions {
  /** Message when a required field is missing or null (default "<field> is required"). */
  required?: string;
  /** Params: fault `error-leak` lets path ids through unchecked (no length check). */
  pathIds?: boolean;
}

/**
 * Validates `input` against `spec` in declaration order: all required fields present first, then
 * each value. Only declared keys come out (VAL-2); null counts as absent (VAL-1).
 */
export function parseFields<S extends Fields>(deps: ServiceDeps, spec: S, input: Record<string, unknown>, options: ParseOptions = {}): Parsed<S> {
  const entries = Object.entries(spec);
  const missing = entries.find(([name, fld]) => !fld.optional && fld.fallback === undefined && (input[name] === undefined || input[name] === null));
  if (missing) throw new HttpError(400, requiredMessage(deps.faults, options.required ?? `${missing[0]} is required`));
  const out: Record<string, unknown> = {};
  for (const [name, fld] of entries) {
    const given = Object.hasOwn(input, name) ? input[name] : undefined;
    // Fault `number-literal-as-double`: the parsed double is taken instead of the literal.
    const literal = fld.literal && typeof given === 'number' && !deps.faults.isOn('number-literal-as-double') ? plainLiteral(input, name) : null;
    const value = literal ?? given;
    if (value === undefined || value === null) {
      out[name] = fld.fallback;
      continue;
    }
    const unchecked = (fld.bypass !== undefined && deps.faults.isOn(fld.bypass)) || (options.pathIds === true && fld.kind === 'id' && deps.faults.isOn('error-leak'));
    if (unchecked && typeof value === 'string') {
      out[name] = value;
      continue;
    }
    if (fld.operators !== undefined && deps.faults.isOn(fld.operators) && typeof value === 'object' && !Array.isArray(value)) {
      out[name] = value;
      continue;
    }
    const schema = fld.lenient && deps.faults.isOn(fld.lenient.fault) ? fld.lenient.schema : fld.schema;
    const result = schema.safeParse(value);
    if (!result.success) {
      const message = typeof fld.invalid === 'function' ? fld.invalid(value) : (fld.invalid ?? `${name} is invalid`);
      throw new HttpError(400, message);
    }
    out[name] = result.data;
  }
  return out as Parsed<S>;
}
