import { createId } from '@paralleldrive/cuid2';
import type pg from 'pg';
import type { ServiceKey } from '../../../src/catalog/services';
import { SERVICES } from '../../../src/catalog/services';
import type { FaultSwitchboard } from '../../faults/switchboard';
import { toScaled } from './decimal';

/** Values of a §7.2 payload: argument strings, plus extra keys that may be null. */
export type CommandPayload = Record<string, string | null>;

export interface NewCommand {
  tenantId: string;
  service: ServiceKey;
  requestId: string;
  commandType: string;
  /** Exactly the §7.2 argument names and extra keys. */
  payload: CommandPayload;
}

export interface CommandOptions {
  faults?: FaultSwitchboard;
  /** The raw request body; only fault `mass-assignment` reads it (merging unknown fields in). */
  rawBody?: Record<string, unknown>;
}

/**
 * CMD-1/CMD-2: inserts exactly one PENDING OutboxCommand row (attempts 0) and returns its id,
 * the commandId answered with 202. Unknown request fields never reach the payload (VAL-2)
 * unless fault `mass-assignment` is on.
 */
export async function insertCommand(client: pg.Pool | pg.PoolClient, command: NewCommand, options: CommandOptions = {}): Promise<string> {
  const id = createId();
  let payload: Record<string, unknown> = command.payload;
  if (options.rawBody !== undefined && options.faults?.isOn('mass-assignment')) payload = { ...options.rawBody, ...command.payload };
  // Fault `payload-amount-rescaled`: amounts are stored in nano-units ("1" → "1000000000"), the ledger scale leaking into the payload.
  if (typeof payload.amount === 'string' && options.faults?.isOn('payload-amount-rescaled')) payload = { ...payload, amount: String(toScaled(payload.amount) ?? payload.amount) };
  await client.query(
    `INSERT INTO "OutboxCommand" ("id", "tenantId", "service", "requestId", "commandType", "payload", "status", "attempts", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5::"CommandType", $6::jsonb, 'PENDING', 0, now(), now())`,
    // Fault `outbox-service-key`: the service's short key ('tokenomics') where its §1 name goes (CMD-2).
    [id, command.tenantId, options.faults?.isOn('outbox-service-key') ? command.service : SERVICES[command.service].name, command.requestId, command.commandType, JSON.stringify(payload)],
  );
  // Fault `outbox-double-insert`: a "retry" inserts the command a second time under another requestId (CMD-1: exactly one row).
  if (options.faults?.isOn('outbox-double-insert')) {
    await client.query(
      `INSERT INTO "OutboxCommand" ("id", "tenantId", "service", "requestId", "commandType", "payload", "status", "attempts", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5::"CommandType", $6::jsonb, 'PENDING', 0, now(), now())`,
      [createId(), command.tenantId, SERVICES[command.service].name, `${command.requestId}-retry`, command.commandType, JSON.stringify(payload)],
    );
  }
  return id;
}
