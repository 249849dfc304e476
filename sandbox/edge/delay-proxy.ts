import { connect, createServer, type Server, type Socket } from 'node:net';

export interface DelayProxy {
  port: number;
  rttMs: number;
  close(): Promise<void>;
}

/**
 * A TCP relay that adds a round-trip time: every chunk waits rttMs/2 in each direction.
 * The kernel here has no netem, so regional latency is emulated in user space. Bytes pass
 * untouched (TLS is end to end). Timers of equal delay fire in insertion order, and a
 * per-direction queue keeps chunk order even when the event loop is late.
 */
export function startDelayProxy(targetPort: number, rttMs: number, listenPort = 0, extraOneWayMs: () => number = () => 0): Promise<DelayProxy> {
  const baseOneWay = Math.max(0, rttMs / 2);
  const sockets = new Set<Socket>();

  const relay = (from: Socket, to: Socket) => {
    const queue: { at: number; chunk: Buffer | null }[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      const now = Date.now();
      while (queue.length && queue[0].at <= now) {
        const { chunk } = queue.shift()!;
        if (chunk === null) to.end();
        else if (!to.destroyed) to.write(chunk);
      }
      if (queue.length) timer = setTimeout(flush, Math.max(0, queue[0].at - Date.now()));
    };
    const push = (chunk: Buffer | null) => {
      const oneWay = baseOneWay + extraOneWayMs();
      queue.push({ at: Date.now() + oneWay, chunk });
      if (!timer) timer = setTimeout(flush, oneWay);
    };
    from.on('data', (chunk: Buffer) => push(chunk));
    from.on('end', () => push(null));
  };

  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    // The client's own loopback address goes on to nginx, so the edge's per-IP limit (RL-1) sees
    // each client as itself, not everyone as the proxy (load spread over 127.x.y.z addresses).
    const from = client.remoteAddress?.replace(/^::ffff:/, '');
    const localAddress = from && /^127\./.test(from) ? from : undefined;
    const upstream = connect({ host: '127.0.0.1', port: targetPort, allowHalfOpen: true, localAddress });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => setTimeout(() => upstream.destroy(), baseOneWay + 50).unref());
    upstream.on('close', () => setTimeout(() => client.destroy(), baseOneWay + 50).unref());
    relay(client, upstream);
    relay(upstream, client);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address !== 'object' || !address) return reject(new Error('Delay proxy has no address'));
      resolve({
        port: address.port,
        rttMs,
        close: () => new Promise<void>((done) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => done());
        }),
      });
    });
  });
}
