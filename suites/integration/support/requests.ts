import type { CheckContext } from '../../../src/checks/define';
import type { Actor, Endpoint, ExampleRequest } from '../../../src/catalog/types';
import { fillPath } from '../../../src/catalog/index';
import type { FixtureUser, FixtureWorld } from '../../../src/fixtures/types';
import type { TokenClaims } from '../../../src/profile/target';
import { tokenCacheOf } from '../../../src/profile/token-cache';
import { send, type HttpExchange, type HttpRequest } from '../../../src/clients/http';
import { pace, throughEdge } from '../../../src/clients/pacer';

/** Sending catalog requests: who the actor is, its token, the URL of the endpoint's service. */

export function world(ctx: CheckContext): FixtureWorld {
  if (!ctx.fixtures) throw new Error('this check needs the fixture world, but none was seeded');
  return ctx.fixtures;
}

export function userOf(w: FixtureWorld, actor: Exclude<Actor, null>): FixtureUser {
  return w.users[actor];
}

export function claimsOf(user: FixtureUser): TokenClaims & { password: string } {
  return { profileId: user.profileId, role: user.role, tenantId: user.tenantId, email: user.email, password: user.password };
}

/** An access (or refresh) token for a fixture user, reused for the run while it stays valid. */
export function tokenOf(ctx: CheckContext, user: FixtureUser, kind: 'access' | 'refresh' = 'access', validForS?: number): Promise<string> {
  const make = () => (kind === 'access' ? ctx.target.auth.accessToken(claimsOf(user)) : ctx.target.auth.refreshToken(claimsOf(user)));
  return tokenCacheOf(ctx.target).get(`${kind}:${user.profileId}:${user.role}`, make, validForS);
}

/** A fresh refresh token (never cached: I3 revokes them). */
export function freshRefreshToken(ctx: CheckContext, user: FixtureUser): Promise<string> {
  return ctx.target.auth.refreshToken(claimsOf(user));
}

export interface EndpointRequest extends ExampleRequest {
  /** Overrides the actor's token: a literal token, or null for none. */
  token?: string | null;
  /** A literal Authorization header value (JWT matrix). */
  authorization?: string;
  headers?: Record<string, string>;
  raw?: string | Buffer;
  contentType?: string;
  /** Sends a body even for a route that takes none (ignored by the target). */
  note?: string;
  /** Path override (already filled), e.g. an unknown route. */
  path?: string;
}

export function pathOf(endpoint: Endpoint, params: Record<string, string> | undefined, query?: Record<string, string>): string {
  const path = fillPath(endpoint.path, params ?? {});
  const q = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : '';
  return path + q;
}

/** The endpoint's example for this world, with I2/I3 refresh-token placeholders filled. */
export async function exampleOf(ctx: CheckContext, endpoint: Endpoint): Promise<ExampleRequest> {
  const w = world(ctx);
  const example = endpoint.example(w);
  if (example.refreshTokenOf) {
    const token = await freshRefreshToken(ctx, w.users[example.refreshTokenOf]);
    return { ...example, body: { ...(example.body as object), refreshToken: token } };
  }
  return example;
}

export async function sendTo(ctx: CheckContext, endpoint: Endpoint, req: EndpointRequest): Promise<HttpExchange> {
  let token: string | null = null;
  if (req.token !== undefined) token = req.token;
  else if (req.as) token = await tokenOf(ctx, world(ctx).users[req.as]);
  return sendInRegion(ctx, {
    method: endpoint.method,
    baseUrl: ctx.region.serviceUrl(endpoint.service),
    path: req.path ?? pathOf(endpoint, req.params, req.query),
    token,
    authorization: req.authorization,
    headers: req.headers,
    json: req.raw === undefined ? req.body : undefined,
    raw: req.raw,
    contentType: req.contentType,
    note: req.note ?? `${endpoint.id} ${endpoint.method} ${endpoint.path}`,
    endpoint: endpoint.id,
  });
}

/** `send` with the region's TLS trust, connect address and, through an edge, the shared pacer (src/clients/pacer) and 429 patience. */
export async function sendInRegion(ctx: CheckContext, req: HttpRequest): Promise<HttpExchange> {
  if (throughEdge(req.baseUrl, ctx.region.edgeUrl)) await pace(ctx.region.edgeUrl!);
  // The profile's request timeout (timeouts.requestMs), unless the check sets its own.
  return send({ retryOn429: ctx.region.edgeUrl ? 3 : 0, ca: ctx.region.ca, connectTo: ctx.region.connectTo, ...req, timeoutMs: req.timeoutMs ?? ctx.limits?.requestMs });
}
