import type { Component } from '../evidence/types';
import { REASON_PHRASES } from './envelope';
import { CATALOG } from './index';
import type { Endpoint } from './types';
import type { ServiceKey } from './services';

/**
 * Who produced an answer (issue 15 "exercised or not"). A check judges a rule only on answers of
 * the producer it asked: a route's own handler, a service's own router, or the edge's own routes.
 * Anything else — the edge's pages (HTML error pages, its 429, 502/503/504), a route-not-found 404
 * for another path (prefix not stripped, nothing routed), another route's documented 404 — is
 * "unusable": counted by kind, never judged, and never blamed on the route that was asked.
 */

/** An HTTP answer as both clients see it (header values single or repeated, lower-case names). */
export interface Answer {
  status: number;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  text: string;
}

/** What was asked: a catalog route, a service outside the catalog (INF routes, unknown paths), or the edge itself. */
export type Asked =
  | { route: Endpoint }
  | { service: ServiceKey }
  | { edge: true };

export interface Sent {
  method: string;
  /** The path on the wire, without the query string (the edge prefix included). */
  path: string;
  /** The edge prefix in front of the service path (`/identity`), '' when the service is dialled directly. */
  prefix: string;
  viaEdge: boolean;
}

export type Producer =
  | 'route'        // the asked route's handler: a documented success or error, an auth/role/body outcome, a 5xx of the service
  | 'service'      // the service answered for this path but not as a route: its HTTP-4 404 / 405 (the route is missing)
  | 'edge'         // the edge's own answer: its pages, 429, 502/503/504, or an edge route that was asked
  | 'unrouted'     // a route-not-found 404 naming another path: the request never reached the route (prefix kept, not routed)
  | 'other-route'  // another route's documented 404 (the request reached the wrong route)
  | 'none';        // no answer: timeout, reset, refused

export interface Classified {
  producer: Producer;
  /** Who to name in a finding about this answer. */
  component: Component;
  /** The producer that was asked answered: the answer can be judged. */
  expected: boolean;
  /** A short, countable label of what came back ("edge 404", "unrouted 404", "edge HTML 400 page"). */
  kind: string;
}

/** Pages proxies write themselves (nginx, openresty, Envoy, Traefik, HAProxy, Cloudflare). */
const PROXY_PAGES = [
  /<center>\s*(?:nginx|openresty|tengine)\b[^<]*<\/center>/i,
  /<hr>\s*<center>/i,
  /upstream connect error or disconnect\/reset before headers/i,
  /^404 page not found\s*$/,
  /No server is available to handle this request/i,
  /cloudflare/i,
];
/** The messages the sandbox edge (and edges built like it) put in its own E1 pages. */
const EDGE_MESSAGES = new Set([
  'Bad request', 'Route not found', 'Method not allowed', 'Request timed out', 'Request URI too long',
  'Upstream service unavailable', 'Upstream service timed out',
]);
const ROUTE_NOT_FOUND = /^Route (\S+) (\S+) not found/;

function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

const asRecord = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

function headerValue(answer: Answer, name: string): string {
  const v = answer.headers[name];
  return v === undefined ? '' : typeof v === 'string' ? v : v.join(', ');
}

/** The human text of an error answer: E1 `message`, a drifted `msg`, or the raw text. */
function messageOf(body: Record<string, unknown> | null, text: string): string {
  if (typeof body?.message === 'string') return body.message;
  if (typeof body?.msg === 'string') return body.msg;
  return text.trim();
}

const decode = (p: string): string => { try { return decodeURIComponent(p); } catch { return p; } };
const samePath = (a: string, b: string): boolean =>
  a === b || decode(a) === decode(b) || a.replace(/\/$/, '') === b.replace(/\/$/, '');

export function isProxyPage(answer: Answer): boolean {
  return PROXY_PAGES.some((re) => re.test(answer.text));
}

export function isHtml(answer: Answer): boolean {
  return /text\/html/i.test(headerValue(answer, 'content-type')) || /<html[\s>]|<!doctype html/i.test(answer.text);
}

/** Documented 404 messages of routes other than `self`, for "another route's 404". */
const otherRoutes404 = (self: Endpoint | null) => CATALOG
  .filter((e) => e !== self)
  .flatMap((e) => e.errors.filter((x) => x.status === 404).map((x) => x.message.split('<')[0]));

const result = (producer: Producer, component: Component, expected: boolean, kind: string): Classified =>
  ({ producer, component, expected, kind });

