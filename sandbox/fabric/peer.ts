import { createHash } from 'node:crypto';
import { peer as pb } from '@hyperledger/fabric-protos';
import { ChaincodeError, Context } from './chaincode/context';
import type { Chaincode } from './chaincode/registry';
import { endorse, preparedEnvelope, type PeerIdentity } from './envelope';
import { IdentityError, verifySignature, type MspVerifier } from './identity';
import type { ChaincodeEventRecord, Ledger } from './ledger';
import { expectedTxId, ProposalFormatError, type ParsedProposal } from './proposal';
import { invokeQscc } from './qscc';
import { encodeRwSet, TxSimulator } from './simulator';

/** Why a proposal was refused: the text a Fabric endorser puts into its error response. */
export class ProposalRefused extends Error {}

export interface Simulation {
  result: Uint8Array;
  events: ChaincodeEventRecord[];
}

const MAX_PENDING_ENDORSEMENTS = 10_000;

/**
 * The endorsing peer: checks a signed proposal (creator in the channel MSP, signature, transaction
 * id, channel, no duplicate id), runs the chaincode against committed state, and endorses the
 * result. Events of an endorsement are kept until its transaction commits, keyed by the hash of the
 * signed ProposalResponsePayload (see Context for why a transaction may carry several events).
 */
export class EndorsingPeer {
  private readonly pendingEvents = new Map<string, ChaincodeEventRecord[]>();

  constructor(
    private readonly opts: {
      channel: string;
      chaincodeName: string;
      chaincode: Chaincode;
      ledger: Ledger;
      msp: MspVerifier;
      identity: PeerIdentity;
      /** The sandbox's fault switches, read by the chaincode (Context.faultOn). */
      faults?: { isOn(name: string): boolean };
    },
  ) {}

  /** Run a proposal without endorsing it (Evaluate). */
  async evaluate(p: ParsedProposal): Promise<Uint8Array> {
    this.checkProposal(p);
    if (p.chaincodeName === 'qscc') return this.callChaincode(() => invokeQscc(this.opts.ledger, p.args));
    return (await this.simulate(p, new TxSimulator(this.opts.ledger))).result;
  }

  /** Simulate and endorse; returns the prepared transaction envelope for the client to sign. */
  async endorse(p: ParsedProposal) {
    this.checkProposal(p);
    if (this.opts.ledger.txStatus(p.txId)) throw new ProposalRefused(`duplicate transaction found [${p.txId}]. Creator [${p.creator.length} bytes]`);
    if (p.chaincodeName !== this.opts.chaincodeName) throw new ProposalRefused(`chaincode ${p.chaincodeName} cannot be endorsed on channel ${this.opts.channel}`);
    const sim = new TxSimulator(this.opts.ledger);
    const { result, events } = await this.simulate(p, sim);
    const firstEvent = events[0] ? toEventProto(events[0]) : undefined;
    const { prp, endorsement } = endorse(p, { result, rwSetBytes: encodeRwSet(p.chaincodeName, sim.rwSet()), firstEvent }, this.opts.identity);
    if (this.pendingEvents.size >= MAX_PENDING_ENDORSEMENTS) {
      // Endorsed but never submitted transactions are dropped oldest first.
      this.pendingEvents.delete(this.pendingEvents.keys().next().value as string);
    }
    this.pendingEvents.set(hashHex(prp), events);
    return { envelope: preparedEnvelope(p, prp, endorsement), result };
  }

  /** Events of the endorsement whose ProposalResponsePayload is `prp` (removed once taken). */
  takeEvents(prp: Uint8Array): ChaincodeEventRecord[] {
    const key = hashHex(prp);
    const events = this.pendingEvents.get(key) ?? [];
    this.pendingEvents.delete(key);
    return events;
  }

  private checkProposal(p: ParsedProposal): void {
    if (p.channelId !== this.opts.channel) throw new ProposalRefused(`access denied: channel [${p.channelId}] not found`);
    let identity;
    try {
      identity = this.opts.msp.verifyCreator(p.creator);
    } catch (err) {
      if (err instanceof IdentityError) throw new ProposalRefused(err.message);
      throw err;
    }
    if (!verifySignature(identity, p.proposalBytes, p.signature)) {
      throw new ProposalRefused(`access denied: channel [${p.channelId}] creator org [${identity.mspId}]: the creator's signature over the proposal is not valid`);
    }
    if (p.txId !== expectedTxId(p.nonce, p.creator)) throw new ProposalRefused(`incorrectly formed txid [${p.txId}]`);
  }

  private async simulate(p: ParsedProposal, sim: TxSimulator): Promise<Simulation> {
    if (p.chaincodeName !== this.opts.chaincodeName) throw new ProposalRefused(`make sure the chaincode ${p.chaincodeName} has been successfully defined on channel ${this.opts.channel} and try again: chaincode ${p.chaincodeName} not found`);
    const identity = this.opts.msp.verifyCreator(p.creator);
    const ctx = new Context(sim, p.txId, p.timestamp, { mspId: identity.mspId, subject: identity.subject }, this.opts.faults);
    const result = await this.callChaincode(() => this.opts.chaincode.invoke(ctx, p.args));
    const events = ctx.events.map((e) => ({ chaincodeName: p.chaincodeName, txId: p.txId, eventName: e.name, payload: e.payload }));
    return { result, events };
  }

  /** Chaincode refusals become Fabric's `chaincode response 500, <message>` text. */
  private async callChaincode<T>(fn: () => T | Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ChaincodeError) throw new ProposalRefused(`chaincode response 500, ${err.message}`);
      if (err instanceof ProposalFormatError) throw new ProposalRefused(err.message);
      throw new ProposalRefused(`chaincode response 500, ${(err as Error).message ?? String(err)}`);
    }
  }
}

export function toEventProto(e: ChaincodeEventRecord): pb.ChaincodeEvent {
  const event = new pb.ChaincodeEvent();
  event.setChaincodeId(e.chaincodeName);
  event.setTxId(e.txId);
  event.setEventName(e.eventName);
  event.setPayload(e.payload);
  return event;
}

function hashHex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
