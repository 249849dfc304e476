import type { CheckContext } from '../../src/checks/define';
import { CATALOG } from '../../src/catalog/index';
import type { Endpoint, ExampleRequest } from '../../src/catalog/types';
import type { RequestPlan } from '../../src/load/request';
import { exampleOf, pathOf, tokenOf, world } from '../integration/support/requests';
import { exampleItems } from '../../src/fixtures/uses';
import { tokenExpiry } from '../../src/profile/token-cache';

/**
 * How each catalog route is put under load (scenarios as data, derived from the catalog):
 * - read: the catalog example, repeated by many users (queries and local computations);
 * - write: the example, fresh each time (unique ids where the catalog makes them), bounded by
 *   `load.endpoints.maxWrites`; documented business answers (400/404/409 once state moved) count
 *   as expected;
 * - guarded: system-wide or one-shot commands (bootstrap, pause, genesis, freezing, taxing…)
 *   would change the deployment for every user: they are sent by a plain USER and measured on
 *   the role gate's 403 (§3.4), writing nothing;
 * - hashing: a slow password hash is their cost by design (ID-2, I1/I4): an open arrival rate;
 * - revoke: I3 consumes a fresh refresh token per request (bounded like writes).
 */
export type LoadMode = 'read' | 'write' | 'guarded' | 'hashing' | 'revoke';

const GUARDED = new Set(['#2', '#6', '#7', '#25', '#26', '#27', '#28', '#29', '#30', '#31', '#38', '#17', '#22']);
const HASHING = new Set(['I1', 'I4']);

export function loadModeOf(e: Endpoint): LoadMode {
  if (HASHING.has(e.id)) return 'hashing';
  if (e.kind === 'revoke') return 'revoke';
  if (e.kind === 'command') return GUARDED.has(e.id) ? 'guarded' : 'write';
  return 'read';
}

/** Why a route is measured the way it is, for the report's coverage statement. */
export function modeReason(mode: LoadMode): string {
  switch (mode) {
    case 'read': return 'catalog example, closed model';
    case 'write': return 'fresh command each time, bounded by load.endpoints.maxWrites';
    case 'guarded': return 'system-wide/one-shot command: measured on the role gate (403) as a plain USER, nothing written';
    case 'hashing': return 'slow password hash by design (ID-2): open model at load.endpoints.hashingRatePerS';
    case 'revoke': return 'fresh refresh token per request, bounded by load.endpoints.maxWrites';
  }
}

export const LOAD_ENDPOINTS: readonly Endpoint[] = CATALOG;
/** The fixture items the load requests use: every route's example, and userA for guarded routes. */
export const LOAD_ITEMS = exampleItems(LOAD_ENDPOINTS, 'userA');

export function expectOf(e: Endpoint, mode: LoadMode = loadModeOf(e)): number[] {
  if (mode === 'guarded') return [403];
  if (mode === 'read') return [e.success.status];
  // Commands repeated under load: once the first is projected, documented business answers follow.
  const documented = e.errors.map((x) => x.status).filter((s) => s >= 400 && s < 500 && s !== 401 && s !== 403 && s !== 429);
  return [e.success.status, ...new Set(documented)];
}

/** A token is renewed this long before it expires, while the old one still serves the phase. */
const RENEW_AHEAD_S = 180;

/**
 * A token a synchronous request maker can read at any time during a phase longer than the token's
 * lifetime (a soak): close to its expiry, a renewal starts and the new token takes over once minted.
 */
async function renewingToken(mint: () => Promise<string>): Promise<{ current(): string }> {
  let token = await mint();
  let nextTryMs = 0;
  return {
    current() {
      const now = Date.now();
      if (now >= nextTryMs && tokenExpiry(token) - RENEW_AHEAD_S <= now / 1000) {
        // One renewal at a time, at most one per 10 s (a login refused under load, a short-lived token).
        nextTryMs = Infinity;
        mint().then((fresh) => { token = fresh; }, () => undefined).finally(() => { nextTryMs = Date.now() + 10_000; });
      }
      return token;
    },
  };
}

/** A synchronous maker of requests for one route in one region (tokens and base URL resolved now). */
export type RequestMaker = (n: number) => RequestPlan;

export async function requestMaker(ctx: CheckContext, e: Endpoint, mode = loadModeOf(e), pregenerate = 0): Promise<RequestMaker> {
  const w = world(ctx);
  const base = new URL(ctx.region.serviceUrl(e.service));
  const origin = base.origin;
  const prefix = base.pathname.replace(/\/+$/, '');
  const expect = expectOf(e, mode);
  const actor = mode === 'guarded' ? 'userA' : undefined;
  const first = await exampleOf(ctx, e);
  const as = actor ?? first.as;
  const token = as ? await renewingToken(() => tokenOf(ctx, w.users[as], 'access', RENEW_AHEAD_S)) : null;
  const build = (ex: ExampleRequest): RequestPlan => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token.current()}`;
    let body: string | undefined;
    if (ex.body !== undefined && e.request.body !== null) {
      body = JSON.stringify(ex.body);
      headers['content-type'] = 'application/json';
    }
    return { endpoint: e.id, method: e.method, origin, path: prefix + pathOf(e, ex.params, ex.query), headers, body, expect };
  };
  if (mode === 'revoke') {
    // One fresh refresh token per request, made before the phase (bounded).
    const examples = await Promise.all(Array.from({ length: Math.max(1, pregenerate) }, () => exampleOf(ctx, e)));
    const plans = examples.map(build);
    return (n) => plans[n % plans.length];
  }
  if (mode === 'write' || mode === 'hashing') return () => build(e.example(w));
  const fixed = build(first);
  return () => fixed;
}
