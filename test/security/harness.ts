import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckResult } from '../../src/evidence/types';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import type { Target } from '../../src/profile/target';
import { runChecks } from '../../src/run/runner';
import type { EdgeRegion } from '../../sandbox/edge/nginx-conf';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import { checks as securityChecks } from '../../suites/security/index';

/**
 * The sandbox as `sandbox up` starts it (services behind its regional nginx edges, one fault
 * switchboard for both, so edge faults reload nginx), and two targets built by the real profile
 * loader from its profile document: through the chosen edges, and straight to the services
 * (region `local`: HDR-1 and the edge checks' skips).
 */
export interface SecurityHarness {
  sandbox: StartedSandbox;
  viaEdge: Target;
  direct: Target;
  run(ids: readonly string[], target?: Target): Promise<Map<string, CheckResult>>;
  stop(): Promise<void>;
}

function targetOf(doc: object, dir: string): Target {
  const parsed = parseProfileText(JSON.stringify(doc), 'json', dir);
  if (!parsed.ok) throw new Error(`profile rejected: ${parsed.errors.join('; ')}`);
  return resolveTarget(parsed.profile);
}

export async function startSecurityHarness(regions: readonly EdgeRegion[] = ['asia']): Promise<SecurityHarness> {
  const sandbox = await startSandbox({ ports: 'free' });
  const artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-sec-artifacts-'));
  try {
    const doc = sandbox.profileDocument();
    const only = (names: readonly string[]) => ({ ...doc, regions: doc.regions.filter((r) => names.includes(r.name)) });
    const viaEdge = targetOf(only(regions), sandbox.tempDir);
    const direct = targetOf(only(['local']), sandbox.tempDir);
    if (viaEdge.regions.length !== regions.length || direct.regions.length !== 1) throw new Error('the sandbox profile lacks the expected regions');
    let runs = 0;
    return {
      sandbox, viaEdge, direct,
      async run(ids, target = viaEdge) {
        const defs = ids.map((id) => {
          const def = securityChecks.find((c) => c.id === id);
          if (!def) throw new Error(`no security check ${id}`);
          return def;
        });
        const outcome = await runChecks(defs, { runId: `sec-${++runs}`, target, fixtures: sandbox.world, artifactsDir });
        return new Map(outcome.results.map((r) => [r.id, r]));
      },
      async stop() {
        rmSync(artifactsDir, { recursive: true, force: true });
        await sandbox.stop();
      },
    };
  } catch (error) {
    rmSync(artifactsDir, { recursive: true, force: true });
    await sandbox.stop();
    throw error;
  }
}

export function explain(result: CheckResult | undefined): string {
  if (!result) return 'no result';
  const evidence = result.evidence.slice(0, 2).map((e) => `${e.note ?? ''}\n${e.request ?? ''}\n${e.response ?? ''}`).join('\n---\n');
  return `${result.id}: ${result.status} — ${result.message}\n${evidence}`.slice(0, 3000);
}
