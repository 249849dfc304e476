import { decodeJwt } from 'jose';
import type { EndpointRequest } from '../support/requests';
import { PAYLOADS, type RequestView } from './payload-spec';

/**
 * MAP-1 / VAL-2 / §7.2 exactness of one command, in problem lines ending with the rule they break:
 * the stored payload against the request that caused it (key by key, value by value) — judged as
 * soon as the OutboxCommand row exists, before the ledger says anything — and the ledger
 * transaction's arguments against the payload, in §7.2 order.
 */
export function requestView(req: EndpointRequest, reply: Record<string, unknown>, actorOf: (r: EndpointRequest) => string | null): RequestView {
  return { body: (req.body ?? {}) as Record<string, unknown>, params: req.params ?? {}, actor: actorOf(req), reply };
}

/** The acting user from the request's token (a JWT, minted or logged in). */
export function tokenActor(req: EndpointRequest): string | null {
  if (!req.token) return null;
  try {
    const id = decodeJwt(req.token).profileId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

export function payloadProblems(commandType: string, payload: Record<string, unknown>, view: RequestView): string[] {
  const spec = PAYLOADS[commandType];
  if (!spec) return [];
  const keys = [...spec.args, ...spec.extras];
  const extra = Object.keys(payload).filter((k) => !keys.includes(k));
  const missing = keys.filter((k) => !(k in payload));
  const out: string[] = [];
  if (extra.length) out.push(`the outbox payload carries keys §7.2 does not name: ${extra.join(', ')} (VAL-2)`);
  if (missing.length) out.push(`the outbox payload lacks §7.2 keys ${missing.join(', ')} (MAP-1)`);
  for (const [key, want] of Object.entries(spec.want(view))) {
    if (!(key in payload)) continue;
    const wrong = want(payload[key]);
    if (wrong) out.push(`payload ${key} is ${wrong} (MAP-1)`);
  }
  return out;
}

/** The ledger transaction's arguments, in order, against the payload's argument values. */
export function argumentProblems(commandType: string, payload: Record<string, unknown>, args: readonly string[]): string[] {
  const spec = PAYLOADS[commandType];
  if (!spec) return [];
  if (args.length !== spec.args.length) return [`the ledger transaction has ${args.length} arguments, §7.2 names ${spec.args.length} (${spec.args.join(', ')}) (MAP-1)`];
  return spec.args.flatMap((name, i) => (args[i] === payload[name] ? []
    : [`ledger argument ${i + 1} (${name}) is ${JSON.stringify(args[i])}, the payload holds ${JSON.stringify(payload[name])} (MAP-1)`]));
}
