import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceApp, f, ok } from '../../sandbox/services/kit';
import { createTaxApp } from '../../sandbox/services/tax';
import { startHarness, type Harness } from './harness';

let h: Harness;
let tax: Express;
let probe: Express;

beforeAll(async () => {
  h = await startHarness();
  tax = createTaxApp(h.deps);
  // A kit app with routes that exercise the pipeline's edges.
  probe = createServiceApp('tax', h.deps, (r) => {
    r.add({ method: 'get', path: '/api/v1/things/:thingId', access: 'public', params: { fields: { thingId: f.id() } }, handler: async ({ params }) => ok({ thingId: params.thingId }) });
    r.add({ method: 'post', path: '/api/v1/nobody', access: 'public', handler: async () => ok({ done: true }) });
    r.add({ method: 'get', path: '/api/v1/boom', access: 'public', handler: async ({ deps }) => ok((await deps.db.query('SELECT no_such_column FROM "Wallet"')).rows) });
  }).app;
});
afterAll(async () => {
  await h?.stop();
});

describe('E1 envelope and HTTP conventions', () => {
  it('answers unknown routes 404 with the E1 envelope and request id', async () => {
    const res = await request(tax).get('/api/v1/nope?x=1').set('X-Request-Id', 'abc-123');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ error: 'Not Found', message: 'Route GET /api/v1/nope not found', requestId: 'abc-123' });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('answers a known path with another method with the same 404', async () => {
    const res = await request(tax).delete('/api/v1/fees/calculate');
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Route DELETE /api/v1/fees/calculate not found');
  });

  it('fault envelope-drift changes the unknown-route shape, and only that', async () => {
    await h.faults.set(['envelope-drift']);
    try {
      const res = await request(tax).get('/api/v1/nope');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, msg: 'Route GET /api/v1/nope not found' });
      const known = await request(tax).post('/api/v1/fees/calculate').send({});
      expect(known.body.error).toBe('Bad Request');
    } finally {
      await h.faults.set([]);
    }
  });

  it('rejects malformed JSON, non-object bodies, other content types and oversize bodies', async () => {
    const malformed = await request(tax).post('/api/v1/fees/calculate').set('Content-Type', 'application/json').send('{"amount": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'Bad Request', message: 'Malformed JSON in request body' });
    const array = await request(tax).post('/api/v1/fees/calculate').set('Content-Type', 'application/json').send('[1,2]');
    expect(array.body.message).toBe('Request body must be a JSON object');
    const primitive = await request(tax).post('/api/v1/fees/calculate').set('Content-Type', 'application/json; charset=utf-8').send('"100"');
    expect(primitive.status).toBe(400);
    expect(primitive.body.message).toBe('Request body must be a JSON object');
    const text = await request(tax).post('/api/v1/fees/calculate').set('Content-Type', 'text/plain').send('amount=1');
    expect(text.status).toBe(400);
    expect(text.body.message).toBe('Content-Type must be application/json');
    const big = await request(tax).post('/api/v1/fees/calculate').set('Content-Type', 'application/json').send(`{"amount":"1","pad":"${'x'.repeat(10 * 1024 * 1024)}"}`);
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: 'Payload Too Large', message: 'Request body too large' });
  });

  it('counts an empty body as {} and lets a body-less route ignore non-JSON bodies', async () => {
    const empty = await request(tax).post('/api/v1/fees/calculate');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('amount must be a positive number');
    const ignored = await request(probe).post('/api/v1/nobody').set('Content-Type', 'text/plain').send('hello');
    expect(ignored.status).toBe(200);
    const badJson = await request(probe).post('/api/v1/nobody').set('Content-Type', 'application/json').send('{oops');
    expect(badJson.status).toBe(400);
  });

  it('serves HEAD for GET, one trailing slash, and ignores unknown query parameters', async () => {
    const head = await request(probe).head('/api/v1/things/t1');
    expect(head.status).toBe(200);
    const slash = await request(probe).get('/api/v1/things/t1/?unknown=1');
    expect(slash.status).toBe(200);
    expect(slash.body).toEqual({ thingId: 't1' });
  });

  it('answers 500 without driver text, and with it under fault error-leak', async () => {
    const clean = await request(probe).get('/api/v1/boom');
    expect(clean.status).toBe(500);
    expect(clean.body).toMatchObject({ error: 'Internal Server Error', message: 'Internal server error' });
    await h.faults.set(['error-leak']);
    try {
      const leaky = await request(probe).get('/api/v1/boom');
      expect(leaky.status).toBe(500);
      expect(leaky.body.message).toMatch(/no_such_column/);
    } finally {
      await h.faults.set([]);
    }
  });

  it('fault error-leak also stops checking path ids, so a NUL id reaches the database', async () => {
    const clean = await request(tax).get('/api/v1/velocity-tax/eligibility/%00');
    expect(clean.status).toBe(400);
    expect(clean.body.message).toBe('Invalid accountId');
    const long = await request(tax).get(`/api/v1/velocity-tax/eligibility/${'a'.repeat(129)}`);
    expect(long.status).toBe(400);
    await h.faults.set(['error-leak']);
    try {
      const leaky = await request(tax).get('/api/v1/velocity-tax/eligibility/%00');
      expect(leaky.status).toBe(500);
      expect(leaky.body.message).toMatch(/0x00|UTF8/i);
      const longLeak = await request(tax).get(`/api/v1/velocity-tax/eligibility/${'a'.repeat(129)}`);
      expect(longLeak.status).toBe(200);
    } finally {
      await h.faults.set([]);
    }
  });
});

