import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type ChaincodeEvent, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { createHash, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Target } from '../profile/target';

/**
 * The suite's ledger client: the unmodified @hyperledger/fabric-gateway client, built from the
 * profile's `fabric` section (endpoint, TLS CA, MSP id, certificate and key files). Only
 * evaluations (queries, qscc) and the ChaincodeEvents stream: the suite never submits.
 */

export interface LedgerTx {
  txId: string;
  blockNumber: number;
  validationCode: number;
  validationName: string;
  /** Chaincode function (`Contract:Function`) and its string arguments, from the envelope. */
  fn: string | null;
  args: string[];
  /** The transaction timestamp of its channel header (ms precision), null when the envelope carries none. */
  timestamp: Date | null;
  /** Who signed it (signature header creator): MSP id and the SHA-256 of its certificate; null when unreadable. */
  creator: { mspId: string; certSha256: string } | null;
}

export interface LedgerEvent {
  name: string;
  txId: string;
  blockNumber: number;
  payload: Record<string, unknown>;
}

const CODE_NAMES = Object.fromEntries(Object.entries(peer.TxValidationCode).map(([k, v]) => [v as number, k]));
export const validationName = (code: number): string => CODE_NAMES[code] ?? String(code);

const deadline = (ms: number) => () => ({ deadline: Date.now() + ms });
const utf8 = new TextDecoder();

export class FabricClient {
  private constructor(
    private readonly client: grpc.Client,
    private readonly gateway: Gateway,
    readonly network: Network,
    readonly channel: string,
    readonly chaincode: string,
  ) {}

  static connect(fabric: NonNullable<Target['fabric']>): FabricClient {
    const options: grpc.ChannelOptions = fabric.hostOverride ? { 'grpc.ssl_target_name_override': fabric.hostOverride } : {};
    const client = new grpc.Client(fabric.endpoint, grpc.credentials.createSsl(readFileSync(fabric.tlsCaCert)), options);
    const gateway = connect({
      client,
      identity: { mspId: fabric.mspId, credentials: readFileSync(fabric.certPath) },
      signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(fabric.keyPath))),
      hash: hash.sha256,
      evaluateOptions: deadline(10_000),
      chaincodeEventsOptions: deadline(60_000),
    });
    return new FabricClient(client, gateway, gateway.getNetwork(fabric.channel), fabric.channel, fabric.chaincode);
  }

  /** Evaluate a chaincode query (`Contract:Function`) and parse its JSON answer. */
  async query<T = unknown>(fn: string, ...args: string[]): Promise<T> {
    const bytes = await this.network.getContract(this.chaincode).evaluateTransaction(fn, ...args);
    return JSON.parse(utf8.decode(bytes)) as T;
  }

  /** qscc GetChainInfo: the ledger height (next block number). */
  async height(): Promise<number> {
    const bytes = await this.network.getContract('qscc').evaluateTransaction('GetChainInfo', this.channel);
    return Number(common.BlockchainInfo.deserializeBinary(bytes).getHeight());
  }

  /** qscc GetTransactionByID: the committed transaction, or null when the ledger does not know it. */
  async transaction(txId: string): Promise<LedgerTx | null> {
    let bytes: Uint8Array;
    try {
      bytes = await this.network.getContract('qscc').evaluateTransaction('GetTransactionByID', this.channel, txId);
    } catch (err) {
      if (/no such transaction/i.test(describe(err))) return null;
      throw err;
    }
    const processed = peer.ProcessedTransaction.deserializeBinary(bytes);
    const decoded = decodeEnvelope(processed.getTransactionenvelope()!);
    const blockBytes = await this.network.getContract('qscc').evaluateTransaction('GetBlockByTxID', this.channel, txId);
    const blockNumber = Number(common.Block.deserializeBinary(blockBytes).getHeader()!.getNumber());
    const code = processed.getValidationcode();
    return { ...decoded, txId: decoded.txId || txId, blockNumber, validationCode: code, validationName: validationName(code) };
  }

  /** qscc GetBlockByNumber: every transaction of the block with its validation code. */
  async block(number: number): Promise<LedgerTx[]> {
    const bytes = await this.network.getContract('qscc').evaluateTransaction('GetBlockByNumber', this.channel, String(number));
    const block = common.Block.deserializeBinary(bytes);
    const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
    return block.getData()!.getDataList_asU8().map((envelope, i) => {
      const decoded = decodeEnvelope(common.Envelope.deserializeBinary(envelope));
      const code = filter[i] ?? -1;
      return { ...decoded, blockNumber: number, validationCode: code, validationName: validationName(code) };
    });
  }

  /**
   * Chaincode events from `startBlock` on, until `done(events)` says enough or `timeoutMs` passes.
   * The stream is closed either way; events come in ledger order.
   */
  async events(startBlock: number, done: (events: LedgerEvent[]) => boolean, timeoutMs: number): Promise<LedgerEvent[]> {
    const stream = await this.network.getChaincodeEvents(this.chaincode, { startBlock: BigInt(startBlock) });
    const out: LedgerEvent[] = [];
    const timer = setTimeout(() => stream.close(), timeoutMs);
    try {
      for await (const event of stream as AsyncIterable<ChaincodeEvent>) {
        let payload: Record<string, unknown> = {};
        try { payload = JSON.parse(utf8.decode(event.payload)) as Record<string, unknown>; } catch { /* kept empty: reported by the caller */ }
        out.push({ name: event.eventName, txId: event.transactionId, blockNumber: Number(event.blockNumber), payload });
        if (done(out)) break;
      }
    } catch (err) {
      // Closing the stream on timeout ends the iteration with CANCELLED: what was read is the answer.
      if (!/cancel/i.test(describe(err))) throw err;
    } finally {
      clearTimeout(timer);
      stream.close();
    }
    return out;
  }

  /**
   * A live ChaincodeEvents listener from `startBlock` on: `onEvent` is called as each event arrives
   * (with Date.now() of its arrival). A peer delivers a block's events only once the block is
   * committed, so for blocks committed after the listener started the arrival is the commit as a
   * client observes it. Re-subscribes after the last delivered block on a stream error; `close` ends it.
   */
  listen(startBlock: number, onEvent: (event: LedgerEvent, arrivedAt: number) => void): { close(): void } {
    let closed = false;
    let current: { close(): void } | undefined;
    let next = startBlock;
    const run = async () => {
      for (let attempt = 0; !closed && attempt < 100; attempt++) {
        try {
          const stream = await this.network.getChaincodeEvents(this.chaincode, { startBlock: BigInt(next) });
          current = stream;
          if (closed) { stream.close(); return; }
          let block = -1;
          for await (const event of stream as AsyncIterable<ChaincodeEvent>) {
            const arrivedAt = Date.now();
            let payload: Record<string, unknown> = {};
            try { payload = JSON.parse(utf8.decode(event.payload)) as Record<string, unknown>; } catch { /* kept empty */ }
            block = Number(event.blockNumber);
            onEvent({ name: event.eventName, txId: event.transactionId, blockNumber: block, payload }, arrivedAt);
          }
          if (block >= 0) next = block + 1;
        } catch {
          // Cancelled by close(), or a broken stream: re-subscribe unless closed.
        }
        if (!closed) await new Promise((r) => setTimeout(r, 200));
      }
    };
    void run();
    return { close: () => { closed = true; current?.close(); } };
  }

  close(): void {
    this.gateway.close();
    this.client.close();
  }
}

