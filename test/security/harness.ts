import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckResult } from '../../src/evidence/types';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import type { Target } from '../../src/profile/target';
import { runChecks } from '../../src/run/runner';
import type { StartedEdges } from '../../sandbox/edge/start-edges';
import type { EdgeRegion } from '../../sandbox/edge/nginx-conf';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import { checks as securityChecks } from '../../suites/security/index';

/**
 * The sandbox with its regional edges (one switchboard for services and edges, so edge faults
 * reload nginx), and two targets built by the real profile loader from the sandbox's own profile:
 * through the chosen edge regions, and straight to the services (no edge: HDR-1 and the edge
 * checks' skips). The ledger stack is off: no security check reads the write path.
 */
export interface SecurityHarness {
  sandbox: StartedSandbox;
  edges: StartedEdges;
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
  const sandbox = await startSandbox({ ports: 'free', ledger: false });
  const artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-sec-artifacts-'));
  const base = sandbox.profileDocument();
  const only = (names: readonly string[]) => ({ ...base, regions: base.regions.filter((r) => names.includes(r.name)) });
  const viaEdge = targetOf(only(regions), sandbox.tempDir);
  const direct = targetOf(only(['local']), sandbox.tempDir);
  let runs = 0;
  return {
    sandbox, edges: sandbox.edges!, viaEdge, direct,
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
}

export function explain(result: CheckResult | undefined): string {
  if (!result) return 'no result';
  const evidence = result.evidence.slice(0, 2).map((e) => `${e.note ?? ''}\n${e.request ?? ''}\n${e.response ?? ''}`).join('\n---\n');
  return `${result.id}: ${result.status} — ${result.message}\n${evidence}`.slice(0, 3000);
}
