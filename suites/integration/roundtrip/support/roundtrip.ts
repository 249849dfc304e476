import type pg from 'pg';
import type { Endpoint } from '../../../../src/catalog/types';
import { endpointById } from '../../../../src/catalog/index';
import { SERVICES } from '../../../../src/catalog/services';
import type { LedgerEvent } from '../../../../src/clients/fabric';
import type { EvidenceItem } from '../../../../src/evidence/types';
import { brief } from '../../support/envelope';
import { sendTo, type EndpointRequest } from '../../support/requests';
import { commitSeenAt, until, type RoundTrip } from './context';
import { COMMAND_FUNCTIONS } from './functions';
import { trailProblem, trailText, watchRow, type OutboxRow } from './outbox';
import { recordCommit, recordLag } from './write-time';
import { argumentProblems, payloadProblems, requestView, tokenActor } from '../../exactness/payload';
import { world } from '../../support/requests';

/** Bounds: a command must commit and its effect show within these (the lag itself is judged by RT-LAG). */
export const COMMIT_TIMEOUT_MS = 30_000;
export const READ_MODEL_TIMEOUT_MS = 5_000;

/** What a command's round trip must show, besides the outbox row and the ledger transaction. */
export interface CommandSpec {
  commandType: string;
  /** Catalog id of the route (`#1`, `I4`). */
  endpoint: string;
  request: EndpointRequest;
  /** Event names the transaction must emit, in order (§7.2). */
  events: string[];
  /** The §8.2 effect is visible (polled from the 202 on; no event data needed). */
  visible(db: pg.Pool, row: OutboxRow | null): Promise<boolean>;
  /**
   * Any trace of the effect at all (a row the event writes, exact or not). With it, a missing effect
   * behind a checkpoint already past the event is told apart: no trace = skipped past (PROJ-5).
   */
  touched?(db: pg.Pool): Promise<boolean>;
  /** The effect is exactly the contract's, given the events: a list of problems (empty = exact). */
  verify(db: pg.Pool, row: OutboxRow, events: LedgerEvent[], ledger: LedgerFacts): Promise<string[]>;
}

/** What the ledger says of the committed transaction, for effects that must carry it. */
export interface LedgerFacts {
  /** Its transaction timestamp (channel header); null without `fabric` or when the envelope has none. */
  txTime: Date | null;
}

export interface RoundTripResult {
  commandType: string;
  endpoint: string;
  ok: boolean;
  problems: string[];
  commandId: string | null;
  row: OutboxRow | null;
  trail: string;
  events: LedgerEvent[];
  /**
   * ms from the ledger commit (its events' arrival on the suite's live ChaincodeEvents listener; the
   * outbox row's COMMITTED observation without `fabric`) to the read-model change.
   */
  lagMs: number | null;
  /** Whether the ledger part (qscc, events) was checked; false without a `fabric` profile section. */
  ledgerChecked: boolean;
  evidence: EvidenceItem[];
  /** The 202 body (ids the server assigned: loanId, proposalId, pendingTxId). */
  body: Record<string, unknown>;
  /** Who signed the ledger transaction (`<mspId>:<cert sha-256>`), when the ledger part was read (CMD-5). */
  signer?: string | null;
}

/** A step that could not be run, or failed: the scenario stops the chain there. */
export class StepFailed extends Error {
  constructor(readonly result: RoundTripResult) {
    super(`${result.commandType} (${result.endpoint}): ${result.problems.join('; ')}`);
  }
}

/**
 * One full round trip (IT-FAB-1..4): send the command, watch its OutboxCommand row go PENDING →
 * COMMITTED with fabricTxId and commitBlock, find the transaction on the ledger (qscc
 * GetTransactionByID: VALID, same block, the §7.2 function), read its events from the commit
 * block on the ChaincodeEvents stream, and check the read model against §8.2, timing the change.
 */
