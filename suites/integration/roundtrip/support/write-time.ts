import type pg from 'pg';
import type { OutboxRow } from './outbox';

/**
 * When the deployment wrote a command's read-model effect, on its own clock: the §14 "ts" column
 * (createdAt for a new row, updatedAt for a changed one) of the rows the §8.2 effect writes, read
 * as soon as the effect is visible. Against the outbox row's COMMITTED time (the submitter's record
 * of the commit status) it gives the projector's lag without the runner's distance or polling in
 * it. Commands whose effect has no such column (a Loan row) have no server-side sample.
 */

interface EffectRows {
  /** One timestamptz `t`: the latest write among the effect's rows. */
  sql: string;
  params(payload: Record<string, unknown>, tenantId: string): unknown[];
}

const wallet = (column: 'createdAt' | 'updatedAt', key = 'userId'): EffectRows => ({
  sql: `SELECT max("${column}") AS t FROM "Wallet" WHERE "profileId" = $1`,
  params: (p) => [p[key]],
});
const byId = (table: string, idColumn: string, key: string, column: 'createdAt' | 'updatedAt'): EffectRows => ({
  sql: `SELECT "${column}" AS t FROM "${table}" WHERE "${idColumn}" = $1`,
  params: (p) => [p[key]],
});
const params = (keys: (p: Record<string, unknown>) => string[]): EffectRows => ({
  sql: `SELECT max("updatedAt") AS t FROM "SystemParameter" WHERE "tenantId" = $1 AND "paramKey" = ANY($2)`,
  params: (p, tenantId) => [tenantId, keys(p)],
});

function countryCodes(p: Record<string, unknown>): string[] {
  try {
    const list = JSON.parse(String(p.countriesJson)) as Array<{ code?: unknown; countryCode?: unknown }>;
    return list.map((c) => String(c.code ?? c.countryCode ?? '').toUpperCase());
  } catch {
    return [];
  }
}

const EFFECTS: Record<string, EffectRows> = {
  CREATE_USER: {
    sql: `SELECT GREATEST((SELECT "createdAt" FROM "UserProfile" WHERE "profileId" = $1), (SELECT max("createdAt") FROM "Wallet" WHERE "profileId" = $1)) AS t`,
    params: (p) => [p.userId],
  },
  UPDATE_USER_PROFILE: byId('UserProfile', 'profileId', 'userId', 'updatedAt'),
  APPOINT_ADMIN: byId('UserProfile', 'profileId', 'newAdminId', 'updatedAt'),
  SUBMIT_KYC: byId('KYCVerification', 'kycId', 'kycId', 'createdAt'),
  DISTRIBUTE_GENESIS: wallet('updatedAt'),
  FREEZE_WALLET: wallet('updatedAt'),
  UNFREEZE_WALLET: wallet('updatedAt'),
  TRANSFER_TOKENS: wallet('updatedAt', 'toUserId'),
  APPLY_VELOCITY_TAX: { sql: `SELECT max("updatedAt") AS t FROM "Wallet" WHERE "primaryAccountId" = $1`, params: (p) => [p.accountId] },
  PROPOSE_ORGANIZATION: byId('Organization', 'orgId', 'orgId', 'createdAt'),
  ENDORSE_MEMBERSHIP: byId('Organization', 'orgId', 'orgId', 'updatedAt'),
  ACTIVATE_ORGANIZATION: byId('Organization', 'orgId', 'orgId', 'updatedAt'),
  DEFINE_AUTH_RULE: byId('Organization', 'orgId', 'orgId', 'updatedAt'),
  INITIATE_MULTISIG_TX: byId('MultiSigTransaction', 'txId', 'pendingTxId', 'createdAt'),
  APPROVE_MULTISIG_TX: byId('MultiSigTransaction', 'txId', 'pendingTxId', 'updatedAt'),
  APPROVE_LOAN: {
    sql: `SELECT max(w."updatedAt") AS t FROM "Wallet" w JOIN "Loan" l ON l."borrowerId" = w."profileId" WHERE l."loanId" = $1`,
    params: (p) => [p.loanId],
  },
  SUBMIT_PROPOSAL: byId('Proposal', 'proposalId', 'proposalId', 'createdAt'),
  CAST_VOTE: byId('Proposal', 'proposalId', 'proposalId', 'updatedAt'),
  EXECUTE_PROPOSAL: byId('Proposal', 'proposalId', 'proposalId', 'updatedAt'),
  UPDATE_SYSTEM_PARAMETER: params((p) => [String(p.paramId)]),
  BOOTSTRAP_SYSTEM: params(() => ['SYSTEM_BOOTSTRAPPED']),
  PAUSE_SYSTEM: params(() => ['SYSTEM_STATUS']),
  RESUME_SYSTEM: params(() => ['SYSTEM_STATUS']),
  INITIALIZE_COUNTRY: params((p) => countryCodes(p).map((cc) => `COUNTRY_${cc}_INITIALIZED`)),
  ACTIVATE_TREASURY: params((p) => [`TREASURY_${String(p.countryCode).toUpperCase()}_STATUS`]),
};

/** The effect's write time, or null when the command type has no timed row; a failing query throws (it is evidence). */
export async function effectWrittenAt(db: pg.Pool, tenantId: string, row: OutboxRow): Promise<Date | null> {
  const effect = EFFECTS[row.commandType];
  if (!effect) return null;
  const { rows } = await db.query<{ t: Date | null }>(effect.sql, effect.params(row.payload, tenantId));
  return rows[0]?.t ?? null;
}

/** The §7.3 commit record on the deployment's clock: the outbox row's updatedAt once COMMITTED. */
export function committedAt(row: OutboxRow): Date | null {
  return row.status === 'COMMITTED' ? row.updatedAt : null;
}

/** The round trips' times on the deployment's clocks. */
export interface ServerTimes {
  /** ms from the COMMITTED record to the effect's write, per command type (negative clamped to 0). */
  lags: Map<string, number[]>;
  /** ms from the outbox row's insert (accepted, CMD-1) to its COMMITTED record. */
  commitLatencies: number[];
  /** Why some round trips have no server-side lag (no timed row, or the query failed). */
  unavailable: Map<string, string>;
}

export const newServerTimes = (): ServerTimes => ({ lags: new Map(), commitLatencies: [], unavailable: new Map() });

/** Records a committed round trip's accept → commit time (its effect need not be visible). */
export function recordCommit(times: ServerTimes, row: OutboxRow): void {
  const commit = committedAt(row);
  if (commit) times.commitLatencies.push(Math.max(0, commit.getTime() - row.createdAt.getTime()));
}

/** Records a committed round trip's lag, once its effect is visible. */
export async function recordLag(times: ServerTimes, db: pg.Pool, tenantId: string, row: OutboxRow): Promise<void> {
  const commit = committedAt(row);
  if (!commit) return;
  let written: Date | null;
  try {
    written = await effectWrittenAt(db, tenantId, row);
  } catch (error) {
    times.unavailable.set(row.commandType, `reading the effect's write time failed: ${(error as Error).message}`);
    return;
  }
  if (!written) {
    times.unavailable.set(row.commandType, EFFECTS[row.commandType] ? 'the effect row has no write time' : 'its effect rows carry no write-time column');
    return;
  }
  const list = times.lags.get(row.commandType) ?? [];
  list.push(Math.max(0, written.getTime() - commit.getTime()));
  times.lags.set(row.commandType, list);
}
