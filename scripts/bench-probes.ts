/**
 * The whole active-probe set against a fresh sandbox: requests sent, wall time and findings per
 * family (figures printed, never asserted). `--faults a,b` switches sandbox faults on first;
 * `--only SEC-PROBE-SQLI,...` runs some families; `--edge` probes through the asia edge instead of
 * the services directly.
 *
 *   npx tsx scripts/bench-probes.ts [--faults sqli-search] [--only SEC-PROBE-SQLI] [--edge]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseProfileText } from '../src/profile/load';
import { resolveTarget } from '../src/profile/resolve';
import { runChecks } from '../src/run/runner';
import { startSandbox } from '../sandbox/index';
import { probeChecks } from '../suites/security/probes/index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const faults = arg('faults')?.split(',').filter(Boolean) ?? [];
const only = arg('only')?.split(',').filter(Boolean);
const viaEdge = process.argv.includes('--edge');

const sandbox = await startSandbox({ ports: 'free', ledger: false, faults });
const artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-bench-probes-'));
try {
  const doc = sandbox.profileDocument();
  // The first region is the one the probes go through; edge probes use the first edge region.
  const regions = viaEdge ? doc.regions.filter((r) => r.name === 'asia') : doc.regions.filter((r) => r.name === 'local' || r.name === 'asia');
  const parsed = parseProfileText(JSON.stringify({ ...doc, regions }), 'json', sandbox.tempDir);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const target = resolveTarget(parsed.profile);
  const checks = probeChecks.filter((c) => !only || only.includes(c.id));
  const started = performance.now();
  const outcome = await runChecks(checks, { runId: 'bench-probes', target, fixtures: sandbox.world, artifactsDir });
  const wallMs = performance.now() - started;
  let requests = 0;
  let findings = 0;
  console.log(`sandbox faults: ${faults.join(', ') || '(none)'}; region: ${regions[0].name}`);
  console.log('family                       status  requests  findings  seconds');
  for (const r of outcome.results) {
    const sent = Number(r.measurements.requests ?? 0);
    requests += sent;
    findings += r.findings?.length ?? 0;
    console.log(`${r.id.padEnd(28)} ${r.status.padEnd(7)} ${String(sent).padStart(8)}  ${String(r.findings?.length ?? 0).padStart(8)}  ${(r.durationMs / 1000).toFixed(1).padStart(7)}`);
    if (r.status !== 'pass') console.log(`  ${r.message.split('\n').slice(0, 6).join('\n  ')}`);
    for (const f of (r.findings ?? []).slice(0, process.argv.includes('--verbose') ? 50 : 5)) console.log(`  - [${f.rule}] ${f.text}`);
  }
  console.log(`total: ${requests} requests, ${findings} findings, wall ${(wallMs / 1000).toFixed(1)} s`);
} finally {
  rmSync(artifactsDir, { recursive: true, force: true });
  await sandbox.stop();
}