/** Classifies one answer to a request; `asked` says which producer the check wanted to hear from. */
export function classifyAnswer(answer: Answer, asked: Asked, sent: Sent): Classified {
  const status = answer.status;
  const body = asRecord(parseJson(answer.text));
  const message = messageOf(body, answer.text);
  const askedEdge = 'edge' in asked;
  const askedRoute = 'route' in asked ? asked.route : null;
  const edge = (kind: string) => result('edge', 'edge', askedEdge, kind);
  const own = (kind = `${status}`): Classified =>
    askedEdge ? result('edge', 'edge', true, `edge ${kind}`) : result(askedRoute ? 'route' : 'service', 'service', true, kind);

  if (isProxyPage(answer)) return edge(`edge HTML ${status} page`);
  if (askedEdge) return own(String(status));
  if (sent.viaEdge) {
    if (status === 429) return edge('edge 429');
    if (status === 502 || status === 504) return edge(`edge ${status}`);
    if (status === 503 && !body) return edge('edge 503');
    if (EDGE_MESSAGES.has(message) && status >= 400) return edge(`edge ${status}`);
    if (status >= 300 && status < 400) return edge(`edge ${status} redirect`);
    if (status < 300 && isHtml(answer)) return edge(`edge HTML ${status} page`);
  } else if (status === 502 || status === 504) {
    // A service never answers these itself: a proxy in front of it did.
    return edge(`proxy ${status}`);
  }

  const notFound = ROUTE_NOT_FOUND.exec(message);
  if (status === 404 && notFound) {
    const named = notFound[2];
    const servicePath = sent.path.slice(sent.prefix.length) || '/';
    if (samePath(named, servicePath)) {
      return askedRoute ? result('service', 'service', false, 'route missing (HTTP-4 404)') : own('404');
    }
    return result('unrouted', sent.viaEdge ? 'edge' : 'service', false, 'unrouted 404');
  }
  if (status === 405 && askedRoute && askedRoute.method === sent.method.toUpperCase()) {
    return result('service', 'service', false, 'route missing (405)');
  }
  if (status === 404 && askedRoute) {
    // A route that documents a 404 may word it its own way; a message only another route documents is that route's.
    const mine = askedRoute.errors.filter((e) => e.status === 404).map((e) => e.message.split('<')[0]);
    if (mine.some((m) => message.startsWith(m))) return own();
    if (otherRoutes404(askedRoute).some((m) => message.startsWith(m))) {
      return result('other-route', sent.viaEdge ? 'edge' : 'service', false, 'another route\'s 404');
    }
    if (mine.length === 0) return result('unrouted', sent.viaEdge ? 'edge' : 'service', false, 'unexplained 404');
  }
  return own();
}

/** What came back instead of an answer, from the error a client threw. */
export function noAnswerKind(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; timeout?: unknown };
  const text = `${String(e?.code ?? '')} ${String(e?.message ?? error)}`;
  if (/timeout|timed out|ETIMEDOUT|UND_ERR_(?:HEADERS|BODY)_TIMEOUT/i.test(text)) return 'timeout';
  if (/ECONNREFUSED/.test(text)) return 'connection refused';
  if (/ECONNRESET|socket hang up|UND_ERR_SOCKET|other side closed/i.test(text)) return 'connection reset';
  return 'no answer';
}

export function noAnswer(error: unknown, viaEdge: boolean): Classified {
  return result('none', viaEdge ? 'edge' : 'service', false, noAnswerKind(error));
}

/** True when the answer is in the E1 shape for its status (used to tell a route's own errors). */
export function isE1(answer: Answer): boolean {
  const body = asRecord(parseJson(answer.text));
  return body !== null && body.error === REASON_PHRASES[answer.status] && typeof body.message === 'string';
}

/**
 * Errors that mean "no answer came back" (socket, timeout, TLS), as opposed to a bug in the check
 * or a missing credential, which must still surface as the check's own error.
 */
export function isTransportError(error: unknown): boolean {
  const e = error as { code?: unknown; timeout?: unknown; name?: unknown };
  if (typeof e?.timeout === 'number') return true; // superagent's request timeout
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return true;
  const code = typeof e?.code === 'string' ? e.code : '';
  return /^(?:E[A-Z]{3,}|UND_ERR_\w+|ERR_TLS_\w+|ERR_SSL_\w+|CERT_\w+|UNABLE_TO_\w+|DEPTH_ZERO_\w+|SELF_SIGNED_\w+|ERR_STREAM_PREMATURE_CLOSE|HPE_\w+)$/.test(code);
}
