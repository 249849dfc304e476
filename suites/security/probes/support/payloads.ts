import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The versioned payload sets of the active probes (`fixtures/payloads/*.json`): data, not code, so
 * a reviewer reads what was sent and a run's measurements name the set and version it used.
 */

const dir = new URL('../../../../fixtures/payloads/', import.meta.url);
const header = { name: z.string(), version: z.string(), note: z.string() };

function load<T extends z.ZodType>(file: string, schema: T): z.output<T> {
  const parsed = schema.safeParse(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
  if (!parsed.success) throw new Error(`fixtures/payloads/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

const context = z.enum(['string', 'numeric']);

export const SQLI = load('sqli.json', z.object({
  ...header,
  error: z.array(z.string()).min(1),
  boolean: z.array(z.object({ context, true: z.string(), false: z.string() })).min(1),
  time: z.array(z.object({ context, payload: z.string() })).min(1),
  union: z.array(z.object({ payload: z.string(), marker: z.string() })),
  sleepSeconds: z.number().int().min(1).max(5),
}));

export const NOSQL = load('nosql.json', z.object({
  ...header,
  operators: z.array(z.record(z.string(), z.unknown())).min(1),
  confusion: z.array(z.unknown()),
  numbers: z.array(z.string()),
  queryForms: z.array(z.string()),
}));

export const POLLUTION = load('prototype-pollution.json', z.object({
  ...header,
  marker: z.string(),
  // Kept as text: JSON.parse makes `__proto__` an own key, which is what goes on the wire.
  bodies: z.array(z.unknown()).min(1),
  nested: z.array(z.unknown()),
}));

export const HEADERS = load('headers.json', z.object({
  ...header,
  spoofHost: z.string(),
  spoofHeaders: z.array(z.string()),
  tenantHeaders: z.array(z.string()),
  crlf: z.array(z.string()),
  injectedHeader: z.string(),
  methodOverrideHeaders: z.array(z.string()),
  traceMethods: z.array(z.string()),
}));

export const RESOURCES = load('resources.json', z.object({
  ...header,
  depth: z.number().int().positive(),
  arrayLength: z.number().int().positive(),
  stringBytes: z.number().int().positive(),
  answerWithinMs: z.number().int().positive(),
  slowConnections: z.number().int().min(1).max(8),
  slowDeclaredBytes: z.number().int().positive(),
  slowSentBytes: z.number().int().nonnegative(),
}));

export const JWT = load('jwt.json', z.object({
  ...header,
  kid: z.array(z.object({ kid: z.string(), key: z.string() })).min(1),
  benignKids: z.array(z.string()),
}));

export const AUTH = load('auth.json', z.object({
  ...header,
  timingTries: z.number().int().min(30),
  maxTimingDifferenceMs: z.number().positive(),
  maxFailuresPerKnownEmail: z.number().int().min(1).max(9),
  throttleAfter: z.number().int().positive(),
  wrongPassword: z.string().min(8),
}));

/** `name@version` of a set, for measurements. */
export const setId = (set: { name: string; version: string }): string => `${set.name}@${set.version}`;

/** A payload template filled with the slot's harmless value and the sleep. */
export function fill(template: string, base: string, seconds = 0): string {
  return template.replaceAll('{base}', base).replaceAll('{s}', String(seconds));
}
