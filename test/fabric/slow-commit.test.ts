import { CommitError, type Contract } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedFabric } from '../../sandbox/fabric';
import { SLOW_COMMIT_MS } from '../../sandbox/fabric';
import { FaultSwitchboard } from '../../sandbox/faults/switchboard';
import { connectClient, startFabric, uid } from './helpers';

let fabric: StartedFabric;
let faults: FaultSwitchboard;
let contract: Contract;
let close: () => void;

beforeAll(async () => {
  ({ fabric, faults } = await startFabric(new FaultSwitchboard()));
  const client = connectClient(fabric);
  close = client.close;
  contract = client.gateway.getNetwork('gxchannel').getContract('gxtv3');
  fabric.ledger.seed({ users: [{ userId: 'payer', wallet: { balance: '100' } }, { userId: 'payee' }] });
});

afterAll(async () => {
  close?.();
  await fabric?.stop();
});

async function timedCreateUser(): Promise<number> {
  const id = uid('slow');
  const started = performance.now();
  const submitted = await contract.submitAsync('IdentityContract:CreateUser', { arguments: [id, `bio-${id}`, '', ''] });
  const status = await submitted.getStatus();
  expect(status.code).toBe(peer.TxValidationCode.VALID);
  return performance.now() - started;
}

describe('fault fabric-slow-commit', () => {
  it('commits within a batch timeout on the clean emulator and takes ≥ 500 ms per commit with the fault on', async () => {
    await timedCreateUser(); // warm-up: first TLS handshake and code paths
    const clean = await timedCreateUser();
    expect(clean).toBeLessThan(SLOW_COMMIT_MS);
    await faults.set(['fabric-slow-commit']);
    try {
      expect(await timedCreateUser()).toBeGreaterThanOrEqual(SLOW_COMMIT_MS);
    } finally {
      await faults.set([]);
    }
    expect(await timedCreateUser()).toBeLessThan(SLOW_COMMIT_MS);
  });

  it('a slow commit widens the window for conflicts: a concurrent spend from the same wallet fails with CommitError', async () => {
    await faults.set(['fabric-slow-commit']);
    try {
      const results = await Promise.allSettled([
        contract.submitTransaction('TokenomicsContract:TransferTokens', 'payer', 'payee', '1', 'a'),
        contract.submitTransaction('TokenomicsContract:TransferTokens', 'payer', 'payee', '2', 'b'),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(CommitError);
      expect(rejected.reason.code).toBe(peer.TxValidationCode.MVCC_READ_CONFLICT);
    } finally {
      await faults.set([]);
    }
  });
});
