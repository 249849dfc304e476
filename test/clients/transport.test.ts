import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAgents, keepAliveMarginMs } from '../../src/clients/agents';
import { send } from '../../src/clients/http';
import { exchange, safeToRepeat, staleConnectionFailure } from '../../src/clients/transport';

/**
 * A server that drops a kept-alive connection when the next request arrives on it, without
 * answering: what a client meets when the server's idle timeout (or a middlebox) closed the
 * connection while the request was on its way — on a real network, more likely the farther away.
 * Deterministic: the first request of every connection is answered, the second one is cut.
 */
let server: Server;
let base: string;
const seen: string[] = [];
const requestsOn = new WeakMap<Socket, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const n = (requestsOn.get(req.socket) ?? 0) + 1;
    requestsOn.set(req.socket, n);
    if (n > 1 || req.url === '/hang-up') return req.socket.destroy(); // closed before any response byte
    req.resume();
    req.on('end', () => { res.setHeader('content-type', 'text/plain'); res.end(`${req.method} ok`); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A first request opens (and leaves idle) the pool's only connection; `second` then goes out on it. */
async function onReusedConnection<T>(second: () => Promise<T>): Promise<T> {
  await closeAgents();
  await exchange({ method: 'GET', url: `${base}/warm`, headers: {}, timeoutMs: 5_000 });
  await new Promise((resolve) => setTimeout(resolve, 20)); // the connection is back in the pool, idle
  return second();
}

const count = (what: string) => seen.filter((s) => s === what).length;

describe('transport', () => {
  it('resends a GET whose reused connection was closed before any response byte, and says so in the evidence', async () => {
    const res = await onReusedConnection(() => send({ method: 'GET', baseUrl: base, path: '/read', note: 'stale read' }));
    expect(res.status).toBe(200);
    expect(res.transportRetries).toBe(1);
    expect(res.evidence.note).toMatch(/^stale read \[transport retry ×1: .*reused connection before any response byte/);
    expect(res.evidence.response).toMatch(/^HTTP 200 \(\d+ ms\)\n\(transport retry ×1/);
    expect(count('GET /read')).toBe(2);
  });

  it('resends a command only when it carries an idempotency key', async () => {
    const keyed = await onReusedConnection(() => exchange({
      method: 'POST', url: `${base}/keyed`, headers: { 'X-Idempotency-Key': 'k'.repeat(16) }, body: '{}', timeoutMs: 5_000,
    }));
    expect(keyed.status).toBe(200);
    expect(keyed.retries).toHaveLength(1);

    const plain = await onReusedConnection(() => exchange({ method: 'POST', url: `${base}/plain`, headers: {}, body: '{}', timeoutMs: 5_000 })
      .then(() => 'answered', (error: unknown) => error));
    expect(staleConnectionFailure(plain)).not.toBeNull();
    expect(count('POST /plain')).toBe(1); // it reached the server once and was never sent again
  });

  it('never resends when a fresh connection is closed without an answer: that is the target\'s answer', async () => {
    const fresh = await exchange({ method: 'GET', url: `${base}/hang-up`, headers: { connection: 'close' }, timeoutMs: 5_000 })
      .then(() => null, (error: unknown) => error as { code?: string; socket?: { bytesRead: number } });
    expect(fresh?.code).toBe('UND_ERR_SOCKET');
    expect(fresh?.socket?.bytesRead).toBe(0);
    expect(count('GET /hang-up')).toBe(1);
  });

  it('knows which requests are safe to repeat', () => {
    expect(safeToRepeat('get', {})).toBe(true);
    expect(safeToRepeat('HEAD', {})).toBe(true);
    expect(safeToRepeat('POST', {})).toBe(false);
    expect(safeToRepeat('DELETE', {})).toBe(false);
    expect(safeToRepeat('POST', { 'x-idempotency-key': 'abc' })).toBe(true);
  });

  it('keeps idle connections a round trip further below the server\'s advertised timeout', () => {
    expect(keepAliveMarginMs(0)).toBe(2_000);
    expect(keepAliveMarginMs(500)).toBe(2_500);
  });

  it('reports a timeout with the URL and the limit', async () => {
    const slow = createServer(() => { /* never answers */ });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(slow.address() as { port: number }).port}/slow`;
    await expect(exchange({ method: 'GET', url, headers: {}, timeoutMs: 200 })).rejects.toThrow(`no complete answer from ${url} within 200 ms`);
    slow.closeAllConnections();
    await new Promise((resolve) => slow.close(resolve));
  });
});
