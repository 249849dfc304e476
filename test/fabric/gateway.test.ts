import { EndorseError, GatewayError, type Gateway } from '@hyperledger/fabric-gateway';
import { common, gateway, peer } from '@hyperledger/fabric-protos';
import { createPrivateKey, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, issueClientCert } from '../../sandbox/fabric/ca';
import type { StartedFabric } from '../../sandbox/fabric';
import { connectClient, json, startFabric, uid, utf8 } from './helpers';

let fabric: StartedFabric;
let gw: Gateway;
let close: () => void;
const Code = peer.TxValidationCode;

beforeAll(async () => {
  ({ fabric } = await startFabric());
  ({ gateway: gw, close } = connectClient(fabric));
  fabric.ledger.seed({
    users: [
      { userId: 'alice', wallet: { balance: '1000' } },
      { userId: 'bob', wallet: { balance: '10' } },
    ],
  });
});

afterAll(async () => {
  close?.();
  await fabric?.stop();
});

const contract = () => gw.getNetwork('gxchannel').getContract('gxtv3');

describe('Fabric Gateway emulator with the real fabric-gateway client over TLS', () => {
  it('submits a transaction, commits it VALID in a numbered block, and evaluates the new state', async () => {
    const userId = uid('user');
    const submitted = await contract().submitAsync('IdentityContract:CreateUser', { arguments: [userId, `bio-${userId}`, '', '21'] });
    expect(json(submitted.getResult())).toMatchObject({ userId, status: 'PENDING_VERIFICATION' });
    const status = await submitted.getStatus();
    expect(status).toMatchObject({ code: Code.VALID, successful: true, transactionId: submitted.getTransactionId() });
    expect(status.blockNumber).toBeGreaterThanOrEqual(1n);
    expect(json(await contract().evaluateTransaction('IdentityContract:GetUser', userId))).toMatchObject({ userId, age: 21 });
    expect(json(await contract().evaluateTransaction('TokenomicsContract:GetBalance', userId))).toEqual({ userId, accountId: userId, balance: '0', isFrozen: false });
    // qscc confirms the transaction on the ledger with its validation code.
    const processed = peer.ProcessedTransaction.deserializeBinary(
      await gw.getNetwork('gxchannel').getContract('qscc').evaluateTransaction('GetTransactionByID', 'gxchannel', status.transactionId),
    );
    expect(processed.getValidationcode()).toBe(Code.VALID);
    const header = common.Payload.deserializeBinary(processed.getTransactionenvelope()!.getPayload_asU8()).getHeader()!;
    expect(common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()).getTxId()).toBe(status.transactionId);
    const block = common.Block.deserializeBinary(
      await gw.getNetwork('gxchannel').getContract('qscc').evaluateTransaction('GetBlockByNumber', 'gxchannel', String(status.blockNumber)),
    );
    expect(block.getHeader()!.getNumber()).toBe(Number(status.blockNumber));
    // Evaluate never changes the ledger.
    const height = fabric.ledger.height();
    await contract().evaluateTransaction('IdentityContract:CreateUser', uid('ghost'), 'bio-ghost', '', '');
    expect(fabric.ledger.height()).toBe(height);
  });

  it('streams chaincode events from a start block and resumes after a transaction id', async () => {
    const [a, b] = [uid('ev'), uid('ev')];
    // Endorsed first, then submitted back to back: both land in the same block (20 ms batch timeout).
    const [ea, eb] = await Promise.all([
      contract().newProposal('IdentityContract:CreateUser', { arguments: [a, `bio-${a}`, '', ''] }).endorse(),
      contract().newProposal('IdentityContract:CreateUser', { arguments: [b, `bio-${b}`, '', ''] }).endorse(),
    ]);
    const [sa, sb] = await Promise.all([ea.submit(), eb.submit()]);
    const [ta, tb] = await Promise.all([sa.getStatus(), sb.getStatus()]);
    expect(ta.blockNumber).toBe(tb.blockNumber);
    const read = async (options: Parameters<ReturnType<Gateway['getNetwork']>['getChaincodeEvents']>[1], count: number) => {
      const events = await gw.getNetwork('gxchannel').getChaincodeEvents('gxtv3', options);
      const seen: Array<{ block: bigint; tx: string; name: string; userId: string }> = [];
      try {
        for await (const e of events) {
          seen.push({ block: e.blockNumber, tx: e.transactionId, name: e.eventName, userId: json(e.payload).userId });
          if (seen.length === count) break;
        }
      } finally {
        events.close();
      }
      return seen;
    };
    const fromBlock = await read({ startBlock: ta.blockNumber }, 4);
    expect(fromBlock.map((e) => e.name)).toEqual(['UserCreated', 'WalletCreated', 'UserCreated', 'WalletCreated']);
    expect(fromBlock.every((e) => e.block === ta.blockNumber)).toBe(true);
    const first = fromBlock[0].tx;
    const second = fromBlock[2].tx;
    expect(new Set([first, second])).toEqual(new Set([ta.transactionId, tb.transactionId]));
    const resumed = await read({ checkpoint: { getBlockNumber: () => ta.blockNumber, getTransactionId: () => first } }, 2);
    expect(resumed.map((e) => [e.tx, e.name])).toEqual([[second, 'UserCreated'], [second, 'WalletCreated']]);
    // Without a start block the stream begins at the next commit.
    const live = read(undefined, 1);
    await new Promise((r) => setTimeout(r, 100));
    const c = uid('ev');
    const committed = await contract().submitAsync('IdentityContract:CreateUser', { arguments: [c, `bio-${c}`, '', ''] });
    expect((await live)[0]).toMatchObject({ tx: committed.getTransactionId(), name: 'UserCreated', userId: c });
  });

  it('refuses a caller whose certificate comes from another CA', async () => {
    const otherCa = await createCa('ca.org1.example.com');
    const stranger = await issueClientCert(otherCa, 'User1@org1.example.com');
    const { gateway, close: closeStranger } = connectClient(fabric, stranger);
    try {
      const c = gateway.getNetwork('gxchannel').getContract('gxtv3');
      const err = await c.submitTransaction('IdentityContract:CreateUser', uid('x'), 'bio-x', '', '').catch((e) => e);
      expect(err).toBeInstanceOf(EndorseError);
      expect(err.code).toBe(10); // ABORTED
      expect(err.details[0]).toMatchObject({ mspId: 'Org1MSP', message: expect.stringContaining('certificate signed by unknown authority') });
      const evalErr = await c.evaluateTransaction('IdentityContract:GetUser', 'alice').catch((e) => e);
      expect(evalErr).toBeInstanceOf(GatewayError);
      expect(evalErr.details[0].message).toContain('access denied');
      const events = await gateway.getNetwork('gxchannel').getChaincodeEvents('gxtv3', { startBlock: 0n });
      const streamErr = await (async () => { for await (const _ of events) return null; })().catch((e) => e);
      expect(streamErr).toBeInstanceOf(GatewayError);
      expect(streamErr.code).toBe(7); // PERMISSION_DENIED
    } finally {
      closeStranger();
    }
    // A known certificate under another MSP id is refused too.
    const { gateway: wrongMsp, close: closeWrong } = connectClient(fabric, { certPem: fabric.clientCertPem, keyPem: fabric.clientKeyPem, mspId: 'Org2MSP' });
    try {
      const err = await wrongMsp.getNetwork('gxchannel').getContract('gxtv3').evaluateTransaction('IdentityContract:GetUser', 'alice').catch((e) => e);
      expect(err.details[0].message).toContain('creator org unknown');
    } finally {
      closeWrong();
    }
  });

  it('refuses a tampered proposal signature and a tampered envelope signature', async () => {
    const key = createPrivateKey(fabric.clientKeyPem);
    const badSigner = async (digest: Uint8Array) => {
      const sig = sign(null, Buffer.concat([Buffer.from(digest), Buffer.from('x')]), { key, dsaEncoding: 'der' });
      return sig;
    };
    const { gateway, close: closeBad } = connectClient(fabric, undefined, badSigner);
    try {
      const err = await gateway.getNetwork('gxchannel').getContract('gxtv3').submitTransaction('IdentityContract:CreateUser', uid('x'), 'bio-y', '', '').catch((e) => e);
      expect(err).toBeInstanceOf(EndorseError);
      expect(err.details[0].message).toContain('signature');
    } finally {
      closeBad();
    }
    // Endorse properly, then replace the client's envelope signature with garbage: the orderer refuses it.
    const proposal = contract().newProposal('IdentityContract:CreateUser', { arguments: [uid('x'), `bio-${uid('z')}`, '', ''] });
    const transaction = await proposal.endorse();
    const prepared = gwTxEnvelope(transaction.getBytes());
    prepared.envelope.setSignature(Buffer.alloc(70, 1));
    const tampered = gw.newTransaction(prepared.bytes());
    const err = await tampered.submit().catch((e) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.name).toBe('SubmitError');
    expect(err.details[0].message).toContain('status=FORBIDDEN');
  });

  it('marks a transaction whose endorsed response was altered ENDORSEMENT_POLICY_FAILURE', async () => {
    const userId = uid('pol');
    const transaction = await contract().newProposal('IdentityContract:CreateUser', { arguments: [userId, `bio-${userId}`, '', ''] }).endorse();
    const prepared = gwTxEnvelope(transaction.getBytes());
    // Change the chaincode response inside the endorsed action; the peer's endorsement no longer matches.
    const payload = common.Payload.deserializeBinary(prepared.envelope.getPayload_asU8());
    const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
    const action = tx.getActionsList()[0];
    const cap = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
    const prp = peer.ProposalResponsePayload.deserializeBinary(cap.getAction()!.getProposalResponsePayload_asU8());
    const ca = peer.ChaincodeAction.deserializeBinary(prp.getExtension_asU8());
    ca.getResponse()!.setPayload(Buffer.from('forged'));
    prp.setExtension$(ca.serializeBinary());
    cap.getAction()!.setProposalResponsePayload(prp.serializeBinary());
    action.setPayload(cap.serializeBinary());
    payload.setData(tx.serializeBinary());
    prepared.envelope.setPayload(payload.serializeBinary());
    prepared.envelope.setSignature(new Uint8Array());
    const resigned = gw.newTransaction(prepared.bytes());
    // The client re-signs (the signature was cleared), so the orderer accepts; the committer rejects.
    const commit = await resigned.submit();
    const status = await commit.getStatus();
    expect(status.code).toBe(Code.ENDORSEMENT_POLICY_FAILURE);
    expect(fabric.ledger.read(`user:${userId}`)).toBeUndefined();
  });

  it('surfaces a chaincode refusal as EndorseError with ErrorDetail {address, mspId, message}', async () => {
    const err = await contract().submitTransaction('TokenomicsContract:TransferTokens', 'bob', 'alice', '100', '').catch((e) => e);
    expect(err).toBeInstanceOf(EndorseError);
    expect(err.transactionId).toMatch(/^[0-9a-f]{64}$/);
    expect(err.code).toBe(10);
    expect(err.details).toHaveLength(1);
    expect(err.details[0]).toEqual({
      address: expect.stringMatching(/^peer0\.org1\.example\.com:\d+$/),
      mspId: 'Org1MSP',
      message: expect.stringMatching(/^chaincode response 500, Insufficient balance/),
    });
    const arity = await contract().submitTransaction('TokenomicsContract:TransferTokens', 'bob', 'alice').catch((e) => e);
    expect(arity.details[0].message).toContain('Expected 4 parameters, but 2 have been supplied');
    const unknown = await contract().submitTransaction('TokenomicsContract:MintMoney', 'bob').catch((e) => e);
    expect(unknown.details[0].message).toContain('function that does not exist: TokenomicsContract:MintMoney');
    const evalErr = await contract().evaluateTransaction('IdentityContract:GetUser', 'nobody').catch((e) => e);
    expect(evalErr).toBeInstanceOf(GatewayError);
    expect(evalErr.code).toBe(2); // UNKNOWN, as the Fabric gateway answers a failed evaluate
    expect(evalErr.details[0].message).toContain('User nobody does not exist');
  });

  it('commits the first of two conflicting transactions and marks the second MVCC_READ_CONFLICT', async () => {
    const t1 = await contract().newProposal('TokenomicsContract:TransferTokens', { arguments: ['alice', 'bob', '1', 'first'] }).endorse();
    const t2 = await contract().newProposal('TokenomicsContract:TransferTokens', { arguments: ['alice', 'bob', '2', 'second'] }).endorse();
    const c1 = await t1.submit();
    const c2 = await t2.submit();
    const [s1, s2] = await Promise.all([c1.getStatus(), c2.getStatus()]);
    expect(s1.code).toBe(Code.VALID);
    expect(s2.code).toBe(Code.MVCC_READ_CONFLICT);
    expect(s2.successful).toBe(false);
    const balance = json(await contract().evaluateTransaction('TokenomicsContract:GetBalance', 'alice')).balance;
    expect(balance).toBe('998.999'); // 1000 − 1 − fee 0.001; the conflicting write was discarded
  });

  it('answers DUPLICATE_TXID for a transaction submitted twice and refuses to endorse a committed id', async () => {
    const userId = uid('dup');
    const proposal = contract().newProposal('IdentityContract:CreateUser', { arguments: [userId, `bio-${userId}`, '', ''] });
    const transaction = await proposal.endorse();
    const first = await (await transaction.submit()).getStatus();
    expect(first.code).toBe(Code.VALID);
    const again = gw.newTransaction(transaction.getBytes());
    const second = await again.submit();
    const status = await second.getStatus();
    // The commit status of a transaction id is the one of its first commit; the duplicate is in the block as DUPLICATE_TXID.
    expect(status.code).toBe(Code.VALID);
    // The duplicate's own block is cut a batch timeout later: look for it (bounded wait).
    const duplicateCommitted = () => {
      for (let n = Number(first.blockNumber) + 1; n < fabric.ledger.height(); n++) {
        if (fabric.ledger.raw.block(n)!.txs.some((t) => t.txId === first.transactionId && t.validationCode === Code.DUPLICATE_TXID)) return true;
      }
      return false;
    };
    for (let i = 0; i < 100 && !duplicateCommitted(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(duplicateCommitted()).toBe(true);
    const reEndorse = await gw.newProposal(proposal.getBytes()).endorse().catch((e) => e);
    expect(reEndorse).toBeInstanceOf(EndorseError);
    expect(reEndorse.details[0].message).toContain('duplicate transaction found');
  });
});

/** The PreparedTransaction bytes of a Transaction, with access to its envelope. */
function gwTxEnvelope(bytes: Uint8Array) {
  const prepared = gateway.PreparedTransaction.deserializeBinary(bytes);
  const envelope = prepared.getEnvelope()!;
  return { envelope, bytes: () => { prepared.setEnvelope(envelope); return prepared.serializeBinary(); } };
}
