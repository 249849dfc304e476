import fc from 'fast-check';
import type { Limit } from './limits';

/**
 * The edge values of one limit: min−1, min, max, max+1 (lengths, integers, array sizes), the
 * digit and decimal-place edges of amounts, plus a few fast-check samples from inside and outside
 * the range (fixed seed, so a run is reproducible; the edges are always among them, not left to
 * chance).
 */
/** `group`: valid edges of one route with the same group are sent together in one request (min, max, sampled). */
export interface Edge { value: unknown; valid: boolean; label: string; group?: 'min' | 'max' | 'sampled' }

export const BOUNDARY_SEED = 20_261_210;

/** Letters and digits, random: a value accepted at an edge must not collide with another run's (unique phone numbers). */
const text = (n: number) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');

/** Array elements: ids by default; `duplicate` is a pair equal where the route compares them (codes after upper-casing). */
export interface ArrayUnits { unit(i: number): unknown; duplicate: unknown[] }
const ID_UNITS: ArrayUnits = { unit: (i) => `gxv-edge-${i}`, duplicate: ['gxv-edge-0', 'gxv-edge-0'] };

export function edgesOf(limit: Limit, units: ArrayUnits = ID_UNITS): Edge[] {
  const unit = units.unit;
  switch (limit.kind) {
    case 'length': {
      const inside = fc.sample(fc.integer({ min: limit.min, max: limit.max }), { seed: BOUNDARY_SEED, numRuns: 1 });
      return [
        ...(limit.min > 0 ? [{ value: text(limit.min - 1), valid: false, label: `length ${limit.min - 1} (min−1)` }] : []),
        { value: text(Math.max(limit.min, 1)), valid: true, label: `length ${Math.max(limit.min, 1)} (min)`, group: 'min' },
        { value: text(limit.max), valid: true, label: `length ${limit.max} (max)`, group: 'max' },
        { value: text(limit.max + 1), valid: false, label: `length ${limit.max + 1} (max+1)` },
        ...inside.map((n) => ({ value: text(Math.max(n, 1)), valid: true, label: `length ${Math.max(n, 1)} (sampled)`, group: 'sampled' as const })),
      ];
    }
    case 'integer': {
      // "integer ≥ 1" (requiredApprovers): no upper edge to probe.
      if (limit.max >= Number.MAX_SAFE_INTEGER) return [{ value: limit.min - 1, valid: false, label: `${limit.min - 1} (min−1)` }, { value: limit.min, valid: true, label: `${limit.min} (min)`, group: 'min' }];
      const inside = fc.sample(fc.integer({ min: limit.min, max: limit.max }), { seed: BOUNDARY_SEED, numRuns: 1 });
      const above = fc.sample(fc.integer({ min: limit.max + 2, max: limit.max + 1_000_000 }), { seed: BOUNDARY_SEED, numRuns: 1 });
      return [
        { value: limit.min - 1, valid: false, label: `${limit.min - 1} (min−1)` },
        { value: limit.min, valid: true, label: `${limit.min} (min)`, group: 'min' },
        { value: limit.max, valid: true, label: `${limit.max} (max)`, group: 'max' },
        { value: limit.max + 1, valid: false, label: `${limit.max + 1} (max+1)` },
        ...inside.map((n) => ({ value: n, valid: true, label: `${n} (sampled)`, group: 'sampled' as const })),
        ...above.map((n) => ({ value: n, valid: false, label: `${n} (sampled, above max)` })),
      ];
    }
    case 'array': {
      const of = (n: number) => Array.from({ length: n }, (_, i) => unit(i));
      return [
        ...(limit.min > 0 ? [{ value: of(limit.min - 1), valid: false, label: `${limit.min - 1} elements (min−1)` }] : []),
        { value: of(limit.max), valid: true, label: `${limit.max} elements (max)`, group: 'max' },
        { value: of(limit.max + 1), valid: false, label: `${limit.max + 1} elements (max+1)` },
        { value: units.duplicate, valid: false, label: 'two equal elements (no duplicates)' },
      ];
    }
    case 'amount':
      return [
        { value: '0.000000001', valid: true, label: 'the smallest amount (9 fraction digits)', group: 'min' },
        { value: `${'9'.repeat(27)}.${'9'.repeat(9)}`, valid: true, label: '27 integer and 9 fraction digits (max)', group: 'max' },
        { value: '0.0000000001', valid: false, label: '10 fraction digits (max+1)' },
        { value: '1'.repeat(28), valid: false, label: '28 integer digits (max+1)' },
        { value: '0', valid: false, label: 'zero' },
      ];
    case 'countryCode':
      return [
        { value: 'X', valid: false, label: 'one letter' },
        { value: 'XQZ', valid: false, label: 'three letters' },
      ];
  }
}
