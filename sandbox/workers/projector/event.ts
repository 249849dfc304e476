/** One chaincode event as the projector sees it (PROJ-2): name, JSON payload, txId, block and position in the block. */
export interface LedgerEvent {
  name: string;
  payload: Uint8Array;
  txId: string;
  block: bigint;
  /** Position of the event among this chaincode's events in its block, from 0. */
  index: number;
  /** When the event reached the projector (ms since epoch); the projector's lag is measured from here. */
  receivedAt: number;
}

/** A checkpoint: the last applied (block, eventIndex); (0, -1) = nothing applied yet. */
export interface Position {
  block: bigint;
  index: number;
}

export const isAfter = (a: Position, b: Position): boolean => a.block > b.block || (a.block === b.block && a.index > b.index);