export async function roundTrip(rt: RoundTrip, spec: CommandSpec): Promise<RoundTripResult> {
  const endpoint: Endpoint = endpointById(spec.endpoint);
  const problems: string[] = [];
  const evidence: EvidenceItem[] = [];
  const result = (extra: Partial<RoundTripResult>): RoundTripResult => ({
    commandType: spec.commandType, endpoint: spec.endpoint, ok: problems.length === 0, problems, commandId: null, row: null, trail: '',
    events: [], lagMs: null, ledgerChecked: false, evidence, body: {}, ...extra,
  });

  const res = await sendTo(rt.ctx, endpoint, spec.request);
  const acceptedAt = Date.now();
  evidence.push(res.evidence);
  const body = (res.body ?? {}) as Record<string, unknown>;
  const commandId = typeof body.commandId === 'string' ? body.commandId : null;
  if (res.status !== 202 || !commandId) {
    problems.push(`the command was not accepted: expected 202 with a commandId, got ${brief(res)}`);
    return result({ body });
  }

  // The outbox row and the read model are watched side by side, so the change is timed as it lands.
  let rowDone = false;
  let latestRow: OutboxRow | null = null;
  const watching = watchRow(rt.db, commandId, COMMIT_TIMEOUT_MS).then((w) => { rowDone = true; latestRow = w.row; return w; });
  const seenAt = until(async () => spec.visible(rt.db, latestRow), COMMIT_TIMEOUT_MS + READ_MODEL_TIMEOUT_MS, 10,
    () => rowDone && latestRow !== null && (latestRow as OutboxRow).status === 'FAILED');
  // Awaited below, after the ledger part: a read that kept failing is reported there, not unhandled meanwhile.
  seenAt.catch(() => undefined);
  const watched = await watching;
  const row = watched.row;
  const trail = trailText(watched.trail);
  if (!row) {
    problems.push(`no OutboxCommand row with id ${commandId} (CMD-1)`);
    return result({ commandId, body, trail });
  }
  if (row.commandType !== spec.commandType) problems.push(`the row's commandType is ${row.commandType}, expected ${spec.commandType}`);
  // Exactness before the ledger (issue 10 item 5): the stored payload against the request, key by key.
  const actor = (r: typeof spec.request) => tokenActor(r) ?? (r.as ? world(rt.ctx).users[r.as].profileId : null);
  problems.push(...payloadProblems(spec.commandType, row.payload, requestView(spec.request, body, actor)));
  problems.push(...rowProblems(row, endpoint, rt.ctx.target.tenantId, body));
  const twins = ANSWERED_IDS[row.commandType] ? await twinRows(rt.db, row) : 0;
  if (twins > 0) problems.push(`${twins} more OutboxCommand row(s) of the tenant carry the same ${row.commandType} payload, created within ${TWIN_WINDOW_S} s: one accepted command made more than one row (CMD-1)`);
  if (row.status !== 'COMMITTED') {
    problems.push(watched.timedOut
      ? `the row did not reach COMMITTED within ${COMMIT_TIMEOUT_MS / 1000} s (states: ${trail})`
      : `the row ended ${row.status} (states: ${trail}; errorCode ${row.errorCode ?? 'null'}: ${row.error ?? ''})`);
    return result({ commandId, body, row, trail });
  }
  recordCommit(rt.server, row);
  const bad = trailProblem(watched.trail);
  if (bad) problems.push(`outbox states ${trail}: ${bad} (§7.3)`);
  if (!row.fabricTxId) problems.push('COMMITTED without a fabricTxId: the row does not record the transaction it sent (OUT-5)');
  if (row.commitBlock === null) problems.push('COMMITTED without a commitBlock (§7.3)');
  if (row.error !== null || row.errorCode !== null) problems.push(`COMMITTED with error/errorCode still set (${row.errorCode}: ${row.error})`);

  let events: LedgerEvent[] = [];
  /** Where the transaction's last event sits in the ledger (block, position among the block's events). */
  let lastEvent: { block: number; index: number } | null = null;
  let commitAt: number | null = watched.committedSeenAt;
  const facts: LedgerFacts = { txTime: null };
  let signer: string | null = null;
  const ledgerChecked = rt.fabric !== null && row.fabricTxId !== null && row.commitBlock !== null;
  if (ledgerChecked) {
    const txId = row.fabricTxId!;
    const block = Number(row.commitBlock);
    const tx = await rt.fabric!.transaction(txId);
    if (!tx) problems.push(`the ledger (qscc GetTransactionByID) does not know transaction ${txId}, the COMMITTED row's fabricTxId: the row does not record the transaction it sent (OUT-5)`);
    else {
      evidence.push({ note: `qscc GetTransactionByID ${txId}`, response: `block ${tx.blockNumber}, ${tx.validationName}, ${tx.fn}(${tx.args.map((a) => JSON.stringify(a.length > 80 ? `${a.slice(0, 80)}…` : a)).join(', ')})` });
      facts.txTime = tx.timestamp;
      signer = tx.creator ? `${tx.creator.mspId}:${tx.creator.certSha256}` : null;
      if (tx.validationName !== 'VALID') problems.push(`ledger transaction ${txId} is ${tx.validationName}, not VALID`);
      if (tx.blockNumber !== block) problems.push(`ledger transaction ${txId} is in block ${tx.blockNumber}, the row says ${block}`);
      if (tx.fn !== COMMAND_FUNCTIONS[spec.commandType]) problems.push(`ledger transaction calls ${tx.fn}, §7.2 maps ${spec.commandType} to ${COMMAND_FUNCTIONS[spec.commandType]}`);
      else problems.push(...argumentProblems(spec.commandType, row.payload, tx.args));
    }
    const all = await rt.fabric!.events(block, (got) => got.filter((e) => e.txId === txId).length >= spec.events.length || got.some((e) => e.blockNumber > block), 3_000);
    events = all.filter((e) => e.txId === txId);
    const inBlock = all.filter((e) => e.blockNumber === block);
    const index = inBlock.map((e) => e.txId).lastIndexOf(txId);
    if (index >= 0) lastEvent = { block, index };
    const names = events.map((e) => e.name);
    evidence.push({ note: `ChaincodeEvents from block ${block}`, response: names.join(', ') || '(none)' });
    if (names.join(',') !== spec.events.join(',')) problems.push(`events of ${txId}: [${names.join(', ')}], expected [${spec.events.join(', ')}] (§7.2)`);
    // Lag starts at the commit as a network client observes it: the arrival of the transaction's
    // events on this check's own live listener (a peer sends them only once the block is committed).
    // Not the payload timestamp: that is the proposal's creation, before endorsement and ordering.
    const arrived = await commitSeenAt(rt, txId);
    if (arrived !== null) {
      commitAt = arrived;
      rt.commitLatencies.push(Math.max(0, arrived - acceptedAt));
    }
    else problems.push(`the live ChaincodeEvents listener never received the events of ${txId}`);
  }

  const visibleAt = await seenAt;
  let lagMs: number | null = null;
  if (visibleAt === null) {
    const missing = `the read model did not show the ${spec.commandType} effect within ${READ_MODEL_TIMEOUT_MS / 1000} s of the commit`;
    const passed = lastEvent && spec.touched && !(await spec.touched(rt.db)) ? await checkpointPast(rt, lastEvent) : null;
    problems.push(passed
      ? `${missing}, yet the projector's checkpoint (block ${passed.block}, event ${passed.index}) is already past its event (block ${lastEvent!.block}, event ${lastEvent!.index}) and none of its writes is there: the event was skipped past (PROJ-5)`
      : `${missing} (§8.2)`);
  }
  else {
    if (commitAt !== null) lagMs = Math.max(0, visibleAt - commitAt);
    await recordLag(rt.server, rt.db, rt.ctx.target.tenantId, row);
    // A problem that names its own rule keeps it; the rest are §8.2 effects.
    problems.push(...(await spec.verify(rt.db, row, events, facts)).map((p) => (/\((PROJ-\d+)\)$/.test(p) ? `read model: ${p}` : `read model: ${p} (§8.2)`)));
  }
  if (lagMs !== null) {
    const list = rt.lags.get(spec.commandType) ?? [];
    list.push(lagMs);
    rt.lags.set(spec.commandType, list);
  }
  return result({ commandId, body, row, trail, events, lagMs, ledgerChecked, signer });
}

