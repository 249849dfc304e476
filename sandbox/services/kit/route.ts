import type { Request, Response, Router } from 'express';
import type { ServiceKey } from '../../../src/catalog/services';
import type { FaultName } from '../../faults/catalog';
import type { ServiceDeps } from '../deps';
import { authenticate, requireRole, type Principal, type Role } from './auth';
import { assertJsonContentType } from './body';
import { HttpError } from './envelope';
import { Idempotency } from './idempotency';
import { insertCommand, type CommandPayload } from './outbox';
import { parseFields, type Fields, type Parsed } from './validation';
import { documentedErrorFault } from './documented-error-fault';
import { afterRejection } from './rejection-faults';
import { copyForAnswer } from './defects';
import { assertKnownQuery, keyBeforeAuth, sendJson, serializerDefects } from './convention-faults';
import { assertActive } from './users';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
/** 202 `{commandId, message, ...extra ids}` of an accepted command (§6). */
export const accepted = (commandId: string, message: string, extra: Record<string, string> = {}): Reply => ({
  status: 202,
  body: { commandId, message, ...extra },
});

export interface RouteContext<B extends Fields, P extends Fields, Q extends Fields> {
  req: Request;
  deps: ServiceDeps;
  service: ServiceKey;
  /** Null on public routes. */
  principal: Principal | null;
  /** TEN-1/TEN-2: the token's tenant, or the deployment tenant on public routes. */
  tenantId: string;
  body: Parsed<B>;
  params: Parsed<P>;
  query: Parsed<Q>;
  /** Inserts the route's one OutboxCommand row (CMD-1) and returns its id (the commandId). */
  command(commandType: string, payload: CommandPayload): Promise<string>;
}

export interface Input<S extends Fields> {
  fields: S;
  /** Message for a missing or null required field (default "<field> is required"). */
  required?: string;
}

export interface RouteSpec<B extends Fields, P extends Fields, Q extends Fields> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Full path template, e.g. `/api/v1/wallets/:profileId/balance`. */
  path: string;
  access: 'public' | 'auth' | readonly Role[];
  /** AUTHZ-2 path ownership: token profileId must equal this path parameter, checked before any lookup. */
  owner?: { param: keyof P & string; message: string; skippedBy?: FaultName };
  params?: Input<P>;
  query?: Input<Q>;
  /** Declaring a body makes the route take one (HTTP-1 content-type check). */
  body?: Input<B>;
  handler(ctx: RouteContext<B, P, Q>): Promise<Reply>;
}

const snakeV2 = (key: string) => `${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_v2`;

/** Fault `response-shape-drift`: an unannounced v2 serializer renames the top-level keys of success bodies. */
function shaped(deps: ServiceDeps, reply: Reply): Reply {
  const { body } = reply;
  if (!deps.faults.isOn('response-shape-drift') || typeof body !== 'object' || body === null || Array.isArray(body)) return reply;
  return { ...reply, body: Object.fromEntries(Object.entries(body).map(([key, value]) => [snakeV2(key), value])) };
}

/**
 * Runs one request through the contract's check order (ERR-6): content type, authentication,
 * role, path ownership, idempotency key, shape (params, query, body), then the handler, whose
 * Reply is stored for idempotent replays (2xx only) before it is sent.
 */
