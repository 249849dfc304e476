import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { gateway, google } from '@hyperledger/fabric-protos';

/**
 * gRPC errors shaped like the Fabric peer's gateway service: a status code, a message, and
 * `google.rpc.Status` details (trailer `grpc-status-details-bin`) holding one `gateway.ErrorDetail`
 * {address, mspId, message} per failing endorser or orderer. The fabric-gateway client turns those
 * into `GatewayError.details` (and EndorseError / SubmitError / CommitStatusError around them).
 */
export interface EndpointRef {
  address: string;
  mspId: string;
}

export class GatewayRpcError extends Error {
  constructor(
    readonly code: status,
    message: string,
    readonly details: Array<EndpointRef & { message: string }> = [],
  ) {
    super(message);
  }

  toServiceError(): Partial<ServiceError> {
    const rpcStatus = new google.rpc.Status();
    rpcStatus.setCode(this.code);
    rpcStatus.setMessage(this.message);
    for (const detail of this.details) {
      const errorDetail = new gateway.ErrorDetail();
      errorDetail.setAddress(detail.address);
      errorDetail.setMspId(detail.mspId);
      errorDetail.setMessage(detail.message);
      const any = rpcStatus.addDetails();
      any.setTypeUrl('type.googleapis.com/gateway.ErrorDetail');
      any.setValue(errorDetail.serializeBinary());
    }
    const metadata = new Metadata();
    metadata.set('grpc-status-details-bin', Buffer.from(rpcStatus.serializeBinary()));
    return { code: this.code, details: this.message, metadata };
  }
}

/** Chaincode or proposal-check failure at the (only) endorsing peer: Endorse answers ABORTED. */
export function endorseFailure(peer: EndpointRef, reason: string): GatewayRpcError {
  return new GatewayRpcError(status.ABORTED, 'failed to endorse transaction, see attached details for more info', [
    { ...peer, message: reason },
  ]);
}

/** Evaluate failures come back as UNKNOWN with the endorser's text (as the Fabric 2.5 gateway does). */
export function evaluateFailure(peer: EndpointRef, reason: string): GatewayRpcError {
  return new GatewayRpcError(status.UNKNOWN, `evaluate call to endorser returned error: ${reason}`, [
    { ...peer, message: reason },
  ]);
}

/** The ordering service refused the envelope (Broadcast status FORBIDDEN / BAD_REQUEST). */
export function ordererRefusal(orderer: EndpointRef, broadcastStatus: 'FORBIDDEN' | 'BAD_REQUEST', info: string): GatewayRpcError {
  const message = `received unsuccessful response from orderer: status=${broadcastStatus}, info=${info}`;
  return new GatewayRpcError(status.ABORTED, message, [{ ...orderer, message }]);
}

/** The peer cannot be reached (sandbox control: ledger cut). */
export function unavailable(message: string): GatewayRpcError {
  return new GatewayRpcError(status.UNAVAILABLE, message);
}

export function invalidArgument(message: string): GatewayRpcError {
  return new GatewayRpcError(status.INVALID_ARGUMENT, message);
}

export function permissionDenied(message: string): GatewayRpcError {
  return new GatewayRpcError(status.PERMISSION_DENIED, message);
}

export function notFound(message: string): GatewayRpcError {
  return new GatewayRpcError(status.NOT_FOUND, message);
}

export function toServiceError(err: unknown): Partial<ServiceError> {
  if (err instanceof GatewayRpcError) return err.toServiceError();
  const message = err instanceof Error ? err.message : String(err);
  return { code: status.INTERNAL, details: message };
}