describe('headers and CORS', () => {
  it('sets the HDR-1 headers and no X-Powered-By; generates a request id for a bad one', async () => {
    const res = await request(tax).get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes allowed origins with credentials and gives others nothing', async () => {
    const allowed = await request(tax).get('/health').set('Origin', 'https://app.gxcoin.money');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.gxcoin.money');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    expect(allowed.headers.vary).toMatch(/Origin/);
    const other = await request(tax).get('/health').set('Origin', 'https://evil.example');
    expect(Object.keys(other.headers).filter((k) => k.startsWith('access-control-'))).toEqual([]);
  });

  it('answers preflights 204, with CORS headers only for allowed origins', async () => {
    const ok = await request(tax).options('/api/v1/fees/calculate').set('Origin', 'https://app.gxcoin.money').set('Access-Control-Request-Method', 'POST');
    expect(ok.status).toBe(204);
    expect(ok.text).toBe('');
    for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) expect(ok.headers['access-control-allow-methods']).toContain(m);
    for (const hd of ['Authorization', 'Content-Type', 'X-Idempotency-Key', 'X-Request-Id']) expect(ok.headers['access-control-allow-headers']).toContain(hd);
    const denied = await request(tax).options('/api/v1/fees/calculate').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(denied.status).toBe(204);
    expect(Object.keys(denied.headers).filter((k) => k.startsWith('access-control-'))).toEqual([]);
  });
});

describe('metrics', () => {
  it('exports the contract names with route templates and numeric status, not counting /metrics', async () => {
    const fresh = createTaxApp(h.deps);
    await request(fresh).get('/api/v1/velocity-tax/eligibility/acct-1');
    await request(fresh).get('/api/v1/unknown/xyz-1');
    await request(fresh).get('/metrics');
    const res = await request(fresh).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/http_requests_total\{route="\/api\/v1\/velocity-tax\/eligibility\/:accountId",method="GET",status="200"\} 1/);
    expect(res.text).toMatch(/http_requests_total\{route="unmatched",method="GET",status="404"\} 1/);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{le="0.5",route=/);
    expect(res.text).toMatch(/process_cpu_user_seconds_total/);
    expect(res.text).not.toMatch(/route="\/metrics"/);
    expect(res.text).not.toContain('acct-1');
  });
});

describe('undecodable paths', () => {
  it('answers a bad percent-encoding in a path parameter with 400 E1', async () => {
    const res = await request(probe).get('/api/v1/things/%ZZ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'Bad Request', message: 'Bad request' });
  });
});
