import type { CheckContext } from '../../../../src/checks/define';
import type { Endpoint, ExampleRequest } from '../../../../src/catalog/types';
import type { EvidenceItem, Measurement } from '../../../../src/evidence/types';
import type { RegionTarget } from '../../../../src/profile/target';
import { tokenOf } from '../../../integration/support/requests';
import { sendRaw, type RawReply } from '../../support/http';
import type { Slot } from './slots';

/**
 * The probes' sender: every request bounded (per-request timeout, the check's deadline), paced
 * through edges (sendRaw's pacer), recorded in the run's exchange log and counted, with a curl line
 * in its evidence so a finding can be replayed by hand. Network errors and timeouts come back as
 * `null` and are counted, never thrown: one dead answer must not end a family.
 */

export interface ProbeRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** Raw body text (JSON already serialized, hostile shapes included). */
  body?: string;
  token?: string | null;
  endpoint?: string;
  note: string;
  timeoutMs?: number;
  /** How to rebuild a body too large for evidence (a shell command printing it). */
  bodyRecipe?: string;
  /** The region whose TLS trust and connect address apply (default: the check's region). */
  region?: RegionTarget;
}

export interface ProbeReply extends RawReply {
  request: ProbeRequest;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlOf(req: ProbeRequest): string {
  const parts = ['curl', '-sS', '-i', '-X', req.method, quote(req.url)];
  for (const [k, v] of Object.entries(req.headers ?? {})) parts.push('-H', quote(`${k}: ${v}`));
  if (req.token) parts.push('-H', quote('Authorization: Bearer $TOKEN'));
  if (req.body !== undefined) {
    if (req.bodyRecipe) parts.push('--data-binary', `"$(${req.bodyRecipe})"`);
    else if (req.body.length <= 4000) parts.push('--data-binary', quote(req.body));
    else parts.push('--data-binary', `@body.json  # ${req.body.length} bytes`);
    if (!Object.keys(req.headers ?? {}).some((k) => k.toLowerCase() === 'content-type')) parts.push('-H', quote('Content-Type: application/json'));
  }
  return parts.join(' ');
}

export class ProbeSession {
  /** Requests sent (answered or not), by family part. */
  readonly counts: Record<string, number> = {};
  failures = 0;
  private readonly tokens = new Map<string, Promise<string | null>>();

  constructor(readonly ctx: CheckContext, readonly family: string) {}

  get sent(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  /** Time left before the check's deadline, minus a margin to report what was found. */
  timeLeft(marginMs = 5_000): number {
    return this.ctx.limits.deadline - Date.now() - marginMs;
  }

  async send(req: ProbeRequest, part = 'probe'): Promise<ProbeReply | null> {
    this.counts[part] = (this.counts[part] ?? 0) + 1;
    try {
      const reply = await sendRaw(req.region ?? this.ctx.region, {
        method: req.method, url: req.url, headers: req.headers, body: req.body, token: req.token ?? null,
        note: req.note, endpoint: req.endpoint, timeoutMs: req.timeoutMs ?? this.ctx.limits.requestMs,
      });
      reply.evidence.reproduce = curlOf(req);
      return { ...reply, request: req };
    } catch {
      this.failures++;
      return null;
    }
  }

  /** The access token of the role a route needs (fixture identities; null for public routes). */
  token(as: ExampleRequest['as']): Promise<string | null> {
    if (!as) return Promise.resolve(null);
    let token = this.tokens.get(as);
    if (!token) this.tokens.set(as, (token = tokenOf(this.ctx, this.ctx.fixtures!.users[as]).catch(() => null)));
    return token;
  }

  measurements(extra: Record<string, Measurement> = {}): Record<string, Measurement> {
    const out: Record<string, Measurement> = { requests: this.sent, unanswered: this.failures };
    for (const [part, n] of Object.entries(this.counts)) out[`requests.${part}`] = n;
    return { ...out, ...extra };
  }
}

/** The full URL of a route with path params and query filled (values URL-encoded). */
export function urlOf(ctx: CheckContext, endpoint: Endpoint, params: Record<string, string> = {}, query?: Record<string, string>, rawQuery?: string): string {
  const path = endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const search = rawQuery ?? (query && Object.keys(query).length > 0 ? new URLSearchParams(query).toString() : '');
  return `${ctx.region.serviceUrl(endpoint.service)}${path}${search ? `?${search}` : ''}`;
}

/** The base request of a slot with `value` put into the slot (text for path/query/header; any JSON for the body). */
export async function slotRequest(session: ProbeSession, slot: Slot, value: unknown, note: string): Promise<ProbeRequest> {
  const { base, endpoint } = slot;
  const params = { ...(base.params ?? {}) };
  const query = { ...(base.query ?? {}) };
  const headers: Record<string, string> = {};
  let body = base.body === undefined ? undefined : { ...(base.body as Record<string, unknown>) };
  const asText = typeof value === 'string' ? value : JSON.stringify(value);
  switch (slot.location) {
    case 'path': params[slot.name] = asText; break;
    case 'query': query[slot.name] = asText; break;
    case 'header': headers[slot.name] = asText; break;
    case 'body': body = { ...(body ?? {}), [slot.name]: value }; break;
  }
  const bodyText = body === undefined ? (endpoint.request.body ? '{}' : undefined) : JSON.stringify(body);
  return {
    method: endpoint.method, url: urlOf(session.ctx, endpoint, params, query), headers, body: bodyText,
    token: await session.token(base.as), endpoint: endpoint.id, note,
  };
}

/** `#5 query offset` — how findings name a slot. */
export const slotName = (slot: Slot): string => `${slot.endpoint.id} ${slot.location} ${slot.name}`;

/** Evidence of a finding: the exchanges that show it, each noted. */
export function evidenceOf(...replies: Array<ProbeReply | null | undefined>): EvidenceItem[] {
  return replies.filter((r): r is ProbeReply => Boolean(r)).map((r) => r.evidence);
}
