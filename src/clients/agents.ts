import { isIP } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';

/**
 * The connection pools of every HTTP request the suite sends: one undici Agent per route (trusted
 * CA, connect address). Connection reuse is decided here and nowhere else.
 *
 * A kept-alive connection must never be reused after the server dropped it. undici honours the
 * server's `Keep-Alive: timeout=N` hint minus a margin (and idles 4 s without a hint); the margin
 * here grows with the measured round-trip time, because a request sent at idle time t reaches the
 * server at t + one RTT after the server's last byte left it. The rest of the risk (a server that
 * closes early, a middlebox) is handled by the transport's retry (transport.ts).
 */

export interface Route {
  /** Extra trusted CA (PEM) for TLS. */
  ca?: string | null;
  /** Dial this host:port instead of the URL's host (SNI, certificate and Host stay the URL's). */
  connectTo?: string | null;
}

/** undici's own margin below the server's hint; the RTT comes on top. */
const BASE_MARGIN_MS = 2_000;
/** Idle time when the server advertises no Keep-Alive timeout (below Node's and nginx's defaults). */
const DEFAULT_IDLE_MS = 4_000;

let measuredRttMs = 0;
const agents = new Map<string, Agent>();

export function splitHostPort(value: string): { host: string; port: string } {
  const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(value);
  if (!m) throw new Error(`connectTo must be host:port, got ${value}`);
  return { host: m[1], port: m[2] };
}

/** How long before the server's advertised keep-alive timeout an idle connection is dropped. */
export function keepAliveMarginMs(rttMs = measuredRttMs): number {
  return BASE_MARGIN_MS + Math.ceil(Math.max(0, rttMs));
}

/**
 * The round-trip time measured to the target (the largest of its regions): later connections keep
 * their idle time below the server's timeout by that much more. Pools built for a smaller RTT are
 * closed once their requests finish.
 */
export function useMeasuredRtt(rttMs: number): void {
  if (!Number.isFinite(rttMs) || rttMs <= measuredRttMs) return;
  measuredRttMs = rttMs;
  const old = [...agents.values()];
  agents.clear();
  for (const agent of old) void agent.close().catch(() => undefined);
}

/**
 * A time limit set for a near target, stretched by the measured distance: `roundTrips` more round
 * trips (by default a connect, a TLS handshake and the exchange itself).
 */
export function withDistance(baseMs: number, roundTrips = 3): number {
  return baseMs + roundTrips * Math.ceil(measuredRttMs);
}

/** A request's time limit when its caller sets none: 10 s at distance. */
export function defaultTimeoutMs(): number {
  return withDistance(10_000);
}

/** Closes every pool (their idle connections go; the next request opens a fresh one). */
export async function closeAgents(): Promise<void> {
  const old = [...agents.values()];
  agents.clear();
  await Promise.all(old.map((agent) => agent.close().catch(() => undefined)));
}

export function agentFor(route: Route = {}): Dispatcher {
  const key = JSON.stringify([route.ca ?? null, route.connectTo ?? null]);
  let agent = agents.get(key);
  if (!agent) agents.set(key, (agent = newAgent(route)));
  return agent;
}

function newAgent(route: Route): Agent {
  const tls = route.ca ? { ca: route.ca } : {};
  const base = buildConnector(tls);
  const target = route.connectTo ? splitHostPort(route.connectTo) : null;
  return new Agent({
    keepAliveTimeout: DEFAULT_IDLE_MS,
    keepAliveTimeoutThreshold: keepAliveMarginMs(),
    connect: target
      ? (opts, callback) => {
        const servername = opts.servername ?? (isIP(opts.hostname) ? undefined : opts.hostname);
        base({ ...opts, hostname: target.host, port: target.port, servername }, callback);
      }
      : tls,
  });
}
