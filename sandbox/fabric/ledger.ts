import { createHash } from 'node:crypto';
import { peer } from '@hyperledger/fabric-protos';
import type { ReadWriteSet, StateEntry, StateReader, Version } from './simulator';

const Code = peer.TxValidationCode;

export interface ChaincodeEventRecord {
  chaincodeName: string;
  txId: string;
  eventName: string;
  payload: Uint8Array;
}

/** A transaction as the orderer hands it to the committer. */
export interface OrderedTx {
  txId: string;
  envelope: Uint8Array;
  timestamp: Date;
  /** Parsed from the envelope; null when the envelope carries no usable action. */
  rwSet: ReadWriteSet | null;
  /** Events of the endorsed action, emitted only if the transaction is VALID. */
  events: ChaincodeEventRecord[];
  /** Whether the endorsements in the envelope are valid signatures of this peer over its action. */
  endorsed: boolean;
}

export interface CommittedTx {
  txId: string;
  txNum: number;
  validationCode: number;
  envelope: Uint8Array;
  timestamp: Date;
  events: ChaincodeEventRecord[];
}

export interface Block {
  number: number;
  previousHash: Uint8Array;
  dataHash: Uint8Array;
  txs: CommittedTx[];
  committedAt: Date;
}

export interface TxStatus {
  validationCode: number;
  blockNumber: number;
}

/**
 * The channel ledger of the emulated peer: numbered blocks, the world state with versions, and the
 * transaction index. Block 0 is the channel's genesis (configuration) block and carries the seeded
 * fixture state; transactions start at block 1. Committing validates each transaction in block
 * order like Fabric's committer: duplicate ids, endorsement, then MVCC read versions against the
 * state as left by the earlier valid transactions of the same block.
 */
export class Ledger implements StateReader {
  private readonly state = new Map<string, StateEntry>();
  private readonly blocks: Block[] = [];
  private readonly txIndex = new Map<string, TxStatus>();
  private readonly listeners = new Set<(block: Block) => void>();
  private seedTxNum = 0;

  constructor(readonly channel: string) {
    this.blocks.push({ number: 0, previousHash: new Uint8Array(), dataHash: sha256([]), txs: [], committedAt: new Date() });
  }

  get(key: string): StateEntry | undefined {
    return this.state.get(key);
  }

  /** Write fixture state directly into block 0 (boot-time only; no events, like a genesis import). */
  seedState(entries: Iterable<[string, Uint8Array]>): void {
    for (const [key, value] of entries) {
      this.state.set(key, { value, version: { blockNum: 0, txNum: this.seedTxNum++ } });
    }
  }

  /** Number of blocks (the next block's number). */
  height(): number {
    return this.blocks.length;
  }

  block(number: number): Block | undefined {
    return this.blocks[number];
  }

  txStatus(txId: string): TxStatus | undefined {
    return this.txIndex.get(txId);
  }

  /** The committed transaction (first occurrence) with its block number. */
  findTx(txId: string): { block: Block; tx: CommittedTx } | undefined {
    const status = this.txIndex.get(txId);
    if (!status) return undefined;
    const block = this.blocks[status.blockNumber];
    const tx = block.txs.find((t) => t.txId === txId);
    return tx ? { block, tx } : undefined;
  }

  onCommit(listener: (block: Block) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validate and commit one block of ordered transactions. */
  commitBlock(ordered: OrderedTx[]): Block {
    const number = this.blocks.length;
    const seen = new Set<string>();
    const txs: CommittedTx[] = ordered.map((tx, txNum) => {
      const code = this.validate(tx, seen);
      seen.add(tx.txId);
      if (code === Code.VALID && tx.rwSet) this.apply(tx.rwSet, { blockNum: number, txNum });
      return {
        txId: tx.txId,
        txNum,
        validationCode: code,
        envelope: tx.envelope,
        timestamp: tx.timestamp,
        events: code === Code.VALID ? tx.events : [],
      };
    });
    const previous = this.blocks[number - 1];
    const block: Block = {
      number,
      previousHash: blockHash(previous),
      dataHash: sha256(txs.map((t) => t.envelope)),
      txs,
      committedAt: new Date(),
    };
    this.blocks.push(block);
    for (const tx of txs) {
      // A duplicate never replaces the status of the transaction that first used the id.
      if (!this.txIndex.has(tx.txId)) this.txIndex.set(tx.txId, { validationCode: tx.validationCode, blockNumber: number });
    }
    for (const listener of this.listeners) listener(block);
    return block;
  }

  private validate(tx: OrderedTx, seenInBlock: Set<string>): number {
    if (this.txIndex.has(tx.txId) || seenInBlock.has(tx.txId)) return Code.DUPLICATE_TXID;
    if (!tx.rwSet) return Code.BAD_PAYLOAD;
    if (!tx.endorsed) return Code.ENDORSEMENT_POLICY_FAILURE;
    for (const [key, readVersion] of tx.rwSet.reads) {
      const current = this.state.get(key)?.version ?? null;
      if (!sameVersion(current, readVersion)) return Code.MVCC_READ_CONFLICT;
    }
    return Code.VALID;
  }

  private apply(rwSet: ReadWriteSet, version: Version): void {
    for (const [key, value] of rwSet.writes) {
      if (value === null) this.state.delete(key);
      else this.state.set(key, { value, version });
    }
  }
}

function sameVersion(a: Version | null, b: Version | null): boolean {
  if (a === null || b === null) return a === b;
  return a.blockNum === b.blockNum && a.txNum === b.txNum;
}

function sha256(parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** Hash of a block header (number, previous hash, data hash), chaining the blocks. */
export function blockHash(block: Block): Uint8Array {
  const number = Buffer.alloc(8);
  number.writeBigUInt64BE(BigInt(block.number));
  return sha256([number, block.previousHash, block.dataHash]);
}
