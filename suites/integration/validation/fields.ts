import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Invalid-value generation for the fuzz check. Candidates come from two sources: the §4 rejection
 * list (missing, null, wrong types, "false" for booleans, bad amounts, over-long strings, bad
 * limit/offset) and fast-check samples with a fixed seed. The catalog's zod schema is the oracle:
 * only values it rejects are sent, so a failure always means "the target accepted or crashed on
 * input the contract rejects".
 */

export const FUZZ_SEED = 20_261_201;
/** fast-check samples per field (bounded so the layer stays fast). */
export const SAMPLES_PER_FIELD = 6;

/** A field sentinel meaning "leave the field out". */
export const MISSING = Symbol('missing');
export type Candidate = unknown | typeof MISSING;

interface ZodLike { _zod: { def: { type: string; innerType?: ZodLike; in?: ZodLike; options?: ZodLike[] } }; maxLength?: number | null; shape?: Record<string, ZodLike> }

/** The object shape of a request schema (body, params or query), or null when it is not an object. */
export function shapeOf(schema: z.ZodType | undefined | null): Record<string, z.ZodType> | null {
  const s = schema as unknown as ZodLike | undefined | null;
  if (!s || s._zod.def.type !== 'object' || !s.shape) return null;
  return s.shape as unknown as Record<string, z.ZodType>;
}

/** The longest string the field's schema allows, when it says (through optional/nullable wrappers). */
export function maxLengthOf(schema: z.ZodType): number | null {
  let s = schema as unknown as ZodLike;
  for (let i = 0; i < 5; i++) {
    const def = s._zod.def;
    if (def.type === 'string') return typeof s.maxLength === 'number' ? s.maxLength : null;
    if (def.innerType) s = def.innerType;
    else if (def.in) s = def.in;
    else return null;
  }
  return null;
}

/** §4 rejection list, applied to every field (the oracle drops the ones valid for that field). */
const FIXED: unknown[] = [
  MISSING, null, true, false, 'false', 'true', 0, 1, -1, 1.5, '', ' ', 'abc', '0', '-5', 'NaN', 'Infinity', '1e5',
  '1.0000000001', '+1', ' 1', '1 ', '1'.repeat(28), {}, [], ['x', 'x'], { nested: 'object' }, 'x'.repeat(300), 'x'.repeat(1100),
];

/** Query parameters arrive as text: §4 limit/offset and id rejections. */
const FIXED_QUERY = ['0', '-1', '1.5', 'abc', '101', '2147483648', '1e2', ' 5'];
/** Path parameters: over-long, surrounding whitespace, not two letters for country codes. */
const FIXED_PATH = ['x'.repeat(300), ' padded ', 'A', 'ABC', '1A', 'a b'];

export function bodyCandidates(field: z.ZodType, index: number): Candidate[] {
  const max = maxLengthOf(field);
  const extra = max !== null ? ['y'.repeat(max + 1)] : [];
  const sampled = fc.sample(
    fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 40 }), fc.integer(), fc.double({ noDefaultInfinity: true })),
    { seed: FUZZ_SEED + index, numRuns: SAMPLES_PER_FIELD },
  );
  return [...FIXED, ...extra, ...sampled];
}

export function queryCandidates(index: number): string[] {
  const sampled = fc.sample(fc.string({ minLength: 1, maxLength: 12 }), { seed: FUZZ_SEED + 1000 + index, numRuns: SAMPLES_PER_FIELD });
  return [...FIXED_QUERY, ...sampled];
}

export function pathCandidates(field: z.ZodType): string[] {
  const max = maxLengthOf(field);
  return [...FIXED_PATH, ...(max !== null ? ['z'.repeat(max + 1)] : [])];
}

export function describe(value: Candidate): string {
  if (value === MISSING) return '(missing)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text;
}
