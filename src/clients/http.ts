import request from 'supertest';
import type { EvidenceItem } from '../evidence/types';
import { recordExchange } from '../run/exchange-log';

/**
 * The HTTP client of the integration checks: supertest against a base URL from the profile,
 * with a per-request timeout and every exchange kept as an EvidenceItem (request, response,
 * curl line). The Authorization value is never written into evidence: the runner's redactor is
 * the second line of defence, not the first.
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
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const EXCERPT = 1500;

/**
 * Evidence never carries credentials in bodies either: token, password and secret fields and
 * JWT-looking strings are masked here (the runner's redactor then removes profile secrets).
 */
export function maskCredentials(text: string): string {
  return text
    .replace(/("[A-Za-z0-9_-]*(?:token|password|secret)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, '$1"<redacted>"')
    .replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '<redacted-jwt>');
}

export function excerpt(text: string, max = EXCERPT): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

/** The Authorization header as evidence shows it: scheme kept, credential redacted. */
export function redactedAuthorization(value: string): string {
  const scheme = value.split(' ')[0];
  if (value.trim() === '') return '<empty>';
  if (scheme === value) return '<redacted>';
  return `${scheme} <redacted>`;
}

function bodyText(req: HttpRequest): string | undefined {
  if (req.raw !== undefined) return Buffer.isBuffer(req.raw) ? `<${req.raw.length} bytes>` : maskCredentials(req.raw);
  if (req.json !== undefined) return maskCredentials(JSON.stringify(req.json));
  return undefined;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function curlLine(req: HttpRequest, headers: Record<string, string>, body: string | undefined): string {
  const parts = ['curl', '-sS', '-i', '-X', req.method.toUpperCase(), shellQuote(req.baseUrl + req.path)];
  for (const [k, v] of Object.entries(headers)) parts.push('-H', shellQuote(`${k}: ${v}`));
  if (req.raw !== undefined && Buffer.isBuffer(req.raw)) {
    parts.push('--data-binary', `@<(head -c ${req.raw.length} /dev/zero | tr '\\0' ' ')`);
  } else if (body !== undefined) {
    parts.push('--data-binary', shellQuote(excerpt(body, 4000)));
  }
  return parts.join(' ');
}

function collectText(res: NodeJS.ReadableStream & { setEncoding(e: string): void }, cb: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => { text += chunk; });
  res.on('end', () => cb(null, text));
  res.on('error', (err: Error) => cb(err, text));
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
  const agent = request(req.baseUrl) as unknown as Record<string, (path: string) => request.Test>;
  const method = req.method.toLowerCase();
  if (typeof agent[method] !== 'function') throw new Error(`Unsupported HTTP method ${req.method}`);
  let test = agent[method](req.path).timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (req.ca) test = test.ca(req.ca);
  if (req.connectTo) {
    const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(req.connectTo);
    if (!m) throw new Error(`connectTo must be host:port, got ${req.connectTo}`);
    test = test.connect({ [new URL(req.baseUrl).hostname]: { host: m[1], port: Number(m[2]) } });
  }
  for (const [k, v] of Object.entries(sent)) test = test.set(k, v);
  test = test.buffer(true).parse(collectText as never);
  if (body !== undefined) test = test.send(body as never);

  const started = performance.now();
  const res = await test;
  const durationMs = Math.round(performance.now() - started);
  const text = typeof res.body === 'string' ? res.body : '';
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers as Record<string, string | string[]>)) {
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  const shownBody = bodyText(req);
  const requestLines = [`${req.method.toUpperCase()} ${req.baseUrl}${req.path}`,
    ...Object.entries(shown).map(([k, v]) => `${k}: ${v}`)];
  if (shownBody !== undefined) requestLines.push('', excerpt(shownBody));
  const keptHeaders = ['content-type', 'allow', 'retry-after', 'idempotent-replayed', 'x-request-id', 'www-authenticate'];
  const responseLines = [`HTTP ${res.status} (${durationMs} ms)`,
    ...keptHeaders.filter((h) => headers[h] !== undefined).map((h) => `${h}: ${headers[h]}`), '', excerpt(maskCredentials(text))];
  const evidence = {
    note: req.note,
    request: requestLines.join('\n'),
    response: responseLines.join('\n'),
    reproduce: curlLine(req, shown, shownBody),
  };
  recordExchange({
    endpoint: req.endpoint ?? null, method: req.method.toUpperCase(), url: req.baseUrl + req.path, status: res.status,
    responseHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])), body: text, durationMs, evidence,
  });
  return { status: res.status, headers, text, body: parseJson(text), durationMs, evidence };
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
