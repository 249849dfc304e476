import request from 'supertest';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../sandbox/infra/ports';
import { createTaxApp } from '../../sandbox/services/tax';
import { startHarness, type Harness } from './harness';

let h: Harness;
let deadPool: pg.Pool;

beforeAll(async () => {
  h = await startHarness();
  deadPool = new pg.Pool({ connectionString: `postgresql://nobody:x@127.0.0.1:${await freePort()}/none`, connectionTimeoutMillis: 1000 });
  deadPool.on('error', () => undefined);
});
afterAll(async () => {
  await deadPool?.end();
  await h?.stop();
});
beforeEach(async () => {
  await h.pool.query('DELETE FROM "ProjectorState"');
  await h.faults.set([]);
});

const heartbeat = (lagMs: number, ageMs: number) =>
  h.pool.query(
    `INSERT INTO "ProjectorState" ("tenantId","projectorName","channel","lastBlock","lastEventIndex","heartbeatAt","lagMs")
     VALUES ('default','main-projector','gxchannel',7,0, now() - make_interval(secs => $2::double precision / 1000), $1)`,
    [lagMs, ageMs],
  );

describe('dependency failures', () => {
  it('a route whose database is unreachable answers 503 "Service temporarily unavailable"', async () => {
    const res = await request(createTaxApp({ ...h.deps, db: deadPool })).get('/api/v1/velocity-tax/eligibility/acct-1');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: 'Service Unavailable', message: 'Service temporarily unavailable' });
  });
});

describe('/health, /livez, /readyz', () => {
  it('/health and /livez answer with the service name and depend on nothing external', async () => {
    const app = createTaxApp({ ...h.deps, db: deadPool });
    const health = await request(app).get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', service: 'svc-tax', uptime: expect.any(Number) });
    expect(health.body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const live = await request(app).get('/livez');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'alive', service: 'svc-tax' });
    expect(Object.keys(live.body.memoryUsage).sort()).toEqual(['arrayBuffers', 'external', 'heapTotal', 'heapUsed', 'rss']);
  });

  it('ready with a fresh heartbeat and lag under the threshold (idle ledger)', async () => {
    await heartbeat(0, 200);
    const res = await request(createTaxApp(h.deps)).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ready', service: 'svc-tax',
      checks: { database: { status: 'healthy' }, projectionLag: { status: 'healthy', value: { lagMs: 0, threshold: 5000 } } },
    });
  });

  it('not ready without the projector row, with a stale heartbeat, or with lag over the threshold', async () => {
    const app = createTaxApp(h.deps);
    const missing = await request(app).get('/readyz');
    expect(missing.status).toBe(503);
    expect(missing.body).toMatchObject({ status: 'not_ready', error: 'Service Unavailable', message: expect.any(String), checks: { projectionLag: { status: 'unhealthy' } } });
    await heartbeat(0, 60_000);
    expect((await request(app).get('/readyz')).status).toBe(503);
    await h.pool.query('DELETE FROM "ProjectorState"');
    await heartbeat(9000, 100);
    const lagging = await request(app).get('/readyz');
    expect(lagging.status).toBe(503);
    expect(lagging.body.checks.projectionLag.value).toEqual({ lagMs: 9000, threshold: 5000 });
  });

  it('503 with the database unreachable; fault readyz-ignores-db answers 200', async () => {
    await heartbeat(0, 100);
    const shared = { ...h.deps, db: deadPool };
    const app = createTaxApp(shared);
    const down = await request(app).get('/readyz');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'not_ready', error: 'Service Unavailable', checks: { database: { status: 'unhealthy' } } });
    await h.faults.set(['readyz-ignores-db']);
    const lying = await request(app).get('/readyz');
    expect(lying.status).toBe(200);
    expect(lying.body.checks.database.status).toBe('healthy');
  });
});
