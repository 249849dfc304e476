import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDelayProxy, type DelayProxy } from '../../sandbox/edge/delay-proxy';

let echo: Server;
let echoPort: number;
const proxies: DelayProxy[] = [];

beforeAll(async () => {
  echo = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', () => resolve()));
  const address = echo.address();
  echoPort = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await new Promise((resolve) => echo.close(resolve));
});

/** Sends `payload` through the proxy and resolves with the echoed bytes and the time to the first echoed byte. */
function roundTrip(port: number, payload: Buffer): Promise<{ firstByteMs: number; echoed: Buffer }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let received = 0;
    let firstByteMs = -1;
    let sentAt = 0;
    socket.on('connect', () => { sentAt = performance.now(); socket.write(payload); });
    socket.on('data', (chunk: Buffer) => {
      if (firstByteMs < 0) firstByteMs = performance.now() - sentAt;
      chunks.push(chunk);
      received += chunk.length;
      if (received >= payload.length) { socket.end(); resolve({ firstByteMs, echoed: Buffer.concat(chunks) }); }
    });
    socket.on('error', reject);
  });
}

describe('delay proxy', () => {
  it.each([5, 60, 90])('adds at least %d ms of round-trip time', async (rttMs) => {
    const proxy = await startDelayProxy(echoPort, rttMs);
    proxies.push(proxy);
    const direct = await roundTrip(echoPort, Buffer.from('ping'));
    const delayed = await roundTrip(proxy.port, Buffer.from('ping'));
    expect(delayed.firstByteMs).toBeGreaterThanOrEqual(rttMs - 1);
    expect(delayed.firstByteMs).toBeLessThan(rttMs + direct.firstByteMs + 150);
  });

  it('passes bytes unchanged and in order', async () => {
    const proxy = await startDelayProxy(echoPort, 20);
    proxies.push(proxy);
    const payload = randomBytes(2 * 1024 * 1024);
    const { echoed } = await roundTrip(proxy.port, payload);
    expect(echoed.equals(payload)).toBe(true);
  });
});
