import type { ChaincodeEvent, CloseableAsyncIterable, Network } from '@hyperledger/fabric-gateway';
import { isAfter, type LedgerEvent, type Position } from './event';

export interface StreamOptions {
  network: Network;
  chaincode: string;
  /** Deliver only events after this position (the checkpoint, PROJ-4). */
  after: Position;
  /** Called per event in ledger order; awaited, so a full queue slows the reader down. */
  onEvent: (event: LedgerEvent) => Promise<void>;
  onStatus: (up: boolean, error?: string) => void;
  /** Wait between re-subscriptions after a stream error. */
  retryMs?: number;
}

export interface EventStream {
  stop(): Promise<void>;
}

/**
 * ChaincodeEvents from the checkpoint on, through the fabric-gateway client. The stream starts at
 * the checkpoint's block and numbers the events of each block from 0, so events of that block at
 * or before the checkpoint are skipped and later ones delivered. After an error it re-subscribes
 * from the last delivered position (PROJ-4), so nothing is delivered twice or missed.
 */
export function followEvents(opts: StreamOptions): EventStream {
  let cursor = opts.after;
  let stopped = false;
  let current: CloseableAsyncIterable<ChaincodeEvent> | undefined;
  let wake: (() => void) | undefined;

  const run = async () => {
    while (!stopped) {
      try {
        current = await opts.network.getChaincodeEvents(opts.chaincode, { startBlock: cursor.block });
        opts.onStatus(true);
        let block = -1n;
        let index = -1;
        for await (const event of current) {
          if (event.blockNumber !== block) {
            block = event.blockNumber;
            index = 0;
          } else index++;
          const position = { block, index };
          if (!isAfter(position, cursor)) continue;
          await opts.onEvent({ name: event.eventName, payload: event.payload, txId: event.transactionId, block, index, receivedAt: Date.now() });
          cursor = position;
          if (stopped) break;
        }
        if (!stopped) opts.onStatus(false, 'event stream ended');
      } catch (err) {
        if (!stopped) opts.onStatus(false, err instanceof Error ? err.message : String(err));
      } finally {
        current?.close();
        current = undefined;
      }
      if (!stopped) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, opts.retryMs ?? 500);
        wake = () => { clearTimeout(timer); resolve(); };
      });
    }
  };
  const done = run();
  return {
    async stop() {
      stopped = true;
      current?.close();
      wake?.();
      await done;
    },
  };
}
