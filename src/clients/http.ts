import type { EvidenceItem } from '../evidence/types';
import { recordExchange } from '../run/exchange-log';
import { curlLine, excerpt, maskCredentials, redactedAuthorization } from './evidence';
import { defaultTimeoutMs } from './agents';
import { exchange, retryEvidence } from './transport';

export { excerpt, maskCredentials, redactedAuthorization } from './evidence';

/**
 * The HTTP client of the integration checks: undici (transport.ts) against a base URL from the
 * profile, with a per-request timeout and every exchange kept as an EvidenceItem (request,
 * response, curl line). The Authorization value is never written into evidence: the runner's
 * redactor is the second line of defence, not the first.
 */

export interface HttpRequest {
  method: string;
  /** Service base URL (scheme://host:port[/prefix]). */
  baseUrl: string;
  /** Path (with query string, if any) appended to the base URL. */
  path: string;
  /** Bearer token; null/undefined sends no Authorization header. */
  token?: string | null;
  /** A literal Authorization header value (JWT matrix cases); wins over `token`. */
  authorization?: string;
  headers?: Record<string, string>;
  /** JSON body (serialized with JSON.stringify). */
  json?: unknown;
  /** Raw body sent as-is (malformed JSON, oversize bodies, text/plain). */
  raw?: string | Buffer;
  contentType?: string;
  timeoutMs?: number;
  /** A short label for the evidence note (e.g. "INT-JWT-EXPIRED on #3"). */
  note?: string;
  /** Catalog endpoint id (`#3`, `I5`), for the run's exchange log. */
  endpoint?: string;
  /**
   * Retries after a 429 with Retry-After, at most this many times (default 0): an edge's rate
   * limit (RL-1) is not the answer a check asks about. Waits are capped at 5 s each.
   */
  retryOn429?: number;
  /** Extra trusted CA (PEM) for TLS, from the region. */
  ca?: string | null;
  /** Dial this host:port instead of the URL's host (SNI, certificate and Host stay the URL's). */
  connectTo?: string | null;
}

export interface HttpExchange {
  status: number;
  headers: Record<string, string>;
  /** Raw response text. */
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  body: unknown;
  durationMs: number;
  evidence: EvidenceItem;
  /** Transport retries this answer needed (a stale kept-alive connection); also in the evidence note. */
  transportRetries?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const KEPT_HEADERS = ['content-type', 'allow', 'retry-after', 'idempotent-replayed', 'x-request-id', 'www-authenticate'];

function bodyText(req: HttpRequest): string | undefined {
  if (req.raw !== undefined) return Buffer.isBuffer(req.raw) ? `<${req.raw.length} bytes>` : maskCredentials(req.raw);
  if (req.json !== undefined) return maskCredentials(JSON.stringify(req.json));
  return undefined;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try { return JSON.parse(text); } catch { return undefined; }
}

/** Sends one request; network errors and timeouts throw (the runner turns them into `error`). */
export async function send(req: HttpRequest): Promise<HttpExchange> {
  for (let attempt = 0; ; attempt++) {
    const res = await sendOnce(req);
    if (res.status !== 429 || attempt >= (req.retryOn429 ?? 0)) return res;
    const seconds = Number(res.headers['retry-after']);
    await new Promise((resolve) => setTimeout(resolve, Math.min(5, Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000));
  }
}

async function sendOnce(req: HttpRequest): Promise<HttpExchange> {
  const sent: Record<string, string> = { ...(req.headers ?? {}) };
  const shown: Record<string, string> = { ...sent };
  const authorization = req.authorization ?? (req.token ? `Bearer ${req.token}` : undefined);
  if (authorization !== undefined) {
    sent.Authorization = authorization;
    shown.Authorization = redactedAuthorization(authorization);
  }
  const body = req.raw !== undefined ? req.raw : req.json !== undefined ? JSON.stringify(req.json) : undefined;
  if (body !== undefined) {
    const type = req.contentType ?? 'application/json';
    sent['Content-Type'] = type;
    shown['Content-Type'] = type;
  }
  const url = req.baseUrl + req.path;
  const reply = await exchange({
    method: req.method, url, headers: sent, body, timeoutMs: req.timeoutMs ?? defaultTimeoutMs(), ca: req.ca, connectTo: req.connectTo,
  });
  const headers = Object.fromEntries(Object.entries(reply.headers).map(([k, v]) => [k, v.join(', ')]));
  const shownBody = bodyText(req);
  const requestLines = [`${req.method.toUpperCase()} ${url}`, ...Object.entries(shown).map(([k, v]) => `${k}: ${v}`)];
  if (shownBody !== undefined) requestLines.push('', excerpt(shownBody));
  const retried = retryEvidence(req.note, reply.retries);
  const responseLines = [`HTTP ${reply.status} (${reply.durationMs} ms)`, ...retried.lines,
    ...KEPT_HEADERS.filter((h) => headers[h] !== undefined).map((h) => `${h}: ${headers[h]}`), '', excerpt(maskCredentials(reply.text))];
  const evidence: EvidenceItem = {
    note: retried.note,
    request: requestLines.join('\n'),
    response: responseLines.join('\n'),
    reproduce: curlLine(req.method, url, shown, Buffer.isBuffer(req.raw) ? { bytes: req.raw.length } : { text: shownBody }),
  };
  recordExchange({
    endpoint: req.endpoint ?? null, method: req.method.toUpperCase(), url, status: reply.status,
    responseHeaders: reply.headers, body: reply.text, durationMs: reply.durationMs, evidence,
    ...(reply.retries.length ? { transportRetries: reply.retries.length } : {}),
  });
  return {
    status: reply.status, headers, text: reply.text, body: parseJson(reply.text), durationMs: reply.durationMs, evidence,
    ...(reply.retries.length ? { transportRetries: reply.retries.length } : {}),
  };
}

/** Runs `tasks` with at most `limit` in flight; results keep the input order. */
export async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
