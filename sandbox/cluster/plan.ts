import type { Endpoint } from '../../src/netpol/engine/endpoints';
import { cidrContains } from '../../src/netpol/engine/cidr';

/**
 * The layout of the sandbox's network-namespace cluster: one network namespace per pod (every
 * replica of every workload, one per stand-in) and per external address, all on one bridge in a
 * "node" namespace of their own. Pods get addresses from 198.18.0.0/16; an external address is
 * hosted when it lies in 198.18.0.0/15 outside the pod range (nothing here routes anywhere else).
 */

export const POD_SUBNET = '198.18.0.0/16';
export const LINK_PREFIX = 15;
const HOSTABLE = '198.18.0.0/15';

export interface PlannedPod {
  /** `svc-admin-0`, unique in the cluster. */
  name: string;
  /** The engine endpoint id (`backend-mainnet/svc-admin`, `external/internet`). */
  workload: string;
  kind: 'pod' | 'external';
  netns: string;
  /** Interface name on the node side of the veth pair. */
  veth: string;
  /** Fixed MAC of the pod's eth0: every pod knows every neighbour up front (no ARP storms when all probe at once). */
  mac: string;
  ip: string;
  tcp: number[];
  udp: number[];
}

export interface ClusterPlan {
  prefix: string;
  nodeNetns: string;
  pods: PlannedPod[];
  /** Externals that cannot be hosted here (address outside 198.18.0.0/15), with the reason. */
  unhosted: { workload: string; reason: string }[];
}

function podAddress(i: number): string {
  const n = i + 10;
  return `198.18.${Math.floor(n / 256)}.${n % 256}`;
}

export function planCluster(endpoints: readonly Endpoint[], prefix: string): ClusterPlan {
  const pods: PlannedPod[] = [];
  const unhosted: ClusterPlan['unhosted'] = [];
  const add = (e: Endpoint, name: string, ip: string) => {
    const i = pods.length;
    const mac = `02:67:78:${[(i + 1) >> 16, ((i + 1) >> 8) & 0xff, (i + 1) & 0xff].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
    pods.push({
      name, workload: e.id, kind: e.kind, netns: `${prefix}-p${i}`, veth: `v${i}`, mac, ip,
      tcp: e.ports.filter((p) => p.protocol === 'TCP').map((p) => p.port),
      udp: e.ports.filter((p) => p.protocol === 'UDP').map((p) => p.port),
    });
  };
  for (const e of endpoints) {
    if (e.kind === 'pod') {
      for (let r = 0; r < Math.max(e.replicas, 0); r++) add(e, `${e.name}-${r}`, podAddress(pods.length));
    } else if (cidrContains(HOSTABLE, e.address) && !cidrContains(POD_SUBNET, e.address)) {
      add(e, e.name, e.address);
    } else {
      unhosted.push({ workload: e.id, reason: `${e.address} is outside ${HOSTABLE} minus the pod range ${POD_SUBNET}` });
    }
  }
  if (pods.length > 60_000) throw new Error(`${pods.length} pods do not fit the pod range ${POD_SUBNET}`);
  return { prefix, nodeNetns: `${prefix}-node`, pods, unhosted };
}
