import type { CheckContext } from '../../../../src/checks/define';
import { CATALOG } from '../../../../src/catalog/index';
import type { Actor, Endpoint, ExampleRequest } from '../../../../src/catalog/types';
import type { FixtureWorld } from '../../../../src/fixtures/types';
import { shapeOf } from '../../../integration/validation/fields';
import { pathParams } from '../../../integration/support/probes';

/**
 * Input slots of the 47 routes: every body field, query parameter, path parameter and the headers
 * a service reads (X-Request-Id everywhere, X-Idempotency-Key on commands), each with a harmless
 * base request sent as the role the route needs. Probes change one slot at a time.
 */

export type SlotLocation = 'body' | 'query' | 'path' | 'header';

export interface Slot {
  endpoint: Endpoint;
  location: SlotLocation;
  name: string;
  /** The harmless request the probe starts from (the route's example, made safe where needed). */
  base: ExampleRequest;
  /** The slot's harmless value as text (`{base}` of the payload templates). */
  harmless: string;
  /** A numeric context (amount, integer, limit/offset): numeric payloads apply. */
  numeric: boolean;
}

/**
 * Commands whose acceptance changes the deployment for everyone: a text payload in their body would
 * be accepted as literal text and applied (a paused system), so their body slots are not probed.
 */
export const GLOBAL_EFFECT: Readonly<Record<string, string>> = {
  '#28': 'an accepted #28 pauses the whole system; its reason is free text, so every payload would be accepted and applied',
};

/**
 * Bases that reach the database but end in a business-rule refusal, so a probe that changes
 * another field writes nothing (a duplicate email, an amount beyond the balance, a missing
 * stakeholder, a well-known parameter the ledger refuses).
 */
function safeBase(endpoint: Endpoint, w: FixtureWorld, example: ExampleRequest): ExampleRequest {
  const body = example.body as Record<string, unknown> | undefined;
  switch (endpoint.id) {
    // An unknown account and a wrong password: a 401 that counts against no real user's throttle.
    case 'I1': return { ...example, body: { email: `${w.namespace}-probe-nobody@example.test`, password: 'gxv-Wrong-Passw0rd!' } };
    case 'I4': return { ...example, body: { ...body, email: w.users.userA.email } };
    case '#1': return { ...example, body: { ...body, amount: '999999999999' } };
    case '#2': return { ...example, body: { ...body, userId: w.users.userA.profileId } };
    case '#8': return { ...example, body: { ...body, stakeholderIds: [w.users.userA.profileId, w.missing.profileId] } };
    case '#27': return { ...example, body: { ...body, paramId: 'SYSTEM_STATUS' } };
    case '#30': return { ...example, body: { ...body, newAdminId: w.missing.profileId } };
    default: return example;
  }
}

/**
 * Routes where every request costs a slow password hash (I1: bcrypt cost ≥ 12, ID-2): their body
 * slots get the light payload plan and their headers are not probed, so a family stays bounded.
 */
export const COSTLY: ReadonlySet<string> = new Set(['I1']);

const NUMERIC_FIELDS = new Set(['amount', 'evidenceSize', 'taxRateBps', 'age', 'limit', 'offset', 'requiredApprovers']);

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? '');
}

function slotsOf(endpoint: Endpoint, w: FixtureWorld): Slot[] {
  const example = endpoint.example(w);
  // I2/I3 take a refresh token: a harmless base is an unknown token (401), never a real one.
  const raw = example.refreshTokenOf ? { ...example, body: { refreshToken: 'gxv-not-a-token' }, refreshTokenOf: undefined } : example;
  const base = safeBase(endpoint, w, raw);
  const out: Slot[] = [];
  const add = (location: SlotLocation, name: string, value: unknown) =>
    out.push({ endpoint, location, name, base, harmless: text(value), numeric: NUMERIC_FIELDS.has(name) });
  for (const param of pathParams(endpoint)) add('path', param, base.params?.[param] ?? '');
  for (const name of Object.keys(shapeOf(endpoint.request.query) ?? {})) add('query', name, base.query?.[name] ?? '1');
  if (!GLOBAL_EFFECT[endpoint.id]) {
    const body = (base.body ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(shapeOf(endpoint.request.body) ?? {})) add('body', name, body[name] ?? '');
  }
  if (COSTLY.has(endpoint.id)) return out;
  add('header', 'X-Request-Id', 'gxv-probe-request');
  // Unique per route and run: a key reused on another route or run is an IDEM-5 answer, not a probe's.
  if (endpoint.kind === 'command' && !GLOBAL_EFFECT[endpoint.id]) add('header', 'X-Idempotency-Key', `gxv-${endpoint.key}-${w.namespace}`.slice(0, 100));
  return out;
}

/** Every slot of every route, in catalog order. */
export function allSlots(w: FixtureWorld): Slot[] {
  return CATALOG.flatMap((endpoint) => slotsOf(endpoint, w));
}

/** Routes with a JSON body (and those that take none: SEC-PP-1 holds for "anywhere in a JSON body"). */
export function bodyRoutes(): Endpoint[] {
  return CATALOG.filter((e) => e.request.body !== null);
}

/** The base request of a route made safe (see safeBase), for families that work per route. */
export function baseOf(endpoint: Endpoint, w: FixtureWorld): ExampleRequest {
  return slotsOf(endpoint, w)[0]?.base ?? endpoint.example(w);
}

/** The actor a slot's base request is sent as. */
export function actorOf(slot: Slot): Actor {
  return slot.base.as;
}

export function worldOf(ctx: CheckContext): FixtureWorld {
  if (!ctx.fixtures) throw new Error('the probes need the fixture world');
  return ctx.fixtures;
}
