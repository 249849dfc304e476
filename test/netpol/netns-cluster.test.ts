import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SandboxCluster } from '../../sandbox/cluster/sandbox-cluster';
import { findBinary } from '../../sandbox/cluster/commands';
import { startNetnsCluster } from '../../sandbox/cluster/netns-cluster';
import type { PolicyModel } from '../../src/netpol/engine/model';
import { model } from './engine-helpers';

/**
 * The network-namespace cluster leaves nothing behind: not after a failed start, and not when its
 * owner is killed (the watchdog removes the namespaces). Needs root and nftables.
 */

const unavailable = SandboxCluster.unavailable();
const namespaces = (prefix: string) => execFileSync(findBinary('ip') ?? 'ip', ['netns', 'list'], { encoding: 'utf8' })
  .split('\n').map((l) => l.split(' ')[0]).filter((n) => n.startsWith(`${prefix}-`));
const prefix = () => `gxnpt${randomBytes(3).toString('hex')}`;

describe.skipIf(unavailable !== null)('network-namespace cluster clean-up', () => {
  it('a start that fails removes every namespace it created', async () => {
    const good = model('apiVersion: v1\nkind: Pod\nmetadata: { name: a, namespace: x }\nspec: { containers: [{ name: a, ports: [{ containerPort: 80 }] }] }\n');
    // An agent that cannot bind (a port number no socket takes) makes the start fail after the namespaces exist.
    const broken: PolicyModel = { ...good, endpoints: good.endpoints.map((e) => (e.kind === 'pod' ? { ...e, ports: [{ port: 70_000, protocol: 'TCP' as const }] } : e)) };
    const p = prefix();
    await expect(startNetnsCluster(broken, { enforcing: true, prefix: p })).rejects.toThrow(/agent of a-0/);
    expect(namespaces(p)).toEqual([]);
  }, 60_000);

  it('a killed owner leaves no namespace behind (watchdog)', async () => {
    const p = prefix();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/netpol/fixtures/cluster-owner.ts', p], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => { if (String(d).includes('built')) resolve(); });
      child.once('exit', (code) => reject(new Error(`owner exited early (${code})`)));
    });
    expect(namespaces(p)).toHaveLength(3); // node + two pods
    child.kill('SIGKILL');
    const deadline = Date.now() + 15_000;
    while (namespaces(p).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(namespaces(p)).toEqual([]);
  }, 90_000);
});