function describe(err: unknown): string {
  const e = err as { message?: string; details?: Array<{ message?: string }> };
  return [e.message ?? String(err), ...(e.details ?? []).map((d) => d.message ?? '')].join(' ');
}

/** The tx id and the chaincode invocation (function + arguments) of an endorser transaction envelope. */
type Decoded = Pick<LedgerTx, 'txId' | 'fn' | 'args' | 'timestamp' | 'creator'>;

/** The signer of a transaction, from its signature header (the certificate only as a digest: evidence stays small). */
function creatorOf(header: common.Header): LedgerTx['creator'] {
  try {
    const id = msp.SerializedIdentity.deserializeBinary(common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8()).getCreator_asU8());
    return { mspId: id.getMspid(), certSha256: createHash('sha256').update(id.getIdBytes_asU8()).digest('hex') };
  } catch {
    return null;
  }
}

function decodeEnvelope(envelope: common.Envelope): Decoded {
  try {
    const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
    const channelHeader = common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8());
    const ts = channelHeader.getTimestamp();
    const timestamp = ts ? new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6)) : null;
    const creator = creatorOf(payload.getHeader()!);
    const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
    const action = tx.getActionsList()[0];
    if (!action) return { txId: channelHeader.getTxId(), fn: null, args: [], timestamp, creator };
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
    const proposalPayload = peer.ChaincodeProposalPayload.deserializeBinary(actionPayload.getChaincodeProposalPayload_asU8());
    const spec = peer.ChaincodeInvocationSpec.deserializeBinary(proposalPayload.getInput_asU8());
    const args = spec.getChaincodeSpec()?.getInput()?.getArgsList_asU8().map((a) => utf8.decode(a)) ?? [];
    return { txId: channelHeader.getTxId(), fn: args[0] ?? null, args: args.slice(1), timestamp, creator };
  } catch {
    return { txId: '', fn: null, args: [], timestamp: null, creator: null };
  }
}
