/**
 * Load engine benchmark (issue 11), loopback only. One run, same local target (a Node HTTP server
 * in its own process) for: the gx-verify engine, wrk and autocannon at the same connection count
 * (requests/s, p50, p99 side by side); an injected 1 s server stall under the open model (its p99
 * shows the stall) and the closed model (hides it); the engine's RSS at 500 virtual users.
 * Last line: `engine/wrk throughput: <ratio>`.
 *   npx tsx scripts/bench-load.ts [--connections 50] [--seconds 10]
 */
import { execFileSync, fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { runScenario } from '../src/load/engine';
import type { ScenarioPlan } from '../src/load/plan';
import type { RegionTarget } from '../src/profile/target';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CONNECTIONS = arg('connections', 50);
const SECONDS = arg('seconds', 10);

const SERVER = `
const http = require('node:http');
let stallAt = 0;
const server = http.createServer((req, res) => {
  if (req.url === '/stall') { stallAt = Date.now() + 50; res.end('ok'); return; }
  if (stallAt && Date.now() >= stallAt) { const until = Date.now() + 1000; stallAt = 0; while (Date.now() < until); }
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end('{"status":"ok"}');
});
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
`;

async function startTarget(): Promise<{ port: number; stop(): void }> {
  const file = path.join(tmpdir(), `gxv-bench-target-${process.pid}.cjs`);
  writeFileSync(file, SERVER);
  const child = fork(file, [], { stdio: 'ignore' });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  return { port, stop: () => child.kill() };
}

const region = (port: number): RegionTarget => ({ name: 'bench', serviceUrl: () => `http://127.0.0.1:${port}`, edgeUrl: null, ca: null, connectTo: null });
const request = (port: number) => ({ endpoint: 'bench', method: 'GET', origin: `http://127.0.0.1:${port}`, path: '/', headers: {}, expect: [200] });
const direct = { mode: 'direct' as const, addresses: [undefined], statement: 'direct' };

function plan(port: number, over: Partial<ScenarioPlan>): ScenarioPlan {
  return { name: 'bench', model: 'closed', phases: [], pick: () => request(port), sources: direct, requestTimeoutMs: 10_000, budget: null, ...over };
}

async function engineClosed(port: number, users: number, seconds: number, think = 0) {
  const r = await runScenario(region(port), plan(port, { phases: [{ name: 'hold', durationMs: seconds * 1000, vus: users, thinkTimeMs: think }] }), new AbortController().signal);
  const l = r.tally.aggregate().lat.summary();
  return { rps: l.count / (r.elapsedMs / 1000), p50: l.p50Ms, p99: l.p99Ms, count: l.count };
}

function wrk(port: number, seconds: number) {
  const out = execFileSync('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', `http://127.0.0.1:${port}/`], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const unit = (m: RegExpExecArray | null) => (!m ? NaN : Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 }[m[2] as 'us' | 'ms' | 's'] ?? 1));
  return { rps, p50: unit(/50%\s+([\d.]+)(us|ms|s)/.exec(out)), p99: unit(/99%\s+([\d.]+)(us|ms|s)/.exec(out)) };
}

async function cannon(port: number, seconds: number) {
  const r = await autocannon({ url: `http://127.0.0.1:${port}/`, connections: CONNECTIONS, duration: seconds });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

async function stall(port: number, model: 'open' | 'closed') {
  const stallTimer = setTimeout(() => { fetch(`http://127.0.0.1:${port}/stall`).catch(() => undefined); }, 2_000);
  const phases = model === 'open' ? [{ name: 'hold', durationMs: 5_000, rate: 400 }] : [{ name: 'hold', durationMs: 5_000, vus: 10, thinkTimeMs: 25 }];
  const r = await runScenario(region(port), plan(port, { model, phases }), new AbortController().signal);
  clearTimeout(stallTimer);
  const l = r.tally.aggregate().lat.summary();
  return { p50: l.p50Ms, p99: l.p99Ms, max: l.maxMs, count: l.count };
}

const row = (name: string, x: { rps: number; p50: number; p99: number }) =>
  `${name.padEnd(12)} ${x.rps.toFixed(0).padStart(9)} r/s   p50 ${x.p50.toFixed(2).padStart(7)} ms   p99 ${x.p99.toFixed(2).padStart(7)} ms`;

const target = await startTarget();
try {
  console.log(`target: Node http server on 127.0.0.1:${target.port} (own process); ${CONNECTIONS} connections, ${SECONDS} s each`);
  await engineClosed(target.port, CONNECTIONS, 2); // warm-up
  const w = wrk(target.port, SECONDS);
  const e = await engineClosed(target.port, CONNECTIONS, SECONDS);
  const a = await cannon(target.port, SECONDS);
  console.log(row('wrk', w));
  console.log(row('gx-verify', e));
  console.log(row('autocannon', a));

  const open = await stall(target.port, 'open');
  const closed = await stall(target.port, 'closed');
  console.log(`1 s server stall, open model (400 r/s, latency from intended send): p50 ${open.p50} ms, p99 ${open.p99} ms, max ${open.max} ms over ${open.count}`);
  console.log(`1 s server stall, closed model (10 users):                         p50 ${closed.p50} ms, p99 ${closed.p99} ms, max ${closed.max} ms over ${closed.count}`);

  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 100);
  const users = await runScenario(region(target.port), {
    ...plan(target.port, { phases: [{ name: 'hold', durationMs: 5_000, vus: 500, thinkTimeMs: 1_000 }] }),
    sources: { mode: 'spread', addresses: Array.from({ length: 500 }, (_, i) => `127.77.${(i + 1) >> 8}.${(i + 1) & 255}`), statement: '' },
  }, new AbortController().signal);
  clearInterval(sampler);
  console.log(`engine RSS at 500 users (500 client addresses, think 1 s): peak ${(peak / 2 ** 20).toFixed(0)} MB (goal ≤ 300 MB), ${users.sentRequests} requests`);
  console.log(`engine/wrk throughput: ${(e.rps / w.rps).toFixed(2)}`);
} finally {
  target.stop();
}
