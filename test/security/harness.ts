import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckResult } from '../../src/evidence/types';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import type { Target } from '../../src/profile/target';
import { runChecks } from '../../src/run/runner';
import { startEdges, type StartedEdges } from '../../sandbox/edge/start-edges';
import { EDGE_HOSTNAME } from '../../sandbox/edge/certs';
import type { EdgeRegion } from '../../sandbox/edge/nginx-conf';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import { checks as securityChecks } from '../../suites/security/index';

/**
 * The sandbox with regional edges in front of its services (one switchboard for both, so edge
 * faults reload nginx), and two targets built by the real profile loader: through the edges, and
 * straight to the services (no edge: HDR-1 and the edge checks' skips).
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
  const sandbox = await startSandbox({ ports: 'free' });
  const artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-sec-artifacts-'));
  let edges: StartedEdges | undefined;
  try {
    edges = await startEdges({ upstreams: sandbox.services, faults: sandbox.faults, regions, rttMs: { asia: 1, europe: 1, 'north-america': 1 } });
    const base = sandbox.profileDocument();
    const viaEdge = targetOf({
      ...base,
      regions: edges.list.map((edge) => ({
        name: edge.region,
        baseUrl: `https://${EDGE_HOSTNAME}:${edge.ports.delayed}`,
        connectTo: `127.0.0.1:${edge.ports.delayed}`,
        ca: edges!.certs.caPath,
        httpUrl: edge.httpUrl,
      })),
      scan: { ...base.scan, configPaths: [...base.scan.configPaths, ...edges.list.map((e) => e.confPath)] },
    }, sandbox.tempDir);
    const direct = targetOf(base, sandbox.tempDir);
    let runs = 0;
    const started = edges;
    return {
      sandbox, edges: started, viaEdge, direct,
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
        await started.stop();
        await sandbox.stop();
      },
    };
  } catch (error) {
    rmSync(artifactsDir, { recursive: true, force: true });
    await edges?.stop();
    await sandbox.stop();
    throw error;
  }
}

export function explain(result: CheckResult | undefined): string {
  if (!result) return 'no result';
  const evidence = result.evidence.slice(0, 2).map((e) => `${e.note ?? ''}\n${e.request ?? ''}\n${e.response ?? ''}`).join('\n---\n');
  return `${result.id}: ${result.status} — ${result.message}\n${evidence}`.slice(0, 3000);
}
