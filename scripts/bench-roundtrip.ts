/**
 * Benchmark: the round-trip layer (issue 5) against a freshly started sandbox with its ledger
 * stack (Fabric emulator, two outbox-submitters, projector), free ports, the runner's default
 * concurrency. Prints the layer's duration (boot and seeding excluded), every check's status and
 * time, and the per-command lag table (ledger commit → read-model change, p50/p95/max).
 * Usage: npx tsx scripts/bench-roundtrip.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { roundtripChecks } from '../suites/integration/roundtrip/index';
import { startRoundTripHarness } from '../test/roundtrip/harness';

const BUDGET_S = 120;
const bootStarted = performance.now();
const h = await startRoundTripHarness(`gxv-bench-rt-${Date.now()}`);
const bootMs = Math.round(performance.now() - bootStarted);
let failed = false;
try {
  const started = performance.now();
  const results = [...(await h.run(roundtripChecks.map((c) => c.id))).values()];
  const seconds = (performance.now() - started) / 1000;
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  console.log(`round-trip layer: ${results.length} checks in ${seconds.toFixed(1)} s (sandbox boot and seeding ${bootMs} ms, not counted)`);
  console.log(`statuses: ${JSON.stringify(counts)}`);
  const own = results.filter((r) => !r.id.startsWith('RT-CMD-'));
  for (const r of own) console.log(`  ${r.id.padEnd(22)} ${r.status.padEnd(7)} ${(r.durationMs / 1000).toFixed(1).padStart(5)} s  ${r.message.split('\n')[0].slice(0, 140)}`);
  for (const r of results.filter((x) => x.status !== 'pass' && x.id.startsWith('RT-CMD-'))) console.log(`  ${r.id} ${r.status}: ${r.message.slice(0, 200)}`);
  const lag = results.find((r) => r.id === 'RT-LAG');
  const table = lag?.artifacts?.[0];
  console.log(`\nlag from ledger commit (event arrival on the suite's listener) to read-model change, per command type:`);
  console.log(table ? readFileSync(path.join(h.artifactsDir, table.replace(/^artifacts\//, '')), 'utf8') : '(no table: RT-LAG did not pass)');
  const commit = results.find((r) => r.id === 'RT-COMMIT-LATENCY');
  if (commit) console.log(`ledger commit latency (accepted → commit, not lag): ${commit.message.split('\n')[0]}`);
  console.log(`budget: ${seconds <= BUDGET_S ? 'within' : 'OVER'} ${BUDGET_S} s`);
  failed = results.some((r) => r.status === 'fail' || r.status === 'error') || seconds > BUDGET_S;
} finally {
  await h.stop();
}
process.exitCode = failed ? 1 : 0;
