/**
 * Benchmark (not a test): the full live NetworkPolicy probe of the sandbox — every pod pair of the
 * GX manifests (fixtures/k8s/gx plus the intent's stand-ins) × every destination port — on the
 * network-namespace cluster, N times (default 3). Prints per run the engine time, the cluster
 * build, the probe with 256 probes in flight (the check's setting) and, side by side on the same
 * cluster, a reference probe with 32 in flight; then medians. Goal: the full probe ≤ 30 s.
 * Needs root, iproute2 and nftables. Usage:
 *   npx tsx scripts/bench-netpol.ts [--runs 3] [--enforcement on|off]
 */
import { parseArgs } from 'node:util';
import { startNetnsCluster } from '../sandbox/cluster/netns-cluster';
import { analyse } from '../src/netpol/analysis';
import { AgentProbeRunner } from '../src/netpol/live/agent-runner';
import { probeLive } from '../src/netpol/live/probe';
import { summaryLine } from '../src/netpol/table/compare';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, enforcement: { type: 'string', default: 'on' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error('--runs must be a whole number from 1 to 20');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows: Record<'engine' | 'build' | 'probe' | 'reference' | 'total', number[]> = { engine: [], build: [], probe: [], reference: [], total: [] };

for (let i = 1; i <= runs; i++) {
  let t = Date.now();
  const a = await analyse({ manifests: new URL('../fixtures/k8s/gx', import.meta.url).pathname });
  const engine = Date.now() - t;
  t = Date.now();
  const cluster = await startNetnsCluster(a.model, { enforcing: values.enforcement !== 'off' });
  const build = Date.now() - t;
  try {
    const d = cluster.describe();
    const sockets = d.pods.map((p) => ({ pod: p.name, socket: p.socket }));
    const probeWith = async (parallel: number) => {
      const runner = new AgentProbeRunner('bench', sockets, parallel);
      try {
        return await probeLive(a, d.pods, runner, { timeoutMs: 1_000, retries: 2 });
      } finally {
        await runner.close();
      }
    };
    const fast = await probeWith(256);
    const reference = await probeWith(32);
    rows.engine.push(engine); rows.build.push(build); rows.probe.push(fast.durationMs); rows.reference.push(reference.durationMs);
    rows.total.push(build + fast.durationMs);
    const retried = [...fast.tries.values()].filter((x) => x.length > 1).length;
    console.log(`run ${i}: ${d.pods.length} pods, ${a.table.endpoints.length} workloads × ${a.table.columns.length} destination ports; `
      + `engine ${engine} ms, cluster build ${build} ms, probe ${fast.jobs.length} cells in ${fast.durationMs} ms (${Math.round(fast.jobs.length / (fast.durationMs / 1000))}/s, ${retried} retried; ${summaryLine(fast.comparison)}), `
      + `reference (32 in flight) ${reference.durationMs} ms — ${(reference.durationMs / fast.durationMs).toFixed(1)}× slower`);
  } finally {
    await cluster.stop();
  }
}
const line = (k: keyof typeof rows) => `${k} median ${median(rows[k])} ms (max ${Math.max(...rows[k])})`;
console.log(`over ${runs} runs: ${(['engine', 'build', 'probe', 'reference', 'total'] as const).map(line).join('; ')}`);
console.log(`goal: full probe (build + probe) ≤ 30000 ms → ${Math.max(...rows.total) <= 30_000 ? 'met' : 'NOT met'} (worst ${Math.max(...rows.total)} ms)`);
