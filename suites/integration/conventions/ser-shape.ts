import type { z } from 'zod';
import { blockNumber, count, money, MONEY_PATTERN, timestamp } from '../../../src/catalog/primitives';

/**
 * Which answer fields are money, big integers, timestamps, counts or booleans (§11), read from the
 * catalog's response schemas: they are built from the shared primitives, so a field's schema says
 * its kind. The walk follows the JSON value along the schema and judges each typed leaf.
 */

export type SerKind = 'money' | 'bigint' | 'timestamp' | 'count' | 'boolean';

const RULE_OF: Record<SerKind, string> = { money: 'SER-2', bigint: 'SER-3', timestamp: 'SER-4', count: 'SER-5', boolean: 'SER-5' };

/** SER-4: `2025-01-31T12:00:00.000Z` — UTC (`Z`) with exactly three fraction digits. */
const ISO_MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : `${JSON.stringify(v)} (JSON ${v === null ? 'null' : typeof v})`);

/** Why a value breaks its kind's rule, or null. */
function problem(kind: SerKind, v: unknown, nullable: boolean): string | null {
  if (v === null) return nullable || kind === 'bigint' ? null : `${show(v)}, expected ${expected(kind)}`;
  switch (kind) {
    case 'money': return typeof v === 'string' && MONEY_PATTERN.test(v) ? null : `${show(v)}, expected ${expected(kind)}`;
    case 'bigint': return typeof v === 'string' && /^\d+$/.test(v) ? null : `${show(v)}, expected ${expected(kind)}`;
    case 'timestamp': return typeof v === 'string' && ISO_MS_UTC.test(v) ? null : `${show(v)}, expected ${expected(kind)}`;
    case 'count': return typeof v === 'number' && Number.isFinite(v) ? null : `${show(v)}, expected ${expected(kind)}`;
    case 'boolean': return typeof v === 'boolean' ? null : `${show(v)}, expected ${expected(kind)}`;
  }
}

function expected(kind: SerKind): string {
  switch (kind) {
    case 'money': return 'a decimal string (digits, optional . and 1–9 fraction digits, no exponent or sign)';
    case 'bigint': return 'a decimal string or null';
    case 'timestamp': return 'ISO-8601 UTC with milliseconds (2025-01-31T12:00:00.000Z)';
    case 'count': return 'a JSON number';
    case 'boolean': return 'a JSON boolean';
  }
}

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { def: Def }).def;

/** The kind of a leaf schema (before unwrapping: `blockNumber` is itself nullable). */
function kindOf(s: z.ZodType): SerKind | null {
  if (s === money) return 'money';
  if (s === blockNumber) return 'bigint';
  if (s === timestamp) return 'timestamp';
  if (s === count) return 'count';
  const t = defOf(s).type;
  if (t === 'number') return 'count';
  if (t === 'boolean') return 'boolean';
  return null;
}

export interface SerFinding {
  rule: string;
  /** Field path with array positions folded (`transactions[].amount`). */
  path: string;
  text: string;
}

/** Every §11 breach in `value` read along `schema`; one finding per rule and field path. */
export function serProblems(schema: z.ZodType, value: unknown): SerFinding[] {
  const found = new Map<string, SerFinding & { times: number }>();
  const walk = (s: z.ZodType, v: unknown, path: string, nullable: boolean): void => {
    const kind = kindOf(s);
    if (kind) {
      const why = problem(kind, v, nullable);
      if (!why) return;
      const key = `${RULE_OF[kind]} ${path}`;
      const seen = found.get(key);
      if (seen) seen.times++;
      else found.set(key, { rule: RULE_OF[kind], path, text: `${path || '$'} is ${why}`, times: 1 });
      return;
    }
    const d = defOf(s);
    if ((d.type === 'nullable' || d.type === 'optional') && d.innerType) {
      if (v === null || v === undefined) return;
      walk(d.innerType, v, path, true);
    } else if (d.type === 'object' && d.shape && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const obj = v as Record<string, unknown>;
      for (const [key, child] of Object.entries(d.shape)) if (Object.hasOwn(obj, key)) walk(child, obj[key], path ? `${path}.${key}` : key, false);
    } else if (d.type === 'array' && d.element && Array.isArray(v)) {
      for (const item of v) walk(d.element, item, `${path}[]`, false);
    }
    // Other schema forms (unions, literals, enums, strings) carry no §11 kind.
  };
  walk(schema, value, '', false);
  return [...found.values()].map(({ times, ...f }) => (times > 1 ? { ...f, text: `${f.text} (in ${times} items)` } : f));
}

/** Whether a schema has any leaf §11 judges (a 202 `{commandId, message}` has none). */
export function hasSerFields(schema: z.ZodType): boolean {
  if (kindOf(schema)) return true;
  const d = defOf(schema);
  if (d.innerType) return hasSerFields(d.innerType);
  if (d.shape) return Object.values(d.shape).some(hasSerFields);
  if (d.element) return hasSerFields(d.element);
  return false;
}
