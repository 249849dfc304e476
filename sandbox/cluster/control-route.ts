import type http from 'node:http';
import { REASON_PHRASES } from '../../src/catalog/envelope';
import { ClusterUnavailable, type SandboxCluster } from './sandbox-cluster';

/**
 * `POST /cluster` on the sandbox's control endpoint: builds (first call) or updates the
 * network-namespace cluster and answers its description (pods, addresses, agent sockets).
 * 503 when this machine cannot run it (not root, no nftables), with the reason; 500 when building
 * failed. Returns false for any other route.
 */
export async function clusterRoute(
  cluster: SandboxCluster | undefined, method: string | undefined, path: string, res: http.ServerResponse,
  send: (res: http.ServerResponse, status: number, body: unknown) => void,
): Promise<boolean> {
  if (path !== '/cluster') return false;
  const fail = (status: number, message: string) => send(res, status, { error: REASON_PHRASES[status], message });
  if (method !== 'POST') { fail(405, 'Use POST /cluster'); return true; }
  if (!cluster) { fail(503, 'This sandbox was started without a cluster.'); return true; }
  try {
    send(res, 200, await cluster.ensure());
  } catch (error) {
    if (error instanceof ClusterUnavailable) fail(503, `The sandbox cannot run its network-namespace cluster here: ${error.message}`);
    else fail(500, `Building the network-namespace cluster failed: ${(error as Error).message}`);
  }
  return true;
}
