import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { CheckResult } from '../../src/evidence/types';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import type { Target } from '../../src/profile/target';
import { runChecks } from '../../src/run/runner';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import { checks as securityChecks } from '../../suites/security/index';

/**
 * One sandbox for a file of issue-14 tests: services and the asia edge, no ledger. The target
 * lists the services directly first (the probes go there, unpaced) and the asia edge second (edge
 * probes, passive rules over HTTPS answers). Between runs the login throttle is reset, so a run's
 * failed logins never throttle the next run's fixture identities.
 */
export interface ProbeHarness {
  sandbox: StartedSandbox;
  target: Target;
  run(ids: readonly string[]): Promise<Map<string, CheckResult>>;
  stop(): Promise<void>;
}

export async function startProbeHarness(): Promise<ProbeHarness> {
  const sandbox = await startSandbox({ ports: 'free', ledger: false });
  const artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-probe-artifacts-'));
  const doc = sandbox.profileDocument();
  const regions = doc.regions.filter((r) => r.name === 'local' || r.name === 'asia');
  const parsed = parseProfileText(JSON.stringify({ ...doc, regions }), 'json', sandbox.tempDir);
  if (!parsed.ok) throw new Error(`profile rejected: ${parsed.errors.join('; ')}`);
  const target = resolveTarget(parsed.profile);
  const redis = new Redis(sandbox.redisUrl, { maxRetriesPerRequest: 2 });
  let runs = 0;
  return {
    sandbox, target,
    async run(ids) {
      const keys = await redis.keys('gx:login-failures:*');
      if (keys.length > 0) await redis.del(...keys);
      const defs = ids.map((id) => {
        const def = securityChecks.find((c) => c.id === id);
        if (!def) throw new Error(`no security check ${id}`);
        return def;
      });
      const outcome = await runChecks(defs, { runId: `probes-${++runs}`, target, fixtures: sandbox.world, artifactsDir });
      return new Map(outcome.results.map((r) => [r.id, r]));
    },
    async stop() {
      redis.disconnect();
      rmSync(artifactsDir, { recursive: true, force: true });
      await sandbox.stop();
    },
  };
}

export function explain(result: CheckResult | undefined): string {
  if (!result) return 'no result';
  const findings = (result.findings ?? []).slice(0, 5).map((f) => `- [${f.rule}] ${f.text}`).join('\n');
  return `${result.id}: ${result.status} — ${result.message}\n${findings}`.slice(0, 3000);
}
