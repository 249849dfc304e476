import type { FaultSwitchboard } from '../../../faults/switchboard';

/** A query inside the projector's open transaction (the effect and the checkpoint commit together, PROJ-3). */
export type Query = <R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: R[]; rowCount: number | null }>;

export interface HandlerContext {
  q: Query;
  tenantId: string;
  txId: string;
  block: bigint;
  /** Ledger transaction time (PROJ-7). */
  at: Date;
  faults: FaultSwitchboard;
  /** Runs `work` in a transaction of its own, committed at once: only fault projector-split-transfer uses it. */
  own(work: (q: Query) => Promise<void>): Promise<void>;
}

/** What an event did: `ignored` = acknowledged with no read-model change (PROJ-6 and the UserCreated email clash). */
export type Outcome = 'applied' | 'ignored';

export interface EventHandler<P = any> {
  /** Validates the payload against the §8.2 catalog; a failure blocks progress at this event (PROJ-5). */
  parse(payload: unknown, faults: FaultSwitchboard): P;
  apply(ctx: HandlerContext, payload: P): Promise<Outcome>;
}

/** The read model lacks something an event needs (a wallet, a proposal...): the event fails and is retried. */
export class EffectError extends Error {}

/** An UPDATE that must touch exactly one existing row; otherwise the event fails with `missing` (PROJ-5). */
export async function updateOne(ctx: HandlerContext, sql: string, params: unknown[], missing: string): Promise<Outcome> {
  const res = await ctx.q(sql, params);
  if (res.rowCount !== 1) throw new EffectError(missing);
  return 'applied';
}

/**
 * PROJ-11 status values. Fault `projector-status-casing` writes them the way the queries never
 * filter: `Active`, `pending_approval`.
 */
export function statusValue(value: string, faults: FaultSwitchboard): string {
  if (!faults.isOn('projector-status-casing')) return value;
  return value.includes('_') ? value.toLowerCase() : value.charAt(0) + value.slice(1).toLowerCase();
}
