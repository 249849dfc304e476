import { status as GrpcStatus } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';

const GRPC_NAMES = Object.fromEntries(Object.entries(GrpcStatus).filter(([, v]) => typeof v === 'number').map(([k, v]) => [v, k])) as Record<number, string>;

/** gRPC status codes that mean "the ledger is not reachable or not answering" (breaker failures, OUT-9). */
const UNAVAILABLE_CODES = new Set<number>([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.RESOURCE_EXHAUSTED, GrpcStatus.CANCELLED]);

export interface ClassifiedError {
  /** OUT-8 errorCode: the gRPC status name, or UNKNOWN_ERROR. */
  errorCode: string;
  /** Operator text: the gateway message plus the endorser/orderer details. */
  error: string;
  /** Counts against the circuit breaker (the ledger did not answer), as opposed to a refusal. */
  unavailable: boolean;
}

export function classifyLedgerError(err: unknown): ClassifiedError {
  if (err instanceof GatewayError) {
    const details = err.details.map((d) => `${d.address} (${d.mspId}): ${d.message}`).join('; ');
    return {
      errorCode: GRPC_NAMES[err.code] ?? String(err.code),
      error: details ? `${err.message}: ${details}` : err.message,
      unavailable: UNAVAILABLE_CODES.has(err.code),
    };
  }
  return { errorCode: 'UNKNOWN_ERROR', error: err instanceof Error ? err.message : String(err), unavailable: true };
}

const VALIDATION_NAMES = Object.fromEntries(Object.entries(peer.TxValidationCode).map(([k, v]) => [v, k])) as Record<number, string>;

/** TxValidationCode name of a commit status code (MVCC_READ_CONFLICT, ENDORSEMENT_POLICY_FAILURE, ...). */
export function validationCodeName(code: number): string {
  return VALIDATION_NAMES[code] ?? String(code);
}
