import { createHash } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';

/** What the peer needs from a SignedProposal, decoded with the fabric-protos message types. */
export interface ParsedProposal {
  proposalBytes: Uint8Array;
  signature: Uint8Array;
  headerBytes: Uint8Array;
  payloadBytes: Uint8Array;
  channelHeaderBytes: Uint8Array;
  signatureHeaderBytes: Uint8Array;
  channelId: string;
  txId: string;
  timestamp: Date;
  creator: Uint8Array;
  nonce: Uint8Array;
  chaincodeName: string;
  /** Arguments as strings; args[0] is the function name (`Contract:Function`). */
  args: string[];
}

export class ProposalFormatError extends Error {}

export function parseSignedProposal(signed: peer.SignedProposal | undefined): ParsedProposal {
  if (!signed) throw new ProposalFormatError('a signed proposal is required');
  const proposalBytes = signed.getProposalBytes_asU8();
  try {
    const proposal = peer.Proposal.deserializeBinary(proposalBytes);
    const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
    const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
    if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) {
      throw new ProposalFormatError(`invalid header type ${channelHeader.getType()}`);
    }
    const extension = peer.ChaincodeHeaderExtension.deserializeBinary(channelHeader.getExtension_asU8());
    const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
    const invocation = peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8());
    const spec = invocation.getChaincodeSpec();
    const chaincodeName = extension.getChaincodeId()?.getName() || spec?.getChaincodeId()?.getName() || '';
    const args = (spec?.getInput()?.getArgsList_asU8() ?? []).map((a) => Buffer.from(a).toString('utf8'));
    const ts = channelHeader.getTimestamp();
    const timestamp = ts ? new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6)) : new Date(0);
    return {
      proposalBytes,
      signature: signed.getSignature_asU8(),
      headerBytes: proposal.getHeader_asU8(),
      payloadBytes: proposal.getPayload_asU8(),
      channelHeaderBytes: header.getChannelHeader_asU8(),
      signatureHeaderBytes: header.getSignatureHeader_asU8(),
      channelId: channelHeader.getChannelId(),
      txId: channelHeader.getTxId(),
      timestamp,
      creator: signatureHeader.getCreator_asU8(),
      nonce: signatureHeader.getNonce_asU8(),
      chaincodeName,
      args,
    };
  } catch (err) {
    if (err instanceof ProposalFormatError) throw err;
    throw new ProposalFormatError(`error unmarshalling proposal: ${(err as Error).message}`);
  }
}

/** Fabric's transaction id rule: hex(SHA-256(nonce ‖ creator)). */
export function expectedTxId(nonce: Uint8Array, creator: Uint8Array): string {
  return createHash('sha256').update(nonce).update(creator).digest('hex');
}

/** The proposal hash an endorsement commits to (header and payload bytes). */
export function proposalHash(p: ParsedProposal): Uint8Array {
  return createHash('sha256').update(p.channelHeaderBytes).update(p.signatureHeaderBytes).update(p.payloadBytes).digest();
}
