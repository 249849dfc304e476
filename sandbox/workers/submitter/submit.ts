import type { Contract } from '@hyperledger/fabric-gateway';
import type pg from 'pg';
import type { FaultSwitchboard } from '../../faults/switchboard';
import { classifyLedgerError, validationCodeName, type ClassifiedError } from './ledger-errors';
import { MappingError, toLedgerCall } from './mapping';
import { markCommitted, markSubmitted, recordTxId, type Owner } from './outcome';
import type { OutboxRow } from './row';

/** What one attempt ended in. `unknown`: the transaction may still commit; the row is left for lock-timeout resolution (OUT-5). */
export type AttemptResult =
  | { kind: 'committed'; block: bigint; txId: string }
  | { kind: 'failed'; failure: ClassifiedError }
  | { kind: 'unknown'; failure: ClassifiedError }
  | { kind: 'lost' };

export interface SubmitContext {
  db: pg.Pool;
  contract: Contract;
  /** The operator identity's contract: fault submitter-operator-identity signs admin commands with it (CMD-5). */
  operatorContract?: Contract;
  owner: Owner;
  faults?: FaultSwitchboard;
  /** Called once per ledger transaction with its duration, endorsement through commit status. */
  observe?: (seconds: number) => void;
}

/**
 * One attempt of one command (§7.3): build the call from the payload, record the transaction id,
 * endorse, submit for ordering (→ SUBMITTED), wait for the commit status (VALID → COMMITTED).
 */
export async function submitCommand(row: OutboxRow, ctx: SubmitContext): Promise<AttemptResult> {
  let call;
  try {
    call = toLedgerCall(row.commandType, row.payload, ctx.faults);
  } catch (err) {
    if (err instanceof MappingError) return { kind: 'failed', failure: { errorCode: 'INVALID_COMMAND', error: err.message, unavailable: false } };
    throw err;
  }
  const asOperator = ctx.operatorContract && ctx.faults?.isOn('submitter-operator-identity') && call.fn.startsWith('AdminContract:');
  const proposal = (asOperator ? ctx.operatorContract! : ctx.contract).newProposal(call.fn, { arguments: call.args });
  const txId = proposal.getTransactionId();
  // Fault submitter-records-wrong-txid: the command id is recorded where the transaction id goes (OUT-5).
  const recorded = ctx.faults?.isOn('submitter-records-wrong-txid') ? row.id : txId;
  if (!(await recordTxId(ctx.db, ctx.owner, recorded))) return { kind: 'lost' };

  const started = performance.now();
  // Nothing reaches the orderer before 'submit'; after it, only a commit status tells what happened.
  let phase: 'endorse' | 'submit' | 'status' = 'endorse';
  try {
    const transaction = await proposal.endorse();
    phase = 'submit';
    const commit = await transaction.submit();
    phase = 'status';
    await markSubmitted(ctx.db, ctx.owner);
    const status = await commit.getStatus();
    if (status.successful) {
      await markCommitted(ctx.db, ctx.owner, status.blockNumber);
      return { kind: 'committed', block: status.blockNumber, txId };
    }
    const name = validationCodeName(status.code);
    return { kind: 'failed', failure: { errorCode: name, error: `Transaction ${txId} committed invalid in block ${status.blockNumber}: ${name}`, unavailable: false } };
  } catch (err) {
    const failure = classifyLedgerError(err);
    const known = phase === 'endorse' || (phase === 'submit' && !failure.unavailable);
    return known ? { kind: 'failed', failure } : { kind: 'unknown', failure };
  } finally {
    ctx.observe?.((performance.now() - started) / 1000);
  }
}
