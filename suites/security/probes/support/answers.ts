import { LEAK_PATTERNS } from '../../../integration/validation/error-leak';
import type { ProbeReply } from './client';

/** How the probes read an answer: server errors, database text, route misses, and a comparable form. */

/** Driver and SQL text a literal value never produces (SEC-INJ-1), beyond the ERR-3 patterns. */
const SQL_ERRORS = /unterminated quoted|syntax error at or near|invalid input syntax for|PG::|pq: |SQLSTATE|ERROR:\s+\w+|pg_sleep|current transaction is aborted/i;

export function serverError(reply: ProbeReply): boolean {
  return reply.status >= 500;
}

/**
 * Names of the internals an answer shows (stack, SQL, driver text...), empty when clean. The
 * probe's own values are cut out first: an id echoed back (`proposal-<targetParam>-…`) is not a leak.
 */
export function databaseText(reply: ProbeReply, echoes: readonly string[] = []): string[] {
  const text = strip(reply.text, echoes);
  const found = LEAK_PATTERNS.filter(([, re]) => re.test(text)).map(([name]) => name);
  if (SQL_ERRORS.test(text) && !found.includes('driver text')) found.push('driver text');
  return found;
}

/** HTTP-4's unknown-route answer: the probe did not reach the route it meant (a decoded `/` in a path value). */
export function routeMiss(reply: ProbeReply): boolean {
  const message = (reply.json as { message?: unknown } | undefined)?.message;
  return reply.status === 404 && typeof message === 'string' && /^Route \S+ .* not found$|^Route not found$/.test(message);
}

/** An edge answer that is not about the probe (the rate limit). */
export function edgeNoise(reply: ProbeReply): boolean {
  return reply.status === 429;
}

const VOLATILE = [
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g,
  /\bc[a-z0-9]{20,32}\b/g,
  // Generated suffixes of server-made ids (`multisig-<orgId>-<suffix>`, cuid2 command ids).
  /\b[a-z0-9]{20,40}\b/g,
];

function strip(text: string, echoes: readonly string[]): string {
  let out = text;
  // Longest first, and the JSON-escaped form too: an echoed value is not a different answer.
  for (const echo of [...echoes].filter((e) => e.length > 0).sort((a, b) => b.length - a.length)) {
    for (const form of [echo, JSON.stringify(echo).slice(1, -1), encodeURIComponent(echo)]) out = out.split(form).join('<echo>');
  }
  for (const re of VOLATILE) out = out.replace(re, '<v>');
  return out;
}

/**
 * The answer in a form two literal-equivalent requests share: status plus the body with request
 * ids, timestamps, generated ids and the probe's own values removed. Different forms for two
 * values a literal-treating server sees alike means the value was interpreted.
 */
export function answerForm(reply: ProbeReply, echoes: readonly string[]): string {
  const json = reply.json as Record<string, unknown> | undefined;
  const body = json && typeof json === 'object' && !Array.isArray(json)
    ? JSON.stringify(Object.fromEntries(Object.entries(json).filter(([k]) => k !== 'requestId' && k !== 'commandId')))
    : reply.text;
  return `${reply.status} ${strip(body, echoes)}`;
}

/**
 * True when the database produced `marker`: some occurrence of it stands as a value of its own.
 * An occurrence right after `SELECT` (spaces, SQL comments, quotes or JSON escapes between) is a
 * probe's payload coming back as text — this request's, or one an earlier probe stored in a field
 * this route lists (a remark) — not a UNION's result.
 */
export function markerProduced(text: string, marker: string): boolean {
  const echoed = /select(?:\s|\/\*\*\/|\\?['"`]|%2[027]|\+)*$/i;
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) {
    if (!echoed.test(text.slice(Math.max(0, at - 40), at))) return true;
  }
  return false;
}

/** `error`/`message` of an E1 answer, for comparing refusals. */
export function refusal(reply: ProbeReply): string {
  const json = reply.json as { error?: unknown; message?: unknown } | undefined;
  return `${reply.status} ${String(json?.error ?? '')}: ${String(json?.message ?? reply.text.slice(0, 120))}`;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
