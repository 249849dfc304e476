/**
 * Benchmark: the whole integration layer against a freshly started sandbox with its write path
 * (Fabric emulator, outbox-submitters, projector), free ports, the runner's default concurrency.
 * Prints the layer's duration (boot and seeding excluded) and each non-passing check.
 * Usage: npx tsx scripts/bench-integration.ts [--no-ledger]
 */
import { startHarness } from '../test/integration/harness';
import { checks } from '../suites/integration/index';

const ledger = !process.argv.includes('--no-ledger');
const bootStarted = performance.now();
const h = await startHarness(`gxv-bench-${Date.now()}`, { ledger });
const bootMs = Math.round(performance.now() - bootStarted);
try {
  const started = performance.now();
  const results = [...(await h.run(checks.map((c) => c.id))).values()];
  const seconds = (performance.now() - started) / 1000;
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const slowest = [...results].sort((a, b) => b.durationMs - a.durationMs).slice(0, 8);
  console.log(`integration layer: ${results.length} checks in ${seconds.toFixed(1)} s (boot and seeding ${bootMs} ms, not counted; ledger ${ledger ? 'on' : 'off'})`);
  console.log(`statuses: ${JSON.stringify(counts)}`);
  console.log(`slowest: ${slowest.map((r) => `${r.id} ${(r.durationMs / 1000).toFixed(1)}s`).join(', ')}`);
  for (const r of results.filter((x) => x.status !== 'pass')) {
    console.log(`- ${r.id} ${r.status}: ${r.message.split('\n').slice(0, 3).join(' | ').slice(0, 300)}`);
  }
  console.log(`budget: ${seconds <= 90 ? 'within' : 'OVER'} 90 s`);
} finally {
  await h.stop();
}
