import { common } from '@hyperledger/fabric-protos';
import type { FaultSwitchboard } from '../faults/switchboard';
import { EnvelopeFormatError, parseEnvelope } from './envelope';
import { ordererRefusal, type EndpointRef } from './errors';
import { IdentityError, verifySignature, type MspVerifier } from './identity';
import type { Ledger, OrderedTx } from './ledger';
import type { EndorsingPeer } from './peer';
import { decodeRwSet } from './simulator';

export interface OrdererOptions {
  channel: string;
  ledger: Ledger;
  peer: EndorsingPeer;
  msp: MspVerifier;
  faults: FaultSwitchboard;
  ref: EndpointRef;
  /** Cut a block this long after its first transaction arrived (Fabric BatchTimeout). */
  batchTimeoutMs?: number;
  /** Cut a block once it holds this many transactions (Fabric MaxMessageCount). */
  maxMessageCount?: number;
}

/** With fault `fabric-slow-commit` every block commit takes this much longer. */
export const SLOW_COMMIT_MS = 500;

/**
 * Ordering service and committer in one: Broadcast checks the envelope (well-formed, this channel,
 * creator in the channel MSP, creator's signature over the payload: the channel Writers policy),
 * then transactions are batched into blocks and committed one block at a time, in order.
 */
export class Orderer {
  private queue: OrderedTx[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly opts: OrdererOptions) {}

  broadcast(envelope: common.Envelope | undefined): void {
    const { ref, channel, msp } = this.opts;
    if (this.stopped) throw ordererRefusal(ref, 'BAD_REQUEST', 'the ordering service is stopping');
    if (!envelope) throw ordererRefusal(ref, 'BAD_REQUEST', 'a signed prepared transaction is required');
    let parsed;
    try {
      parsed = parseEnvelope(envelope);
    } catch (err) {
      if (err instanceof EnvelopeFormatError) throw ordererRefusal(ref, 'BAD_REQUEST', err.message);
      throw err;
    }
    if (parsed.channelId !== channel) throw ordererRefusal(ref, 'BAD_REQUEST', `channel ${parsed.channelId} not found`);
    if (parsed.headerType !== common.HeaderType.ENDORSER_TRANSACTION) throw ordererRefusal(ref, 'BAD_REQUEST', `unsupported header type ${parsed.headerType}`);
    const writersRefusal = "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied";
    try {
      const creator = msp.verifyCreator(parsed.creator);
      if (!verifySignature(creator, parsed.payload, parsed.signature)) throw new IdentityError('signature over the envelope payload is not valid');
    } catch (err) {
      if (err instanceof IdentityError) throw ordererRefusal(ref, 'FORBIDDEN', `${writersRefusal} (${err.message})`);
      throw err;
    }
    this.enqueue({
      txId: parsed.txId,
      envelope: envelope.serializeBinary(),
      timestamp: parsed.timestamp,
      rwSet: parsed.action ? safeDecode(parsed.action.chaincodeName, parsed.action.rwSetBytes) : null,
      endorsed: parsed.action ? this.endorsementValid(parsed.action.prp, parsed.action.endorsements) : false,
      events: parsed.action ? this.opts.peer.takeEvents(parsed.action.prp) : [],
    });
  }

  /** Endorsement policy of gxtv3: a valid signature of an Org1MSP peer over (payload ‖ endorser). */
  private endorsementValid(prp: Uint8Array, endorsements: Array<{ endorser: Uint8Array; signature: Uint8Array }>): boolean {
    if (endorsements.length === 0) return false;
    return endorsements.every((e) => {
      try {
        const endorser = this.opts.msp.verifyCreator(e.endorser);
        return endorser.subject.split('\n').includes('OU=peer') && verifySignature(endorser, Buffer.concat([prp, e.endorser]), e.signature);
      } catch {
        return false;
      }
    });
  }

  private enqueue(tx: OrderedTx): void {
    this.queue.push(tx);
    if (this.queue.length >= (this.opts.maxMessageCount ?? 10)) this.cut();
    else if (!this.timer) this.timer = setTimeout(() => this.cut(), this.opts.batchTimeoutMs ?? 20);
  }

  private cut(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const max = this.opts.maxMessageCount ?? 10;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, max);
      this.chain = this.chain.then(() => this.commit(batch));
    }
  }

  private async commit(batch: OrderedTx[]): Promise<void> {
    if (this.opts.faults.isOn('fabric-slow-commit')) await new Promise((r) => setTimeout(r, SLOW_COMMIT_MS));
    this.opts.ledger.commitBlock(batch);
  }

  /** Stop accepting; commit what was already accepted. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cut();
    await this.chain;
  }
}

function safeDecode(namespace: string, bytes: Uint8Array) {
  try {
    return decodeRwSet(namespace, bytes);
  } catch {
    return null;
  }
}
