import { splitHostPort } from '../profile/dispatcher';
import type { RegionTarget } from '../profile/target';

/**
 * Where load comes from (contract §16 note): an edge limits each client IP (RL-1, 10 r/s), so
 * load through an edge is either spread over many client addresses or it measures the limiter.
 * On a loopback target each virtual user gets its own 127.x.y.z address; on a real target the
 * profile lists the runner's addresses (`load.sourceAddresses`), else everything leaves from one.
 */
export type SourceMode = 'spread' | 'single' | 'direct';

export interface SourcePlan {
  mode: SourceMode;
  /** Source addresses in use; `undefined` = the operating system's choice. */
  addresses: Array<string | undefined>;
  /** One sentence for the report. */
  statement: string;
}

/** The edge's per-IP rate (RL-1) that load from one address must stay under. */
export const EDGE_RATE_PER_IP = 10;

function dialHost(region: RegionTarget, url: string): string {
  if (region.connectTo) return splitHostPort(region.connectTo).host;
  return new URL(url).hostname.replace(/^\[|\]$/g, '');
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** 127.77.0.1, 127.77.0.2, …: a block of loopback addresses no other part of the suite uses. */
export function loopbackAddress(i: number): string {
  const n = i + 1;
  return `127.77.${(n >> 8) & 255}.${n & 255}`;
}

export function planSources(region: RegionTarget, sampleUrl: string, setting: 'auto' | readonly string[], users: number): SourcePlan {
  if (!region.edgeUrl) {
    return { mode: 'direct', addresses: [undefined], statement: `sent to the services directly (region ${region.name} has no edge), so the edge's per-IP limit does not apply` };
  }
  if (setting !== 'auto') {
    const list = [...setting];
    return list.length > 1
      ? { mode: 'spread', addresses: list, statement: `spread over ${list.length} client addresses from the profile (load.sourceAddresses) through the ${region.name} edge` }
      : { mode: 'single', addresses: list, statement: `sent from one client address (${list[0]}) through the ${region.name} edge` };
  }
  if (isLoopback(dialHost(region, sampleUrl))) {
    const count = Math.max(1, Math.min(users, 60_000));
    return {
      mode: 'spread', addresses: Array.from({ length: count }, (_, i) => loopbackAddress(i)),
      statement: `spread over ${count} loopback client addresses (127.77.x.y, one per virtual user) through the ${region.name} edge`,
    };
  }
  return { mode: 'single', addresses: [undefined], statement: `sent from this runner's one address through the ${region.name} edge` };
}

/**
 * Why a planned load cannot be judged through this edge: more than RL-1 allows per address
 * means the answers measure the rate limiter, not the target. Null when it fits.
 */
export function rateLimitConflict(plan: SourcePlan, users: number, perUserRate: number): string | null {
  if (plan.mode === 'direct') return null;
  const perAddress = (users / plan.addresses.length) * perUserRate;
  if (perAddress <= EDGE_RATE_PER_IP) return null;
  return `${users} users at ~${perUserRate.toFixed(2)} r/s each from ${plan.addresses.length} client address(es) is ~${perAddress.toFixed(1)} r/s per address, `
    + `above the edge's per-IP limit (RL-1, ${EDGE_RATE_PER_IP} r/s): the answers would measure the limiter. `
    + 'List the runner\'s addresses in `load.sourceAddresses`, or run from a region with `services` (inside the cluster).';
}
