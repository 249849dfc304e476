import net from 'node:net';
import { isListening, LOOPBACK } from '../../src/clients/loopback';

// The loopback helpers the suite's own process checks use too live in src/ (the sandbox imports src, not the reverse).
export { LOOPBACK, freePort, isListening } from '../../src/clients/loopback';

/** Waits until host:port accepts connections, polling every 25 ms, up to timeoutMs. */
export async function waitForPort(port: number, timeoutMs: number, host = LOOPBACK): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isListening(port, host, 200)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
}

/** Whether this process could bind host:port right now (a listener on 0.0.0.0 also makes it busy). */
export async function canBind(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
