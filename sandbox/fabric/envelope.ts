import { common, peer } from '@hyperledger/fabric-protos';
import { proposalHash, type ParsedProposal } from './proposal';

/**
 * The transaction envelope a Fabric gateway prepares after endorsement, and its parsing at the
 * orderer/committer. Layout: Envelope.payload = Payload{header (the proposal's headers), data =
 * Transaction{actions: [TransactionAction{header: SignatureHeader, payload: ChaincodeActionPayload{
 * chaincode_proposal_payload, action: ChaincodeEndorsedAction{proposal_response_payload,
 * endorsements}}}]}}; the client signs SHA-256(Envelope.payload).
 */
export interface EndorsementResult {
  /** Chaincode response payload (the transaction result). */
  result: Uint8Array;
  /** TxReadWriteSet bytes. */
  rwSetBytes: Uint8Array;
  /** First chaincode event (ChaincodeAction carries one event, as in Fabric). */
  firstEvent?: peer.ChaincodeEvent;
}

export interface PeerIdentity {
  serialized: Uint8Array;
  sign: (message: Uint8Array) => Uint8Array;
}

/** Build ProposalResponsePayload bytes and the peer's endorsement over them. */
export function endorse(p: ParsedProposal, r: EndorsementResult, peerId: PeerIdentity): { prp: Uint8Array; endorsement: peer.Endorsement } {
  const response = new peer.Response();
  response.setStatus(200);
  response.setPayload(r.result);
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(p.chaincodeName);
  const action = new peer.ChaincodeAction();
  action.setResults(r.rwSetBytes);
  if (r.firstEvent) action.setEvents(r.firstEvent.serializeBinary());
  action.setResponse(response);
  action.setChaincodeId(chaincodeId);
  const prp = new peer.ProposalResponsePayload();
  prp.setProposalHash(proposalHash(p));
  prp.setExtension$(action.serializeBinary());
  const prpBytes = prp.serializeBinary();
  const endorsement = new peer.Endorsement();
  endorsement.setEndorser(peerId.serialized);
  endorsement.setSignature(peerId.sign(Buffer.concat([prpBytes, peerId.serialized])));
  return { prp: prpBytes, endorsement };
}

export function preparedEnvelope(p: ParsedProposal, prp: Uint8Array, endorsement: peer.Endorsement): common.Envelope {
  // The proposal payload goes into the transaction without its transient map (as Fabric does).
  const proposalPayload = peer.ChaincodeProposalPayload.deserializeBinary(p.payloadBytes);
  proposalPayload.getTransientmapMap().clear();
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(prp);
  endorsed.setEndorsementsList([endorsement]);
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setChaincodeProposalPayload(proposalPayload.serializeBinary());
  actionPayload.setAction(endorsed);
  const txAction = new peer.TransactionAction();
  txAction.setHeader(p.signatureHeaderBytes);
  txAction.setPayload(actionPayload.serializeBinary());
  const tx = new peer.Transaction();
  tx.setActionsList([txAction]);
  const header = new common.Header();
  header.setChannelHeader(p.channelHeaderBytes);
  header.setSignatureHeader(p.signatureHeaderBytes);
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(tx.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope;
}

export interface ParsedEnvelope {
  payload: Uint8Array;
  signature: Uint8Array;
  channelId: string;
  txId: string;
  headerType: number;
  timestamp: Date;
  creator: Uint8Array;
  nonce: Uint8Array;
  /** The endorsed action (first action of the transaction). */
  action?: {
    prp: Uint8Array;
    endorsements: Array<{ endorser: Uint8Array; signature: Uint8Array }>;
    rwSetBytes: Uint8Array;
    chaincodeName: string;
  };
}

export class EnvelopeFormatError extends Error {}

export function parseEnvelope(envelope: common.Envelope): ParsedEnvelope {
  try {
    const payloadBytes = envelope.getPayload_asU8();
    const payload = common.Payload.deserializeBinary(payloadBytes);
    const header = payload.getHeader();
    if (!header) throw new EnvelopeFormatError('missing header');
    const ch = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    const sh = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
    const ts = ch.getTimestamp();
    const parsed: ParsedEnvelope = {
      payload: payloadBytes,
      signature: envelope.getSignature_asU8(),
      channelId: ch.getChannelId(),
      txId: ch.getTxId(),
      headerType: ch.getType(),
      timestamp: ts ? new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6)) : new Date(0),
      creator: sh.getCreator_asU8(),
      nonce: sh.getNonce_asU8(),
    };
    const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
    const first = tx.getActionsList()[0];
    if (first) {
      const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(first.getPayload_asU8());
      const endorsed = actionPayload.getAction();
      if (endorsed) {
        const prp = endorsed.getProposalResponsePayload_asU8();
        const action = peer.ChaincodeAction.deserializeBinary(peer.ProposalResponsePayload.deserializeBinary(prp).getExtension_asU8());
        parsed.action = {
          prp,
          endorsements: endorsed.getEndorsementsList().map((e) => ({ endorser: e.getEndorser_asU8(), signature: e.getSignature_asU8() })),
          rwSetBytes: action.getResults_asU8(),
          chaincodeName: action.getChaincodeId()?.getName() ?? '',
        };
      }
    }
    return parsed;
  } catch (err) {
    if (err instanceof EnvelopeFormatError) throw err;
    throw new EnvelopeFormatError(`malformed envelope: ${(err as Error).message}`);
  }
}
