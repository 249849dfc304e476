/**
 * Benchmark: the whole integration layer against a freshly started sandbox (free ports).
 * Prints the layer's duration (sandbox boot and seeding excluded) and each non-passing check.
 * Usage: npx tsx scripts/bench-integration.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseProfileText } from '../src/profile/load';
import { resolveTarget } from '../src/profile/resolve';
import { seedFixtures } from '../src/run/fixtures';
import { runChecks } from '../src/run/runner';
import { startSandbox } from '../sandbox/index';
import { checks } from '../suites/integration/index';

const sandbox = await startSandbox({ ports: 'free' });
const artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-bench-'));
try {
  const parsed = parseProfileText(JSON.stringify(sandbox.profileDocument()), 'json', sandbox.tempDir);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const target = resolveTarget(parsed.profile);
  const runId = `bench-${Date.now()}`;
  const fixtures = await seedFixtures(target, runId);
  const started = performance.now();
  const outcome = await runChecks(checks, { runId, target, fixtures: fixtures.world, artifactsDir });
  const seconds = (performance.now() - started) / 1000;
  await fixtures.cleanup();
  const counts: Record<string, number> = {};
  for (const r of outcome.results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const slowest = [...outcome.results].sort((a, b) => b.durationMs - a.durationMs).slice(0, 8);
  console.log(`integration layer: ${outcome.results.length} checks in ${seconds.toFixed(1)} s (sandbox boot ${sandbox.bootMs} ms, not counted)`);
  console.log(`statuses: ${JSON.stringify(counts)}`);
  console.log(`slowest: ${slowest.map((r) => `${r.id} ${(r.durationMs / 1000).toFixed(1)}s`).join(', ')}`);
  for (const r of outcome.results.filter((x) => x.status !== 'pass')) {
    console.log(`- ${r.id} ${r.status}: ${r.message.split('\n').slice(0, 4).join(' | ').slice(0, 400)}`);
  }
  console.log(`budget: ${seconds <= 90 ? 'within' : 'OVER'} 90 s`);
} finally {
  rmSync(artifactsDir, { recursive: true, force: true });
  await sandbox.stop();
}
