import net from 'node:net';

/** The only interface gx-verify's own listeners bind to (network safety: loopback only). */
export const LOOPBACK = '127.0.0.1';

/**
 * A TCP port on the loopback interface that was free a moment ago. The OS picks it, so two
 * callers never get the same one at once; a child process that loses the race to another
 * program fails to bind and its starter retries with a new port.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** True when something accepts TCP connections on host:port (used to prove a stopped part is gone). */
export async function isListening(port: number, host = LOOPBACK, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
