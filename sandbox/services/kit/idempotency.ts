import { createHash, randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { ServiceDeps } from '../deps';
import { HttpError } from './envelope';

const KEY_FORMAT = /^[\x21-\x7e]{16,128}$/;
const IN_PROGRESS_TTL_MS = 60_000;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const POST_ONLY = new Set(['POST']);

interface StoredRecord {
  state: 'in-progress' | 'completed';
  fingerprint: string;
  status?: number;
  body?: unknown;
}

export interface StoredReply { status: number; body: unknown }

/** Canonical JSON (IDEM-4): object keys sorted at every level, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The idempotency state of one request. `begin()` decides (IDEM-2..6): either a stored reply to
 * replay, or a claim this request holds until `complete()` (2xx, stored) or `release()` (IDEM-7).
 */
export class Idempotency {
  private constructor(
    private readonly deps: ServiceDeps,
    private readonly storeKey: string | null,
    private readonly fingerprint: string,
    /** IDEM-8 / CMD-2: the OutboxCommand.requestId this request writes with. */
    readonly commandRequestId: string,
  ) {}

  static async begin(deps: ServiceDeps, req: Request, tenantId: string, principal: string): Promise<{ idem: Idempotency; replay: StoredReply | null }> {
    const key = req.get('x-idempotency-key');
    // Fault `idempotency-post-only`: the key is honoured on POST only, so PATCH/PUT/DELETE run again (IDEM-1).
    const methods = deps.faults.isOn('idempotency-post-only') ? POST_ONLY : UNSAFE_METHODS;
    const honoured = key !== undefined && methods.has(req.method) && deps.config.enableIdempotency && !deps.faults.isOn('idempotency-off');
    if (!honoured) return { idem: new Idempotency(deps, null, '', `req-${randomUUID()}`), replay: null };
    // Fault `idempotency-key-unchecked`: keys of any length and characters are taken.
    if (!KEY_FORMAT.test(key) && !deps.faults.isOn('idempotency-key-unchecked')) throw new HttpError(400, 'X-Idempotency-Key must be 16 to 128 visible ASCII characters');
    // Fault `idempotency-global-scope`: the caller is left out of the key's scope (IDEM-3).
    const scope = sha256(`${tenantId}\n${deps.faults.isOn('idempotency-global-scope') ? '*' : principal}\n${key}`);
    const fingerprint = sha256(`${req.method}\n${(req.baseUrl + req.path).replace(/(.)\/$/, "$1")}\n${canonicalJson(req.body ?? {})}`);
    const storeKey = `gx:idem:${scope}`;
    // Fault `idempotency-request-id-unscoped`: the requestId comes from the key alone, so two callers' equal keys collide (IDEM-8).
    const requestScope = deps.faults.isOn('idempotency-request-id-unscoped') ? key : `${principal}\n${key}`;
    const idem = new Idempotency(deps, storeKey, fingerprint, `idem-${sha256(requestScope)}`);
    const claim: StoredRecord = { state: 'in-progress', fingerprint };
    const claimed = await deps.redis.set(storeKey, JSON.stringify(claim), 'PX', IN_PROGRESS_TTL_MS, 'NX');
    if (claimed === 'OK') return { idem, replay: null };
    const existingText = await deps.redis.get(storeKey);
    if (existingText === null) {
      // The previous holder released between our SET and GET: claim again once.
      const retry = await deps.redis.set(storeKey, JSON.stringify(claim), 'PX', IN_PROGRESS_TTL_MS, 'NX');
      if (retry === 'OK') return { idem, replay: null };
      throw new HttpError(409, 'A request with this idempotency key is in progress');
    }
    const existing = JSON.parse(existingText) as StoredRecord;
    // Fault `idempotency-ignores-body`: the key alone decides, so another body replays the first answer.
    if (existing.fingerprint !== fingerprint && !deps.faults.isOn('idempotency-ignores-body')) throw new HttpError(422, 'Idempotency key reused with a different request');
    if (existing.state === 'in-progress') {
      // Fault `idempotency-in-progress-ignored`: a duplicate in flight runs as a request of its own (IDEM-6).
      if (deps.faults.isOn('idempotency-in-progress-ignored')) return { idem: new Idempotency(deps, null, fingerprint, `req-${randomUUID()}`), replay: null };
      throw new HttpError(409, 'A request with this idempotency key is in progress');
    }
    return { idem: new Idempotency(deps, null, fingerprint, idem.commandRequestId), replay: { status: existing.status ?? 200, body: existing.body } };
  }

  /** Records a 2xx reply for replays during IDEMPOTENCY_TTL_HOURS. */
  async complete(status: number, body: unknown): Promise<void> {
    if (this.storeKey === null) return;
    const record: StoredRecord = { state: 'completed', fingerprint: this.fingerprint, status, body };
    const ttlSeconds = Math.max(1, Math.round(this.deps.config.idempotencyTtlHours * 3600));
    await this.deps.redis.set(this.storeKey, JSON.stringify(record), 'EX', ttlSeconds);
  }

  /** Drops the claim after a failed request so the key can be used again (IDEM-7, ERR-7). */
  async release(): Promise<void> {
    if (this.storeKey === null) return;
    await this.deps.redis.del(this.storeKey);
  }
}
