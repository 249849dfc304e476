import type { z } from 'zod';
import { amountInput, countryCode } from '../../../src/catalog/primitives';

/**
 * What the catalog's zod schemas say about one field's edges (§4): string lengths, integer
 * ranges, array sizes, amounts. Read from the schemas themselves (zod keeps min/max on strings and
 * numbers, and length checks on arrays), so a catalog change moves the boundaries with it.
 */
export type Limit =
  | { kind: 'length'; min: number; max: number }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'array'; min: number; max: number }
  | { kind: 'amount' }
  | { kind: 'countryCode' };

interface ZodNode {
  _zod: { def: { type: string; innerType?: ZodNode; in?: ZodNode; checks?: Array<{ _zod: { def: { check: string; minimum?: number; maximum?: number } } }> } };
  minLength?: number | null; maxLength?: number | null; minValue?: number | null; maxValue?: number | null; isInt?: boolean;
}

/** optional / nullable / pipe wrappers off. */
function unwrap(schema: z.ZodType): ZodNode {
  let s = schema as unknown as ZodNode;
  for (let i = 0; i < 6; i++) {
    const def = s._zod.def;
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else break;
  }
  return s;
}

export function limitOf(schema: z.ZodType): Limit | null {
  if (schema === (amountInput as z.ZodType) || unwrap(schema) === (amountInput as unknown)) return { kind: 'amount' };
  if (schema === (countryCode as z.ZodType) || unwrap(schema) === (countryCode as unknown)) return { kind: 'countryCode' };
  const s = unwrap(schema);
  switch (s._zod.def.type) {
    case 'string':
      return typeof s.maxLength === 'number' ? { kind: 'length', min: s.minLength ?? 0, max: s.maxLength } : null;
    case 'number':
      return s.isInt && typeof s.minValue === 'number' && Number.isFinite(s.minValue)
        ? { kind: 'integer', min: s.minValue, max: typeof s.maxValue === 'number' && Number.isFinite(s.maxValue) ? s.maxValue : Number.MAX_SAFE_INTEGER } : null;
    case 'array': {
      const checks = (s._zod.def.checks ?? []).map((c) => c._zod.def);
      const min = checks.find((c) => c.check === 'min_length')?.minimum;
      const max = checks.find((c) => c.check === 'max_length')?.maximum;
      return typeof min === 'number' && typeof max === 'number' ? { kind: 'array', min, max } : null;
    }
    default:
      return null;
  }
}
