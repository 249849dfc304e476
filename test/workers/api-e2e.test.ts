import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FabricGatewayEmulator, type StartedFabric } from '../../sandbox/fabric';
import { createTokenomicsApp } from '../../sandbox/services/tokenomics';
import { startWorkers, type StartedWorkers } from '../../sandbox/workers';
import { bearerFor, startHarness, type Harness } from '../services/harness';
import { balanceOf, FAST, seedUser, waitFor, waitForStatus, type WorkerHarness } from './helpers';

let h: Harness;
let fabric: StartedFabric;
let workers: StartedWorkers;
let wh: WorkerHarness;

beforeAll(async () => {
  h = await startHarness();
  fabric = await new FabricGatewayEmulator({ faults: h.faults }).start();
  workers = await startWorkers({ pool: h.pool, fabric, faults: h.faults, config: FAST });
  wh = { pool: h.pool, fabric, faults: h.faults } as unknown as WorkerHarness;
});
afterAll(async () => {
  await workers?.stop();
  await fabric?.stop();
  await h?.stop();
});

describe('API command → outbox → ledger → event → read model', () => {
  it('#1 transfer through svc-tokenomics reaches the read model', async () => {
    const a = await seedUser(wh, '50');
    const b = await seedUser(wh, '0');
    const app = createTokenomicsApp(h.deps);
    const res = await request(app).post('/api/v1/transfers').set('Authorization', await bearerFor(h.config, a.userId, 'USER'))
      .send({ fromUserId: a.userId, toUserId: b.userId, amount: '20', remark: 'e2e' });
    expect(res.status).toBe(202);
    const row = await waitForStatus(wh, res.body.commandId, ['COMMITTED', 'FAILED']);
    expect(row.status).toBe('COMMITTED');
    await waitFor(async () => (await balanceOf(wh, b.walletId)) === '20.000000000', 5_000, 'credit');
    expect(await balanceOf(wh, a.walletId)).toBe('29.980000000');
    const balance = await request(app).get(`/api/v1/wallets/${b.userId}/balance`).set('Authorization', await bearerFor(h.config, b.userId, 'USER'));
    expect(balance.status).toBe(200);
    expect(balance.body.balance.balance).toMatch(/^20(\.0+)?$/);
  });
});