async function runRoute<B extends Fields, P extends Fields, Q extends Fields>(
  deps: ServiceDeps, service: ServiceKey, spec: RouteSpec<B, P, Q>, req: Request, res: Response,
): Promise<void> {
  if (spec.body !== undefined) assertJsonContentType(req, deps.faults);
  keyBeforeAuth(deps.faults, req);
  let principal: Principal | null = null;
  if (spec.access !== 'public') {
    principal = await authenticate(deps, req);
    if (spec.access !== 'auth') requireRole(deps, principal, spec.access);
    // SEC-JWT-2 (SHOULD): a token outlives a suspension or deletion, but sends no command (every
    // authenticated non-GET route is a command).
    // Fault `inactive-commands-accepted` skips it.
    if (spec.method !== 'get' && !deps.faults.isOn('inactive-commands-accepted')) await assertActive(deps.db, principal.profileId);
  }
  if (spec.owner !== undefined && principal !== null) {
    const skipped = spec.owner.skippedBy !== undefined && deps.faults.isOn(spec.owner.skippedBy);
    if (!skipped && req.params[spec.owner.param] !== principal.profileId) throw new HttpError(403, spec.owner.message);
  }
  // Fault `public-tenant-from-header`: a public request's X-Tenant-Id header picks the tenant (TEN-2).
  const tenantId = principal?.tenantId ?? ((deps.faults.isOn('public-tenant-from-header') && req.get('x-tenant-id')) || deps.config.tenantId);
  const { idem, replay } = await Idempotency.begin(deps, req, tenantId, principal?.profileId ?? 'anonymous');
  if (replay !== null) {
    res.setHeader('Idempotent-Replayed', 'true');
    res.status(replay.status).json(replay.body);
    return;
  }
  try {
    const rawBody = (req.body ?? {}) as Record<string, unknown>;
    assertKnownQuery(deps.faults, spec.query?.fields, req.query as Record<string, unknown>);
    const params = parseFields(deps, spec.params?.fields ?? ({} as P), req.params as Record<string, unknown>, { required: spec.params?.required, pathIds: true });
    const query = parseFields(deps, spec.query?.fields ?? ({} as Q), req.query as Record<string, unknown>, { required: spec.query?.required });
    const body = parseFields(deps, spec.body?.fields ?? ({} as B), spec.body === undefined ? {} : rawBody, { required: spec.body?.required });
    const command = (commandType: string, payload: CommandPayload) =>
      insertCommand(deps.db, { tenantId, service, requestId: idem.commandRequestId, commandType, payload }, { faults: deps.faults, rawBody });
    const reply = shaped(deps, await spec.handler({ req, deps, service, principal, tenantId, body, params, query, command }));
    if (reply.status >= 200 && reply.status < 300) await idem.complete(reply.status, reply.body);
    else await idem.release();
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    sendJson(deps.faults, res, reply.status, serializerDefects(deps.faults, copyForAnswer(deps.faults, reply.body)));
  } catch (err) {
    await afterRejection(deps, service, req, tenantId, idem, err).catch(() => undefined);
    // Fault `error-message-drift`: a "sanitizing" catch that hides the route's own 4xx messages.
    if (err instanceof HttpError && err.status < 500 && deps.faults.isOn('error-message-drift')) throw new HttpError(err.status, 'Request failed', err.headers);
    // IDEM-8: the derived requestId already exists (a replay that outlived the Redis record).
    const pgErr = err as { code?: string; constraint?: string; detail?: string };
    if (pgErr.code === '23505' && `${pgErr.constraint ?? ''} ${pgErr.detail ?? ''}`.includes('requestId')) {
      throw new HttpError(409, 'A request with this idempotency key is in progress');
    }
    throw err;
  }
}

/** The registrar a service's mount function receives. */
export interface ServiceRouter {
  readonly deps: ServiceDeps;
  readonly service: ServiceKey;
  /** The underlying express router, for anything outside the route model. */
  readonly router: Router;
  add<B extends Fields = {}, P extends Fields = {}, Q extends Fields = {}>(spec: RouteSpec<B, P, Q>): void;
}

export function createServiceRouter(deps: ServiceDeps, service: ServiceKey, router: Router): ServiceRouter {
  return {
    deps,
    service,
    router,
    add(spec) {
      const faulty = documentedErrorFault(deps, service, spec.method, spec.path);
      router[spec.method](spec.path, async (req, res) => {
        try {
          await runRoute(deps, service, spec, req, res);
        } catch (err) {
          throw faulty(err);
        }
      });
    },
  };
}
