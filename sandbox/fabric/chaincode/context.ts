import type { TxSimulator } from '../simulator';

/**
 * The chaincode's view of one transaction, shaped like the Fabric shim stub: state reads and writes
 * go through the emulated peer's simulator (recorded in the read/write set), events are attached to
 * the transaction, and the timestamp and creator come from the signed proposal.
 *
 * One deliberate difference from Fabric: `setEvent` may be called several times and every event is
 * kept in order (Fabric keeps only the last). The GX contract (§7.2) needs several events per
 * transaction (UserCreated then WalletCreated, one CountryDataInitialized per country).
 */
export class ChaincodeError extends Error {}

export interface ContextEvent {
  name: string;
  payload: Uint8Array;
}

export interface Creator {
  mspId: string;
  subject: string;
}

export class Context {
  readonly events: ContextEvent[] = [];

  constructor(
    private readonly sim: TxSimulator,
    private readonly txId: string,
    private readonly timestamp: Date,
    private readonly creator: Creator,
    private readonly faults?: { isOn(name: string): boolean },
  ) {}

  /** Whether a sandbox fault switch of the ledger is on (sandbox/faults/fabric-faults.ts). */
  faultOn(name: string): boolean {
    return this.faults?.isOn(name) ?? false;
  }

  async getState(key: string): Promise<Uint8Array | undefined> {
    return this.sim.getState(key);
  }

  async putState(key: string, value: Uint8Array): Promise<void> {
    this.sim.putState(key, value);
  }

  async deleteState(key: string): Promise<void> {
    this.sim.deleteState(key);
  }

  /** Read a JSON record; undefined when the key is absent. */
  async getJson<T>(key: string): Promise<T | undefined> {
    const bytes = await this.getState(key);
    return bytes === undefined || bytes.length === 0 ? undefined : (JSON.parse(Buffer.from(bytes).toString('utf8')) as T);
  }

  async putJson(key: string, value: unknown): Promise<void> {
    await this.putState(key, Buffer.from(JSON.stringify(value)));
  }

  setEvent(name: string, payload: unknown): void {
    if (!name) throw new ChaincodeError('event name can not be empty string');
    this.events.push({ name, payload: Buffer.from(JSON.stringify(payload)) });
  }

  getTxID(): string {
    return this.txId;
  }

  getTxTimestamp(): Date {
    return new Date(this.timestamp);
  }

  getCreator(): Creator {
    return { ...this.creator };
  }
}
