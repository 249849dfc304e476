import * as grpc from '@grpc/grpc-js';
import { gateway, peer as pb } from '@hyperledger/fabric-protos';
import {
  endorseFailure, evaluateFailure, GatewayRpcError, invalidArgument, notFound, permissionDenied, toServiceError, unavailable, type EndpointRef,
} from './errors';
import { followChaincodeEvents, startBlockOf } from './events';
import { IdentityError, verifySignature, type MspVerifier } from './identity';
import type { Ledger } from './ledger';
import type { Orderer } from './orderer';
import { ProposalRefused, type EndorsingPeer } from './peer';
import { parseSignedProposal, ProposalFormatError } from './proposal';

export interface GatewayDeps {
  channel: string;
  ledger: Ledger;
  peer: EndorsingPeer;
  orderer: Orderer;
  msp: MspVerifier;
  peerRef: EndpointRef;
  /** While `cut` is true every unary call fails at once with UNAVAILABLE (sandbox control: ledger cut); event streams stay up. */
  outage?: { cut: boolean };
}

const CUT_MESSAGE = 'failed to connect to peer: connection refused (sandbox control: the ledger is cut)';

type Unary<Req, Res> = grpc.handleUnaryCall<Req, Res>;

/**
 * The `gateway.Gateway` service of the emulated peer (fabric-protos service definition):
 * Evaluate, Endorse, Submit, CommitStatus and the ChaincodeEvents server stream.
 */
export function gatewayService(deps: GatewayDeps): grpc.UntypedServiceImplementation {
  const { channel, ledger, peer, orderer, msp, peerRef } = deps;

  const unary = <Req, Res>(fn: (req: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>): Unary<Req, Res> =>
    (call, callback) => {
      if (deps.outage?.cut) return callback(toServiceError(unavailable(CUT_MESSAGE)) as grpc.ServiceError);
      fn(call.request, call).then(
        (res) => callback(null, res),
        (err) => callback(toServiceError(err) as grpc.ServiceError),
      );
    };

  const proposalOf = (signed: pb.SignedProposal | undefined, onRefusal: (reason: string) => GatewayRpcError) => {
    try {
      return parseSignedProposal(signed);
    } catch (err) {
      if (err instanceof ProposalFormatError) throw signed ? onRefusal(err.message) : invalidArgument(err.message);
      throw err;
    }
  };

  /** Signed requests (CommitStatus, ChaincodeEvents) are checked by the gateway itself: PERMISSION_DENIED. */
  const checkSigned = (identityBytes: Uint8Array, request: Uint8Array, signature: Uint8Array, requestChannel: string) => {
    if (requestChannel !== channel) throw notFound(`channel not found: ${requestChannel}`);
    try {
      const identity = msp.verifyCreator(identityBytes);
      if (!verifySignature(identity, request, signature)) throw new IdentityError('signature validation failed');
    } catch (err) {
      if (err instanceof IdentityError) throw permissionDenied(`permission denied: ${err.message}`);
      throw err;
    }
  };

  const evaluate = unary<gateway.EvaluateRequest, gateway.EvaluateResponse>(async (req) => {
    const proposal = proposalOf(req.getProposedTransaction(), (m) => evaluateFailure(peerRef, m));
    try {
      const payload = await peer.evaluate(proposal);
      const response = new pb.Response();
      response.setStatus(200);
      response.setPayload(payload);
      const res = new gateway.EvaluateResponse();
      res.setResult(response);
      return res;
    } catch (err) {
      if (err instanceof ProposalRefused) throw evaluateFailure(peerRef, err.message);
      throw err;
    }
  });

  const endorse = unary<gateway.EndorseRequest, gateway.EndorseResponse>(async (req) => {
    const proposal = proposalOf(req.getProposedTransaction(), (m) => endorseFailure(peerRef, m));
    try {
      const { envelope } = await peer.endorse(proposal);
      const res = new gateway.EndorseResponse();
      res.setPreparedTransaction(envelope);
      return res;
    } catch (err) {
      if (err instanceof ProposalRefused) throw endorseFailure(peerRef, err.message);
      throw err;
    }
  });

  const submit = unary<gateway.SubmitRequest, gateway.SubmitResponse>(async (req) => {
    if (!req.getPreparedTransaction()) throw invalidArgument('a signed prepared transaction is required');
    orderer.broadcast(req.getPreparedTransaction());
    return new gateway.SubmitResponse();
  });

  const commitStatus: Unary<gateway.SignedCommitStatusRequest, gateway.CommitStatusResponse> = (call, callback) => {
    if (deps.outage?.cut) return callback(toServiceError(unavailable(CUT_MESSAGE)) as grpc.ServiceError);
    try {
      const bytes = call.request.getRequest_asU8();
      const req = gateway.CommitStatusRequest.deserializeBinary(bytes);
      checkSigned(req.getIdentity_asU8(), bytes, call.request.getSignature_asU8(), req.getChannelId());
      const txId = req.getTransactionId();
      const answer = () => {
        const status = ledger.txStatus(txId);
        if (!status) return false;
        const res = new gateway.CommitStatusResponse();
        res.setResult(status.validationCode as pb.TxValidationCodeMap[keyof pb.TxValidationCodeMap]);
        res.setBlockNumber(status.blockNumber);
        callback(null, res);
        return true;
      };
      if (answer()) return;
      // Wait for the transaction's block, as the peer does, until the client's deadline cancels the call.
      const stop = ledger.onCommit(() => {
        if (answer()) stop();
      });
      call.on('cancelled', stop);
    } catch (err) {
      callback(toServiceError(err) as grpc.ServiceError);
    }
  };

  const chaincodeEvents: grpc.handleServerStreamingCall<gateway.SignedChaincodeEventsRequest, gateway.ChaincodeEventsResponse> = (call) => {
    try {
      const bytes = call.request.getRequest_asU8();
      const req = gateway.ChaincodeEventsRequest.deserializeBinary(bytes);
      checkSigned(req.getIdentity_asU8(), bytes, call.request.getSignature_asU8(), req.getChannelId());
      if (!req.getChaincodeId()) throw invalidArgument('chaincode ID is required');
      const stop = followChaincodeEvents(
        ledger,
        { chaincodeName: req.getChaincodeId(), startBlock: startBlockOf(req.getStartPosition(), ledger), afterTransactionId: req.getAfterTransactionId() || undefined },
        (res) => call.write(res),
      );
      call.on('cancelled', stop);
      call.on('close', stop);
    } catch (err) {
      call.emit('error', toServiceError(err));
    }
  };

  return { evaluate, endorse, submit, commitStatus, chaincodeEvents };
}
