import { request } from 'undici';
import type { EvidenceItem } from '../../../src/evidence/types';
import { excerpt, redactedAuthorization } from '../../../src/clients/http';
import { regionDispatcher } from '../../../src/profile/dispatcher';
import { maskSecret } from '../../../src/secrets/mask';
import type { RegionTarget } from '../../../src/profile/target';
import { recordExchange } from '../../../src/run/exchange-log';

/**
 * The security layer's HTTP client. Unlike the integration client (supertest) it keeps every
 * header line as sent (duplicates stay visible: EDGE-4 "exactly once"), never follows redirects,
 * and dials through the region's dispatcher (profile CA, connectTo with SNI), so it works
 * through a TLS edge reached under its public host name.
 */

export interface RawReply {
  status: number;
  /** Lower-case header name → every value received, in order. */
  headers: Record<string, string[]>;
  text: string;
  json: unknown;
  durationMs: number;
  evidence: EvidenceItem;
}

export interface RawRequest {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  token?: string | null;
  note?: string;
  timeoutMs?: number;
  /** Skip the edge pacer (only the rate-limit burst, which must exceed the limit on purpose). */
  unpaced?: boolean;
  /** Catalog endpoint id (`#3`, `I5`), for the run's exchange log. */
  endpoint?: string;
}

/**
 * All traffic from this process to one edge shares its per-IP limit (RL-1: 10 r/s, burst 20).
 * Requests through an edge are paced to 8 r/s with a burst of 8, so concurrent checks never
 * trip the limit they are not testing.
 */
const PACE_PER_SECOND = 8;
const PACE_BURST = 8;
const buckets = new Map<string, { tokens: number; at: number; queue: Promise<void> }>();

export function pace(edgeUrl: string): Promise<void> {
  let b = buckets.get(edgeUrl);
  if (!b) buckets.set(edgeUrl, (b = { tokens: PACE_BURST, at: Date.now(), queue: Promise.resolve() }));
  const bucket = b;
  const turn = bucket.queue.then(async () => {
    const refill = () => {
      const now = Date.now();
      bucket.tokens = Math.min(PACE_BURST, bucket.tokens + ((now - bucket.at) / 1000) * PACE_PER_SECOND);
      bucket.at = now;
    };
    refill();
    if (bucket.tokens < 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(((1 - bucket.tokens) / PACE_PER_SECOND) * 1000)));
      refill();
    }
    bucket.tokens -= 1;
  });
  bucket.queue = turn;
  return turn;
}

/** After a deliberate burst: the edge's bucket is empty, so ours starts empty too. */
export function drainPacer(edgeUrl: string): void {
  buckets.set(edgeUrl, { tokens: 0, at: Date.now(), queue: buckets.get(edgeUrl)?.queue ?? Promise.resolve() });
}

/** The one value of a header, or undefined; several values are joined with ", ". */
export function header(reply: RawReply, name: string): string | undefined {
  const values = reply.headers[name.toLowerCase()];
  return values === undefined ? undefined : values.join(', ');
}

export function headerCount(reply: RawReply, name: string): number {
  return reply.headers[name.toLowerCase()]?.length ?? 0;
}

/** Tokens in bodies (I1/I2 answers, refresh requests) are shown masked in evidence. */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+/g;
const maskTokens = (text: string) => text.replace(JWT, (token) => maskSecret(token));

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try { return JSON.parse(text); } catch { return undefined; }
}

export async function sendRaw(region: RegionTarget, req: RawRequest): Promise<RawReply> {
  const method = (req.method ?? 'GET').toUpperCase();
  const sent: Record<string, string> = { ...(req.headers ?? {}) };
  const shown: Record<string, string> = { ...sent };
  if (req.token) {
    sent.authorization = `Bearer ${req.token}`;
    shown.authorization = redactedAuthorization(sent.authorization);
  }
  if (req.body !== undefined && !Object.keys(sent).some((k) => k.toLowerCase() === 'content-type')) {
    sent['content-type'] = 'application/json';
    shown['content-type'] = 'application/json';
  }
  const timeout = req.timeoutMs ?? 10_000;
  if (region.edgeUrl && !req.unpaced && new URL(req.url).origin === new URL(region.edgeUrl).origin) await pace(region.edgeUrl);
  const started = performance.now();
  const res = await request(req.url, {
    method: method as 'GET',
    headers: sent,
    body: req.body,
    dispatcher: regionDispatcher(region),
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  const text = await res.body.text();
  const durationMs = Math.round(performance.now() - started);
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  const requestLines = [`${method} ${req.url}`, ...Object.entries(shown).map(([k, v]) => `${k}: ${v}`)];
  if (req.body !== undefined) requestLines.push('', maskTokens(excerpt(req.body)));
  const headerLines = Object.entries(headers).flatMap(([k, vs]) => vs.map((v) => `${k}: ${v}`));
  const evidence = {
    note: req.note,
    request: requestLines.join('\n'),
    response: maskTokens([`HTTP ${res.statusCode} (${durationMs} ms)`, ...headerLines, '', excerpt(text)].join('\n')),
  };
  recordExchange({ endpoint: req.endpoint ?? null, method, url: req.url, status: res.statusCode, responseHeaders: headers, body: text, durationMs, evidence });
  return { status: res.statusCode, headers, text, json: parseJson(text), durationMs, evidence };
}
