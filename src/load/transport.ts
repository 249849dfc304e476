import { isIP } from 'node:net';
import { buildConnector, Pool } from 'undici';
import { splitHostPort } from '../profile/dispatcher';
import type { RegionTarget } from '../profile/target';

/**
 * Keep-alive connection pools for the load engine: one undici Pool per (origin, source address),
 * honouring the region's extra CA and connect address like every other client of the suite.
 * A virtual user always uses the pool of its own source address, so the edge sees one client
 * per address, as it would see real users.
 */
export interface TransportOptions {
  /** Connections per pool (per source address). */
  connectionsPerAddress: number;
  /** Idle keep-alive time of a connection (kept below common server timeouts). */
  keepAliveMs?: number;
}

export class Transport {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly region: RegionTarget, private readonly opts: TransportOptions) {}

  pool(origin: string, localAddress: string | undefined): Pool {
    const key = `${origin} ${localAddress ?? ''}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.opts.connectionsPerAddress,
        pipelining: 1,
        keepAliveTimeout: this.opts.keepAliveMs ?? 4_000,
        keepAliveMaxTimeout: this.opts.keepAliveMs ?? 4_000,
        ...(localAddress ? { localAddress } : {}),
        connect: connector(this.region),
      });
      this.pools.set(key, pool);
    }
    return pool;
  }

  get size(): number {
    return this.pools.size;
  }

  async close(): Promise<void> {
    const all = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(all.map((p) => p.destroy().catch(() => undefined)));
  }
}

function connector(region: RegionTarget): buildConnector.connector {
  const base = buildConnector(region.ca ? { ca: region.ca } : {});
  const target = region.connectTo ? splitHostPort(region.connectTo) : null;
  if (!target) return base;
  return (opts, callback) => {
    const servername = opts.servername ?? (isIP(opts.hostname) ? undefined : opts.hostname);
    base({ ...opts, hostname: target.host, port: target.port, servername }, callback);
  };
}
