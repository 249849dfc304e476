import { REASON_PHRASES } from '../../../src/catalog/envelope';
import type { HttpExchange } from '../../../src/clients/http';

/** E1 (contract §2.2): every 4xx/5xx is `{error: <reason phrase>, message}`; the phrases live in the catalog. */
export { REASON_PHRASES };

export const JSON_UTF8 = /^application\/json;\s*charset=utf-8$/i;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Why `res` is not an E1 error with one of `statuses` (null when it is). The message, when given,
 * must equal the expected text or start with it (HTTP-2 allows an appended position).
 */
export function envelopeProblem(res: HttpExchange, statuses: readonly number[], message?: string | RegExp): string | null {
  if (!statuses.includes(res.status)) return `status ${res.status}, expected ${statuses.join(' or ')}`;
  const type = res.headers['content-type'] ?? '';
  if (!/^application\/json/i.test(type)) return `content-type "${type}", expected application/json (E1)`;
  const body = res.body;
  if (!isObject(body)) return 'body is not a JSON object (E1)';
  if (body.error !== REASON_PHRASES[res.status]) {
    return `error field ${JSON.stringify(body.error)}, expected "${REASON_PHRASES[res.status]}" (E1)`;
  }
  if (typeof body.message !== 'string' || body.message === '') return 'message missing or not a string (E1)';
  if (message instanceof RegExp && !message.test(body.message)) {
    return `message "${body.message}" does not match ${message}`;
  }
  if (typeof message === 'string' && body.message !== message && !body.message.startsWith(message)) {
    return `message "${body.message}", expected "${message}"`;
  }
  return null;
}

/** A short "status + body" line for failure summaries. */
export function brief(res: HttpExchange): string {
  const text = res.text.length > 200 ? `${res.text.slice(0, 200)}…` : res.text;
  return `${res.status} ${text}`;
}

/**
 * The rule an envelope problem shows broken: a 5xx is ERR-5 whatever was asked (no client input
 * produces one); a wrong shape or content type is ERR-1 (E1); otherwise the rule the check probes.
 */
export function brokenRule(res: { status: number }, problem: string, probed: string): string {
  if (res.status >= 500) return 'ERR-5';
  if (/\(E1\)|content-type/.test(problem)) return 'ERR-1';
  return probed;
}
