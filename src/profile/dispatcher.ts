import { isIP } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import type { RegionTarget } from './target';

/**
 * An undici dispatcher that honours a region's `ca` (extra trusted CA) and `connectTo` (dial this
 * host:port, but keep the URL's host name for SNI, certificate checks and the Host header).
 * Regions with neither use undici's global dispatcher (returns undefined).
 */

const cache = new WeakMap<RegionTarget, Agent>();

export function splitHostPort(value: string): { host: string; port: string } {
  const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(value);
  if (!m) throw new Error(`connectTo must be host:port, got ${value}`);
  return { host: m[1], port: m[2] };
}

export function regionDispatcher(region: RegionTarget): Dispatcher | undefined {
  if (!region.ca && !region.connectTo) return undefined;
  const cached = cache.get(region);
  if (cached) return cached;
  const tls = region.ca ? { ca: region.ca } : {};
  const base = buildConnector(tls);
  const target = region.connectTo ? splitHostPort(region.connectTo) : null;
  const agent = new Agent({
    connect: target
      ? (opts, callback) => {
        const servername = opts.servername ?? (isIP(opts.hostname) ? undefined : opts.hostname);
        base({ ...opts, hostname: target.host, port: target.port, servername }, callback);
      }
      : tls,
  });
  cache.set(region, agent);
  return agent;
}
