import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceKey } from '../../src/catalog/services';
import { FaultSwitchboard } from '../faults/switchboard';
import { createEdgeCerts, type EdgeCerts } from './certs';
import { EDGE_REGIONS, type EdgeRegion } from './nginx-conf';
import { RegionalEdge, type StartedEdge } from './regional-edge';

export interface StartEdgesOptions {
  upstreams: Record<ServiceKey, string>;
  /** Reuse a PKI; by default a fresh one is generated in a temp dir and removed on stop. */
  certs?: EdgeCerts;
  faults?: FaultSwitchboard | Iterable<string>;
  rttMs?: Partial<Record<EdgeRegion, number>>;
  regions?: readonly EdgeRegion[];
}

export interface StartedEdges {
  edges: Partial<Record<EdgeRegion, StartedEdge>>;
  list: StartedEdge[];
  certs: EdgeCerts;
  /** One switchboard shared by all edges. */
  faults: FaultSwitchboard;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The three regional edges (asia, north-america, europe) in front of the same upstreams, one PKI. */
export async function startEdges(options: StartEdgesOptions): Promise<StartedEdges> {
  const ownCertsDir = options.certs ? undefined : await mkdtemp(join(tmpdir(), 'gx-edge-pki-'));
  const certs = options.certs ?? await createEdgeCerts(ownCertsDir!);
  const faults = options.faults instanceof FaultSwitchboard ? options.faults : new FaultSwitchboard(options.faults ?? []);
  const regions = options.regions ?? EDGE_REGIONS;
  const settled = await Promise.allSettled(regions.map((region) =>
    new RegionalEdge({ region, upstreams: options.upstreams, certs, faults, rttMs: options.rttMs?.[region] }).start()));
  const list = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => {
    await Promise.all(list.map((edge) => edge.stop()));
    if (ownCertsDir) await rm(ownCertsDir, { recursive: true, force: true });
  };
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const edges = Object.fromEntries(list.map((edge) => [edge.region, edge])) as Partial<Record<EdgeRegion, StartedEdge>>;
  return { edges, list, certs, faults, stop, [Symbol.asyncDispose]: stop };
}
