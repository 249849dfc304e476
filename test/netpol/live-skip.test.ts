import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clusterRoute } from '../../sandbox/cluster/control-route';
import { SandboxCluster } from '../../sandbox/cluster/sandbox-cluster';
import { FaultSwitchboard } from '../../sandbox/faults/switchboard';
import { cleanup, GX_MANIFESTS, k8sTarget, runK8s, type Ran } from './helpers';

/**
 * Without root or nftables the sandbox cannot build its cluster: the control endpoint answers 503
 * with the reason and the live probe is skipped with it, never failed.
 */

let server: http.Server | null = null;
let ran: Ran | null = null;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  if (ran) cleanup(ran);
  server = null;
  ran = null;
});

describe('the live probe on a machine that cannot run the sandbox cluster', () => {
  it('is skipped with the precise reason', async () => {
    vi.spyOn(SandboxCluster, 'unavailable').mockReturnValue('creating network namespaces needs root; `nft` is missing (Debian package nftables).');
    const cluster = new SandboxCluster(GX_MANIFESTS, new FaultSwitchboard());
    const send = (res: http.ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    server = http.createServer((req, res) => { void clusterRoute(cluster, req.method, req.url ?? '/', res, send); });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cluster`;
    ran = await runK8s(['SEC-NETPOL-LIVE', 'SEC-NETPOL-INTENT'], k8sTarget({ manifests: GX_MANIFESTS, sandboxCluster: url }));
    const live = ran.results.get('SEC-NETPOL-LIVE')!;
    expect(live.status).toBe('skipped');
    expect(live.message).toBe('The sandbox cannot run its network-namespace cluster here: creating network namespaces needs root; `nft` is missing (Debian package nftables).');
    expect(ran.results.get('SEC-NETPOL-INTENT')!.status).toBe('pass');
    await cluster.stop();
  });
});
