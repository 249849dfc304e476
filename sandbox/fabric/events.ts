import { gateway, orderer, peer } from '@hyperledger/fabric-protos';
import type { Block, Ledger } from './ledger';
import { toEventProto } from './peer';

export interface EventsRequest {
  chaincodeName: string;
  /** First block to deliver. */
  startBlock: number;
  /** Skip events in the start block up to and including this transaction (resume within a block). */
  afterTransactionId?: string;
}

/** Resolve a SeekPosition as the gateway does: specified block, next commit (default), oldest, newest. */
export function startBlockOf(position: orderer.SeekPosition | undefined, ledger: Ledger): number {
  const Case = orderer.SeekPosition.TypeCase;
  switch (position?.getTypeCase()) {
    case Case.SPECIFIED:
      return position.getSpecified()!.getNumber();
    case Case.OLDEST:
      return 0;
    case Case.NEWEST:
      return ledger.height() - 1;
    default:
      return ledger.height();
  }
}

/**
 * Chaincode event delivery for one ChaincodeEvents stream: replays committed blocks from the start
 * block, then follows new commits. One response per block that has matching events of VALID
 * transactions, in block order and, inside a block, in transaction and emission order.
 * Returns a function that stops the subscription.
 */
export function followChaincodeEvents(ledger: Ledger, req: EventsRequest, send: (res: gateway.ChaincodeEventsResponse) => void): () => void {
  let next = req.startBlock;
  const deliver = (block: Block) => {
    if (block.number !== next) return;
    next += 1;
    let events = block.txs
      .filter((tx) => tx.validationCode === peer.TxValidationCode.VALID)
      .flatMap((tx) => tx.events)
      .filter((e) => e.chaincodeName === req.chaincodeName);
    if (block.number === req.startBlock && req.afterTransactionId) {
      const lastSkipped = events.map((e) => e.txId).lastIndexOf(req.afterTransactionId);
      if (lastSkipped >= 0) events = events.slice(lastSkipped + 1);
    }
    if (events.length === 0) return;
    const res = new gateway.ChaincodeEventsResponse();
    res.setBlockNumber(block.number);
    res.setEventsList(events.map(toEventProto));
    send(res);
  };
  // Replay and subscription happen in one synchronous step, so no block can slip between them.
  for (let n = req.startBlock; n < ledger.height(); n++) deliver(ledger.block(n)!);
  return ledger.onCommit(deliver);
}