/** Runs a step and throws StepFailed when it did not round-trip, so the chain stops there. */
export async function mustRoundTrip(rt: RoundTrip, spec: CommandSpec, record: (r: RoundTripResult) => void): Promise<RoundTripResult> {
  const r = await roundTrip(rt, spec);
  record(r);
  if (!r.ok) throw new StepFailed(r);
  return r;
}

/** The payload value of the events' first event named `name`. */
export function eventField(events: LedgerEvent[], name: string, field: string): unknown {
  return events.find((e) => e.name === name)?.payload[field];
}

/**
 * PROJ-5: the main-projector checkpoint (PROJ-1 key) when it is at or past `event`, else null (no
 * row, or not there yet: then a missing effect may be lag, not a skip).
 */
async function checkpointPast(rt: RoundTrip, event: { block: number; index: number }): Promise<{ block: number; index: number } | null> {
  const channel = rt.ctx.target.fabric?.channel ?? 'gxchannel';
  const { rows } = await rt.db.query<{ block: string | null; index: number | null }>(
    `SELECT "lastBlock"::text AS block, "lastEventIndex" AS index FROM "ProjectorState" WHERE "tenantId" = $1 AND "projectorName" = 'main-projector' AND "channel" = $2`,
    [rt.ctx.target.tenantId, channel],
  );
  const at = rows[0];
  if (!at || at.block === null || at.index === null) return null;
  const cp = { block: Number(at.block), index: at.index };
  return cp.block > event.block || (cp.block === event.block && cp.index >= event.index) ? cp : null;
}

