/**
 * Benchmark: a whole `gx-verify run` on the built-in sandbox at increasing distance — every route
 * (services, workers, edges) behind a delay proxy adding the one-way latency (`run --latency`).
 * Prints, per distance: wall time (sandbox boot included) and its ratio to the near run, verdict,
 * statuses, checks that ended in a transport error or a timeout, transport retries, and the three
 * numbers of each latency-judged check (client-observed, network baseline, server-side).
 * Usage: npx tsx scripts/bench-distance.ts [--latencies 0,100,250] [--layers <list>] [--gate <name>]
 * (no --layers: the run's default layers, as a user's plain `gx-verify run`)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
const load = () => os.loadavg()[0].toFixed(1);
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Check { id: string; status: string; message: string; durationMs: number; measurements: Record<string, unknown> }

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const latencies = arg('--latencies', '0,100,250').split(',').map(Number);
const layers = arg('--layers', '');
const gate = arg('--gate', '');
const bin = fileURLToPath(new URL('../bin/gx-verify', import.meta.url));
const LATENCY_CHECKS = ['RT-LAG', 'RT-COMMIT-LATENCY', 'INT-DB-QUERY-LATENCY'];

function runOnce(latency: number, out: string): Promise<{ wallS: number; exit: number | null }> {
  const args = ['run', ...(layers ? ['--layers', layers] : []), ...(gate ? ['--gate', gate] : []), '--out', out, ...(latency > 0 ? ['--latency', String(latency)] : [])];
  const started = performance.now();
  return new Promise((resolve) => {
    // The run's progress lines go to stderr: kept, and shown only when the run could not do its job.
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += String(d); });
    child.on('exit', (exit) => {
      if (exit === 2) process.stderr.write(stderr.split('\n').slice(-20).join('\n'));
      resolve({ wallS: (performance.now() - started) / 1000, exit });
    });
  });
}

const rows: Array<{ latency: number; wallS: number; verdict: string; line: string; load: string }> = [];
for (const latency of latencies) {
  const out = mkdtempSync(path.join(os.tmpdir(), `gxv-bench-distance-${latency}-`));
  let keep = false;
  try {
    const loadBefore = load();
    const { wallS } = await runOnce(latency, out);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as { verdict: string; checks: Check[] };
    const counts: Record<string, number> = {};
    for (const c of report.checks) counts[c.status] = (counts[c.status] ?? 0) + 1;
    const transport = report.checks.filter((c) => c.status === 'error' && /socket|hang up|ECONNRESET|other side closed|no complete answer|Timed out/i.test(c.message));
    const retries = report.checks.reduce((n, c) => n + Number(c.measurements.transportRetries ?? 0), 0);
    rows.push({ latency, wallS, verdict: report.verdict, load: `${loadBefore} → ${load()}`, line: `${JSON.stringify(counts)}; transport errors/timeouts ${transport.length}${transport.length ? ` (${transport.map((c) => c.id).join(', ')})` : ''}; transport retries ${retries}` });
    console.log(`\n--latency ${latency} ms (one-way): ${report.verdict} in ${wallS.toFixed(1)} s — ${rows.at(-1)!.line}`);
    for (const c of report.checks.filter((x) => x.status !== 'pass' && x.status !== 'skipped')) console.log(`  ${c.id} ${c.status}: ${c.message.split('\n')[0].slice(0, 160)}`);
    for (const id of LATENCY_CHECKS) {
      const c = report.checks.find((x) => x.id === id);
      if (!c) continue;
      const m = c.measurements;
      const p = m.judgedP50Ms !== undefined ? 'P50' : 'P95';
      console.log(`  ${id.padEnd(21)} ${c.status.padEnd(5)} client ${String(m[`client${p}Ms`])} ms, network baseline ${String(m.networkBaselineRttMs)} ms, server-side ${String(m[`server${p}Ms`])} ms; judged ${String(m.judged)} (${String(m.samples)} samples)`);
    }
    // A run that is not GO keeps its directory: its report says why.
    keep = report.verdict !== 'GO';
    if (keep) console.log(`  kept: ${out}/report.md`);
  } finally {
    if (!keep) rmSync(out, { recursive: true, force: true });
  }
}

const near = rows.find((r) => r.latency === 0)?.wallS ?? rows[0]?.wallS;
console.log(`\nlayers ${layers || "the run's default"}${gate ? `, gate ${gate}` : ''}; wall time includes the sandbox boot; load = the machine's 1-min load average before → after (${os.cpus().length} cores)`);
console.log('one-way ms  verdict  wall s  × near  load');
for (const r of rows) console.log(`${String(r.latency).padStart(10)}  ${r.verdict.padEnd(7)}  ${r.wallS.toFixed(1).padStart(6)}  ${(r.wallS / near).toFixed(2).padStart(6)}  ${r.load}`);
