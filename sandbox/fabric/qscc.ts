import { common, peer } from '@hyperledger/fabric-protos';
import { ChaincodeError } from './chaincode/context';
import { blockHash, type Block, type Ledger } from './ledger';

/**
 * The peer's query system chaincode `qscc`, as far as checks need it, with Fabric's function names
 * and proto answers: GetChainInfo(channel) → common.BlockchainInfo, GetTransactionByID(channel, txId)
 * → peer.ProcessedTransaction {transactionEnvelope, validationCode}, GetBlockByNumber(channel, n) and
 * GetBlockByTxID(channel, txId) → common.Block (metadata[TRANSACTIONS_FILTER] = validation codes).
 * Called with `network.getContract('qscc').evaluateTransaction(fn, channel, ...)`.
 */
export function invokeQscc(ledger: Ledger, args: string[]): Uint8Array {
  const [fn, channel, arg] = args;
  const need = (n: number) => {
    if (args.length !== n + 1) throw new ChaincodeError(`Incorrect number of arguments, ${args.length - 1}`);
  };
  if (channel !== undefined && channel !== ledger.channel) throw new ChaincodeError(`Invalid chain ID, ${channel}`);
  switch (fn) {
    case 'GetChainInfo': {
      need(1);
      const last = ledger.block(ledger.height() - 1)!;
      const info = new common.BlockchainInfo();
      info.setHeight(ledger.height());
      info.setCurrentblockhash(blockHash(last));
      info.setPreviousblockhash(last.previousHash);
      return info.serializeBinary();
    }
    case 'GetTransactionByID': {
      need(2);
      const found = ledger.findTx(arg);
      if (!found) throw new ChaincodeError(`Failed to get transaction with id ${arg}, error no such transaction ID [${arg}] in index`);
      const processed = new peer.ProcessedTransaction();
      processed.setTransactionenvelope(common.Envelope.deserializeBinary(found.tx.envelope));
      processed.setValidationcode(found.tx.validationCode);
      return processed.serializeBinary();
    }
    case 'GetBlockByNumber': {
      need(2);
      const block = /^\d+$/.test(arg) ? ledger.block(Number(arg)) : undefined;
      if (!block) throw new ChaincodeError(`Failed to get block number ${arg}, error Entry not found in index`);
      return toProtoBlock(block).serializeBinary();
    }
    case 'GetBlockByTxID': {
      need(2);
      const found = ledger.findTx(arg);
      if (!found) throw new ChaincodeError(`Failed to get block for txID ${arg}, error no such transaction ID [${arg}] in index`);
      return toProtoBlock(found.block).serializeBinary();
    }
    default:
      throw new ChaincodeError(`Requested function ${fn} not found.`);
  }
}

export function toProtoBlock(block: Block): common.Block {
  const header = new common.BlockHeader();
  header.setNumber(block.number);
  header.setPreviousHash(block.previousHash);
  header.setDataHash(block.dataHash);
  const data = new common.BlockData();
  data.setDataList(block.txs.map((t) => t.envelope));
  const metadata = new common.BlockMetadata();
  const entries: Uint8Array[] = [new Uint8Array(), new Uint8Array(), new Uint8Array(), new Uint8Array(), new Uint8Array()];
  entries[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = Uint8Array.from(block.txs.map((t) => t.validationCode));
  metadata.setMetadataList(entries);
  const result = new common.Block();
  result.setHeader(header);
  result.setData(data);
  result.setMetadata(metadata);
  return result;
}
