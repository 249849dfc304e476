import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAliveMarginMs } from '../../src/clients/agents';
import { send } from '../../src/clients/http';
import { exchange, safeToRepeat, staleConnectionFailure } from '../../src/clients/transport';
import { startDelayProxy, type DelayProxy } from '../../sandbox/edge/delay-proxy';

/**
 * A server that drops idle kept-alive connections after IDLE_CLOSE_MS without advertising it (no
 * Keep-Alive header), behind a delay proxy: the client learns of the close one trip later, so a
 * request sent in that window goes out on a connection the server already closed — the race a
 * real network produces with any server timeout shorter than the client's idle time.
 */
const IDLE_CLOSE_MS = 400;
const ONE_WAY_MS = 150;

let server: Server;
let proxy: DelayProxy;
let base: string;
const seen: string[] = [];
let connections = 0;

function answer(res: ServerResponse, body: string) {
  res.setHeader('content-type', 'text/plain');
  res.end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === '/hang-up') return req.socket.destroy(); // closes a fresh connection without answering
    req.resume();
    req.on('end', () => answer(res, `${req.method} ok`));
    res.on('finish', () => {
      const socket = req.socket;
      clearTimeout((socket as Socket & { idle?: NodeJS.Timeout }).idle);
      (socket as Socket & { idle?: NodeJS.Timeout }).idle = setTimeout(() => socket.destroy(), IDLE_CLOSE_MS);
    });
  });
  server.keepAliveTimeout = 0; // no Keep-Alive hint: the client cannot know the server's idle limit
  server.on('connection', () => { connections++; });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  proxy = await startDelayProxy(port, 2 * ONE_WAY_MS);
  base = `http://127.0.0.1:${proxy.port}`;
});
afterAll(async () => {
  await proxy?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A first request, then a pause that puts the second one in the window where the server has closed but the client cannot know. */
async function onStaleConnection<T>(second: () => Promise<T>): Promise<T> {
  await sleep(IDLE_CLOSE_MS + 3 * ONE_WAY_MS); // earlier connections are closed and known to be: one pooled connection below
  await exchange({ method: 'GET', url: `${base}/warm`, headers: {}, timeoutMs: 5_000 });
  // The server closed IDLE_CLOSE_MS − ONE_WAY_MS after the client got the answer, and the client
  // hears of it at IDLE_CLOSE_MS: sending in between (with slack both ways for a busy machine) is stale.
  await sleep(IDLE_CLOSE_MS - ONE_WAY_MS);
  return second();
}

describe('transport', () => {
  it('resends a GET whose reused connection was closed before any response byte, and says so in the evidence', async () => {
    const res = await onStaleConnection(() => send({ method: 'GET', baseUrl: base, path: '/read', note: 'stale read' }));
    expect(res.status).toBe(200);
    expect(res.transportRetries).toBe(1);
    expect(res.evidence.note).toMatch(/^stale read \[transport retry ×1: .*reused connection before any response byte/);
    expect(res.evidence.response).toMatch(/^HTTP 200 \(\d+ ms\)\n\(transport retry ×1/);
  });

  it('resends a command only when it carries an idempotency key', async () => {
    const keyed = await onStaleConnection(() => exchange({
      method: 'POST', url: `${base}/keyed`, headers: { 'X-Idempotency-Key': 'k'.repeat(16) }, body: '{}', timeoutMs: 5_000,
    }));
    expect(keyed.status).toBe(200);
    expect(keyed.retries).toHaveLength(1);

    const before = seen.filter((s) => s === 'POST /plain').length;
    const plain = await onStaleConnection(() => exchange({ method: 'POST', url: `${base}/plain`, headers: {}, body: '{}', timeoutMs: 5_000 })
      .then(() => 'answered', (error: unknown) => error));
    expect(staleConnectionFailure(plain)).not.toBeNull();
    await sleep(3 * ONE_WAY_MS);
    expect(seen.filter((s) => s === 'POST /plain').length).toBe(before); // never resent (and never delivered)
  });

  it('never resends when a fresh connection is closed without an answer: that is the target\'s answer', async () => {
    const before = connections;
    const hits = seen.filter((s) => s === 'GET /hang-up').length;
    const fresh = await exchange({ method: 'GET', url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hang-up`, headers: {}, timeoutMs: 5_000 })
      .then(() => null, (error: unknown) => error as { code?: string; socket?: { bytesRead: number } });
    expect(fresh?.code).toBe('UND_ERR_SOCKET');
    expect(fresh?.socket?.bytesRead).toBe(0);
    expect(seen.filter((s) => s === 'GET /hang-up').length).toBe(hits + 1);
    expect(connections).toBe(before + 1);
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
