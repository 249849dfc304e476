import type { EvidenceItem } from '../../../src/evidence/types';
import { excerpt, redactedAuthorization } from '../../../src/clients/evidence';
import { defaultTimeoutMs } from '../../../src/clients/agents';
import { pace, throughEdge } from '../../../src/clients/pacer';
import { exchange, retryEvidence } from '../../../src/clients/transport';
import { maskSecret } from '../../../src/secrets/mask';
import type { RegionTarget } from '../../../src/profile/target';
import { recordExchange } from '../../../src/run/exchange-log';

/**
 * The security layer's view of an exchange. Unlike the integration client's it keeps every header
 * line as received (duplicates stay visible: EDGE-4 "exactly once"). Both go through the same
 * transport (src/clients/transport.ts: the region's CA and connect address, keep-alive, the one
 * transport retry, no redirects followed) and the same per-edge pacer (src/clients/pacer.ts).
 */
export { drainPacer, pace } from '../../../src/clients/pacer';

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
  if (!req.unpaced && throughEdge(req.url, region.edgeUrl)) await pace(region.edgeUrl!);
  const reply = await exchange({
    method, url: req.url, headers: sent, body: req.body, timeoutMs: req.timeoutMs ?? defaultTimeoutMs(), ca: region.ca, connectTo: region.connectTo,
  });
  const { status, headers, text, durationMs } = reply;
  const requestLines = [`${method} ${req.url}`, ...Object.entries(shown).map(([k, v]) => `${k}: ${v}`)];
  if (req.body !== undefined) requestLines.push('', maskTokens(excerpt(req.body)));
  const headerLines = Object.entries(headers).flatMap(([k, vs]) => vs.map((v) => `${k}: ${v}`));
  const retried = retryEvidence(req.note, reply.retries);
  const evidence = {
    note: retried.note,
    request: requestLines.join('\n'),
    response: maskTokens([`HTTP ${status} (${durationMs} ms)`, ...retried.lines, ...headerLines, '', excerpt(text)].join('\n')),
  };
  recordExchange({
    endpoint: req.endpoint ?? null, method, url: req.url, status, responseHeaders: headers, body: text, durationMs, evidence,
    ...(reply.retries.length ? { transportRetries: reply.retries.length } : {}),
  });
  return { status, headers, text, json: parseJson(text), durationMs, evidence };
}
