import { request } from 'undici';
import { agentFor, type Route } from './agents';

/**
 * One HTTP exchange on the wire, for both HTTP clients (integration and security): undici through
 * the route's pool (agents.ts), a total time limit, and the one retry the transport allows itself.
 *
 * The retry: a kept-alive connection that the server (or something on the way) had already closed
 * fails before any byte of the answer arrives. That says nothing about the target's handling of the
 * request, so a request that is safe to repeat — GET or HEAD, or a command carrying an idempotency
 * key (IDEM-1..4) — is sent again (at most twice more). It is never hidden: the reply lists
 * it, and the clients write it into the exchange's evidence. A command without a key is never
 * resent (it may have been applied); a fresh connection that fails is the target's answer.
 */

export interface WireRequest extends Route {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
}

export interface TransportRetry {
  /** Why the first attempt was dropped ("other side closed on a reused connection before any response byte"). */
  reason: string;
}

export interface WireReply {
  status: number;
  /** Lower-case header name → every value received, in order. */
  headers: Record<string, string[]>;
  text: string;
  /** Time of the answered attempt. */
  durationMs: number;
  retries: TransportRetry[];
}

const STALE_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);
const MAX_TRANSPORT_RETRIES = 2;

/** IDEM-1: GET/HEAD are safe; a write is repeatable only under an idempotency key. */
export function safeToRepeat(method: string, headers: Record<string, string>): boolean {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') return true;
  return Object.keys(headers).some((name) => name.toLowerCase() === 'x-idempotency-key');
}

/**
 * A connection closed by the other side before the answer began, on a connection that had carried
 * earlier exchanges (undici's socket info: bytes read before this request). Without socket info
 * (a bare ECONNRESET) reuse cannot be told apart and the failure counts as stale.
 */
export function staleConnectionFailure(error: unknown): string | null {
  const e = error as { code?: string; message?: string; socket?: { bytesRead?: number } } | null;
  if (!e?.code || !STALE_CODES.has(e.code)) return null;
  if (e.socket && typeof e.socket.bytesRead === 'number' && e.socket.bytesRead === 0) return null;
  return `${e.message ?? e.code} on a reused connection before any response byte`;
}

class TransportTimeout extends Error {
  constructor(ms: number, url: string) {
    super(`no complete answer from ${url} within ${ms} ms (request timeout)`);
    this.name = 'TransportTimeout';
  }
}

async function attempt(req: WireRequest): Promise<Omit<WireReply, 'retries'>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TransportTimeout(req.timeoutMs, req.url)), req.timeoutMs);
  const started = performance.now();
  try {
    const res = await request(req.url, {
      method: req.method.toUpperCase() as 'GET',
      headers: req.headers,
      body: req.body,
      dispatcher: agentFor(req),
      signal: controller.signal,
    });
    const text = await res.body.text();
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : [String(value)];
    }
    return { status: res.statusCode, headers, text, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    throw controller.signal.aborted && controller.signal.reason instanceof TransportTimeout ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
  }
}

/** Sends `req`; network errors and timeouts throw (a check turns them into `error`). */
export async function exchange(req: WireRequest): Promise<WireReply> {
  const retries: TransportRetry[] = [];
  for (;;) {
    try {
      return { ...(await attempt(req)), retries };
    } catch (error) {
      const stale = staleConnectionFailure(error);
      if (!stale || retries.length >= MAX_TRANSPORT_RETRIES || !safeToRepeat(req.method, req.headers)) throw error;
      retries.push({ reason: stale });
    }
  }
}

/**
 * How an exchange that needed transport retries says so in its evidence: the note gains the retry
 * and the response excerpt a line under its status line. Unchanged when there was none.
 */
export function retryEvidence(note: string | undefined, retries: readonly TransportRetry[]): { note: string | undefined; lines: string[] } {
  if (retries.length === 0) return { note, lines: [] };
  const text = `transport retry ×${retries.length}: ${retries.map((r) => r.reason).join('; ')}; the request was resent`;
  return { note: note ? `${note} [${text}]` : `[${text}]`, lines: [`(${text})`] };
}
