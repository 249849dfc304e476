import net from 'node:net';
import { LOOPBACK } from './ports';

export interface StartedGate extends AsyncDisposable {
  host: string;
  port: number;
  readonly isCut: boolean;
  /** Open connections currently relayed (for tests and diagnostics). */
  readonly openConnections: number;
  /** Resets every relayed connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  /** The same connection URL, pointed at the gate instead of the upstream. */
  rewrite(url: string): string;
  stop(): Promise<void>;
}

/**
 * A TCP relay in front of a dependency (the sandbox puts one before PostgreSQL). The services
 * connect through it, so the sandbox can make the database unreachable on demand (`cut`) and
 * reachable again (`restore`) without touching the database itself: that is how /readyz is
 * shown answering 503 while the database is gone.
 */
export class TcpGate {
  constructor(private readonly upstream: { host: string; port: number }) {}

  async start(): Promise<StartedGate> {
    const upstream = this.upstream;
    const pairs = new Set<{ client: net.Socket; server: net.Socket }>();
    let isCut = false;

    const server = net.createServer((client) => {
      if (isCut) {
        client.resetAndDestroy();
        return;
      }
      const target = net.connect({ host: upstream.host, port: upstream.port });
      const pair = { client, server: target };
      pairs.add(pair);
      const close = () => {
        pairs.delete(pair);
        client.destroy();
        target.destroy();
      };
      client.on('error', close).on('close', close);
      target.on('error', close).on('close', close);
      client.pipe(target);
      target.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, LOOPBACK, () => resolve());
    });
    const address = server.address() as net.AddressInfo;

    const resetAll = () => {
      for (const pair of pairs) {
        pair.client.resetAndDestroy();
        pair.server.destroy();
      }
      pairs.clear();
    };
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      resetAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    };
    return {
      host: LOOPBACK,
      port: address.port,
      get isCut() {
        return isCut;
      },
      get openConnections() {
        return pairs.size;
      },
      cut() {
        isCut = true;
        resetAll();
      },
      restore() {
        isCut = false;
      },
      rewrite(url: string) {
        const parsed = new URL(url);
        parsed.hostname = LOOPBACK;
        parsed.port = String(address.port);
        return parsed.toString();
      },
      stop,
      [Symbol.asyncDispose]: stop,
    };
  }
}
