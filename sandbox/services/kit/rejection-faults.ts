import type { Request } from 'express';
import { CATALOG } from '../../../src/catalog/index';
import type { ServiceKey } from '../../../src/catalog/services';
import type { ServiceDeps } from '../deps';
import { HttpError, reasonPhrase } from './envelope';
import type { Idempotency } from './idempotency';
import { insertCommand } from './outbox';

/**
 * Guarded spots for ERR-7 / IDEM-7 (sandbox/faults/rule-faults.ts): what a route does with its
 * own rejection. Correct: nothing written, the idempotency claim released. Faults:
 * `rejected-command-written` — a command route that rejects a request after its shape was
 * accepted (a state or business rule) has already inserted its OutboxCommand row;
 * `idempotency-records-errors` — a rejection is stored under the key like a 2xx reply.
 */
export async function afterRejection(
  deps: ServiceDeps, service: ServiceKey, req: Request, tenantId: string, idem: Idempotency, err: unknown,
): Promise<void> {
  const rejected = err instanceof HttpError && err.status >= 400 && err.status < 500;
  if (rejected && deps.faults.isOn('idempotency-records-errors')) {
    await idem.complete(err.status, { error: reasonPhrase(err.status), message: err.message });
  } else {
    await idem.release();
  }
  if (!rejected || !deps.faults.isOn('rejected-command-written')) return;
  const endpoint = CATALOG.find((e) => e.service === service && e.method === req.method && e.path === (req.route?.path as string | undefined));
  if (endpoint?.kind !== 'command' || !endpoint.commandType) return;
  const payload = Object.fromEntries(Object.entries({ ...req.params, ...(req.body ?? {}) }).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  await insertCommand(deps.db, { tenantId, service, requestId: `rejected-${idem.commandRequestId}`, commandType: endpoint.commandType, payload });
}
