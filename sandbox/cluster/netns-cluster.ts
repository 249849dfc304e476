import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PolicyModel } from '../../src/netpol/engine/model';
import { startAgent, stopAgent, type RunningAgent } from './agents';
import { clusterTools, eachLimited, run, type ClusterTools } from './commands';
import { compilePodRuleset, NFT_TABLE } from './nft-compile';
import { LINK_PREFIX, planCluster, type ClusterPlan } from './plan';

/**
 * The sandbox's "cluster": network namespaces on this machine, one per pod, joined by a bridge in
 * a node namespace, each pod with its probe agent and its nftables policy table. Every name
 * carries a per-cluster prefix (`gxnp<random>`), so parallel sandboxes never collide, and
 * everything lives inside those namespaces: deleting them removes the veths, the bridge and the
 * tables. `stop()` does that, also after a failed start; a watchdog does it if this process dies.
 */

export interface ClusterDescription {
  prefix: string;
  enforcing: boolean;
  pods: Array<{ name: string; workload: string; kind: 'pod' | 'external'; ip: string; netns: string; socket: string; running: boolean }>;
  unhosted: ClusterPlan['unhosted'];
  buildMs: number;
}

export interface StartedNetnsCluster {
  plan: ClusterPlan;
  describe(): ClusterDescription;
  /** Recompiles every pod's table from `model` (same pods), or removes them all when not enforcing. */
  applyPolicies(model: PolicyModel, enforcing: boolean): Promise<void>;
  stop(): Promise<void>;
}

const WATCHDOG = 'while [ -d /proc/$1 ]; do sleep 0.5; done; '
  + 'for ns in $("$2" netns list | cut -d" " -f1 | grep "^$3-"); do "$2" netns del "$ns"; done; rm -rf -- "$4"';

async function loadRules(tools: ClusterTools, plan: ClusterPlan, model: PolicyModel, enforcing: boolean): Promise<void> {
  await eachLimited(plan.pods, 8, async (pod) => {
    const rules = enforcing ? compilePodRuleset(plan, model, pod) : null;
    // Declaring then deleting the table makes the script idempotent; the new table follows.
    const script = `table inet ${NFT_TABLE}\ndelete table inet ${NFT_TABLE}\n${rules ?? ''}`;
    await run(tools.ip, ['netns', 'exec', pod.netns, tools.nft, '-f', '-'], script);
  });
}

export async function startNetnsCluster(model: PolicyModel, opts: { enforcing: boolean; prefix?: string }): Promise<StartedNetnsCluster> {
  const tools = clusterTools();
  if ('missing' in tools) throw new Error(`The network-namespace cluster cannot run here: ${tools.missing}`);
  const began = Date.now();
  const plan = planCluster(model.endpoints, opts.prefix ?? `gxnp${randomBytes(3).toString('hex')}`);
  const socketDir = mkdtempSync(path.join(os.tmpdir(), `${plan.prefix}-`));
  const watchdog = spawn('sh', ['-c', WATCHDOG, 'gxnp-watchdog', String(process.pid), tools.ip, plan.prefix, socketDir], { detached: true, stdio: 'ignore' });
  watchdog.on('error', () => undefined);
  watchdog.unref();
  const agents: RunningAgent[] = [];
  let enforcing = opts.enforcing;
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= (async () => {
    await Promise.all(agents.map(stopAgent));
    const names = [plan.nodeNetns, ...plan.pods.map((p) => p.netns)];
    await run(tools.ip, ['-force', '-batch', '-'], names.map((n) => `netns del ${n}`).join('\n')).catch(() => undefined);
    rmSync(socketDir, { recursive: true, force: true });
    watchdog.kill();
  })());

  try {
    await run(tools.ip, ['-batch', '-'], [plan.nodeNetns, ...plan.pods.map((p) => p.netns)].map((n) => `netns add ${n}`).join('\n'));
    await run(tools.ip, ['-n', plan.nodeNetns, '-batch', '-'], [
      'link add br0 type bridge', 'link set br0 up', 'link set lo up',
      ...plan.pods.flatMap((p) => [`link add ${p.veth} type veth peer name eth0 address ${p.mac} netns ${p.netns}`, `link set ${p.veth} master br0`, `link set ${p.veth} up`]),
    ].join('\n'));
    await eachLimited(plan.pods, 8, (p) => run(tools.ip, ['-n', p.netns, '-batch', '-'],
      [`addr add ${p.ip}/${LINK_PREFIX} dev eth0`, 'link set eth0 up', 'link set lo up',
        ...plan.pods.filter((o) => o !== p).map((o) => `neigh replace ${o.ip} lladdr ${o.mac} dev eth0 nud permanent`)].join('\n')).then(() => undefined));
    await loadRules(tools, plan, model, enforcing);
    await eachLimited(plan.pods, 16, async (p) => { agents.push(await startAgent(tools.ip, p, socketDir, 30_000)); });
  } catch (error) {
    await stop();
    throw error;
  }
  const buildMs = Date.now() - began;
  const byNetns = new Map(agents.map((a) => [a.pod.netns, a]));
  return {
    plan,
    describe: () => ({
      prefix: plan.prefix, enforcing, unhosted: plan.unhosted, buildMs,
      pods: plan.pods.map((p) => {
        const agent = byNetns.get(p.netns)!;
        return { name: p.name, workload: p.workload, kind: p.kind, ip: p.ip, netns: p.netns, socket: agent.socket, running: agent.child.exitCode === null && agent.child.signalCode === null };
      }),
    }),
    async applyPolicies(next, on) {
      enforcing = on;
      await loadRules(tools, plan, next, on);
    },
    stop,
  };
}
