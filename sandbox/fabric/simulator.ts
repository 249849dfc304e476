import { ledger } from '@hyperledger/fabric-protos';

const { rwset } = ledger;
const { kvrwset } = rwset;

/** A committed key's version: the block and transaction position that last wrote it (Fabric's height). */
export interface Version {
  blockNum: number;
  txNum: number;
}

export interface StateEntry {
  value: Uint8Array;
  version: Version;
}

export interface ReadWriteSet {
  /** Key → version read (null: the key did not exist). */
  reads: Map<string, Version | null>;
  /** Key → value written (null: deleted). */
  writes: Map<string, Uint8Array | null>;
}

export interface StateReader {
  get(key: string): StateEntry | undefined;
}

/**
 * Transaction simulation as on a Fabric endorser: reads come from committed state only (a
 * transaction does not see its own writes, as in Fabric) and are recorded with their versions;
 * writes are buffered. The result is the read/write set that goes into the endorsement and is
 * validated (MVCC) at commit time.
 */
export class TxSimulator {
  readonly reads = new Map<string, Version | null>();
  readonly writes = new Map<string, Uint8Array | null>();

  constructor(private readonly state: StateReader) {}

  getState(key: string): Uint8Array | undefined {
    const entry = this.state.get(key);
    if (!this.reads.has(key)) this.reads.set(key, entry ? { ...entry.version } : null);
    return entry?.value;
  }

  putState(key: string, value: Uint8Array): void {
    if (key === '') throw new Error('key must not be an empty string');
    this.writes.set(key, value);
  }

  deleteState(key: string): void {
    this.writes.set(key, null);
  }

  rwSet(): ReadWriteSet {
    return { reads: new Map(this.reads), writes: new Map(this.writes) };
  }
}

/** TxReadWriteSet bytes (data model KV, one namespace) as carried in ChaincodeAction.results. */
export function encodeRwSet(namespace: string, set: ReadWriteSet): Uint8Array {
  const kv = new kvrwset.KVRWSet();
  for (const key of [...set.reads.keys()].sort()) {
    const read = new kvrwset.KVRead();
    read.setKey(key);
    const version = set.reads.get(key);
    if (version) {
      const v = new kvrwset.Version();
      v.setBlockNum(version.blockNum);
      v.setTxNum(version.txNum);
      read.setVersion(v);
    }
    kv.addReads(read);
  }
  for (const key of [...set.writes.keys()].sort()) {
    const write = new kvrwset.KVWrite();
    write.setKey(key);
    const value = set.writes.get(key);
    if (value) write.setValue(value);
    else write.setIsDelete(true);
    kv.addWrites(write);
  }
  const ns = new rwset.NsReadWriteSet();
  ns.setNamespace(namespace);
  ns.setRwset(kv.serializeBinary());
  const tx = new rwset.TxReadWriteSet();
  tx.setDataModel(rwset.TxReadWriteSet.DataModel.KV);
  tx.addNsRwset(ns);
  return tx.serializeBinary();
}

/** Parse ChaincodeAction.results back into reads and writes of `namespace` (others are ignored). */
export function decodeRwSet(namespace: string, bytes: Uint8Array): ReadWriteSet {
  const result: ReadWriteSet = { reads: new Map(), writes: new Map() };
  const tx = rwset.TxReadWriteSet.deserializeBinary(bytes);
  for (const ns of tx.getNsRwsetList()) {
    if (ns.getNamespace() !== namespace) continue;
    const kv = kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
    for (const read of kv.getReadsList()) {
      const v = read.getVersion();
      result.reads.set(read.getKey(), v ? { blockNum: v.getBlockNum(), txNum: v.getTxNum() } : null);
    }
    for (const write of kv.getWritesList()) {
      result.writes.set(write.getKey(), write.getIsDelete() ? null : write.getValue_asU8());
    }
  }
  return result;
}