/** Per command type, the id its 202 answers (CMD-4) and the payload key the ledger receives it under. */
const ANSWERED_IDS: Record<string, [reply: string, payload: string]> = {
  CREATE_USER: ['profileId', 'userId'], SUBMIT_KYC: ['kycId', 'kycId'], APPLY_FOR_LOAN: ['loanId', 'loanId'],
  SUBMIT_PROPOSAL: ['proposalId', 'proposalId'], INITIATE_MULTISIG_TX: ['pendingTxId', 'pendingTxId'],
};

/**
 * CMD-2: the row names its tenant, its producing service (§1 name) and a requestId. CMD-4: an id
 * the 202 answered is the id the ledger is sent (and so the read-model key the client looks up).
 */
export function rowProblems(row: OutboxRow, endpoint: Endpoint, tenantId: string, reply: Record<string, unknown>): string[] {
  const out: string[] = [];
  const service = SERVICES[endpoint.service].name;
  if (row.service !== service) out.push(`the row's service is ${JSON.stringify(row.service)}, not the producing service ${service} (CMD-2)`);
  if (row.tenantId !== tenantId) out.push(`the row's tenantId is ${JSON.stringify(row.tenantId)}, not the target's tenant ${JSON.stringify(tenantId)} (CMD-2)`);
  if (typeof row.requestId !== 'string' || row.requestId === '') out.push('the row has no requestId (CMD-2)');
  const [key, arg] = ANSWERED_IDS[row.commandType] ?? [];
  const answered = key ? reply[key] : undefined;
  if (typeof answered === 'string' && arg && arg in row.payload && row.payload[arg] !== answered) {
    out.push(`the 202 answered ${key} ${JSON.stringify(answered)}, but the ledger is sent ${arg} ${JSON.stringify(row.payload[arg])} (CMD-4)`);
  }
  return out;
}

/** Seconds around a row's createdAt in which a copy of it counts as the same command inserted twice. */
const TWIN_WINDOW_S = 10;

/**
 * CMD-1: other rows of the tenant with the same commandType and payload, created around it. Asked
 * only for commands whose payload carries an id the server made for this request (ANSWERED_IDS),
 * so a copy can only be the one command inserted twice.
 */
async function twinRows(db: pg.Pool, row: OutboxRow): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "OutboxCommand"
      WHERE "tenantId" = $1 AND "id" <> $2 AND "commandType"::text = $3 AND "payload" = $4::jsonb
        AND "createdAt" BETWEEN $5::timestamptz - make_interval(secs => $6) AND $5::timestamptz + make_interval(secs => $6)`,
    [row.tenantId, row.id, row.commandType, JSON.stringify(row.payload), row.createdAt, TWIN_WINDOW_S],
  );
  return rows[0].n;
}
