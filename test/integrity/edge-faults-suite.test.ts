import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/evidence/types';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import type { Target } from '../../src/profile/target';
import { runChecks } from '../../src/run/runner';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import { checks as integrationChecks } from '../../suites/integration/index';
import { checks as securityChecks } from '../../suites/security/index';

/**
 * The whole security and integration layers through the sandbox's three edges, once per edge
 * fault, with the outcome of every check asserted (issue 15): the root cause fails once per
 * region with its findings on the edge, everything it explains is `blocked` by it, nothing passes
 * without having judged what it checks, and no other check changes. The profile keeps only the
 * three edge regions, no writes (commands, round trips and fixture-writing checks are skipped) and
 * 45 s check limits (the big checks sample, and say so), so one sandbox and three runs fit a test.
 */
const REGIONS = ['asia', 'north-america', 'europe'];
const ALL = [...securityChecks, ...integrationChecks];

let sandbox: StartedSandbox;
let target: Target;
let artifactsDir: string;
beforeAll(async () => {
  sandbox = await startSandbox({ ports: 'free', ledger: false });
  artifactsDir = mkdtempSync(path.join(os.tmpdir(), 'gxv-edge-suite-'));
  const doc = sandbox.profileDocument();
  // Shorter check limits: the big checks sample their cases through the paced edges (and say so) instead of sending them all.
  const profile = { ...doc, allowWrites: false, regions: doc.regions.filter((r) => REGIONS.includes(r.name)), timeouts: { requestMs: 5000, checkMs: 45_000 } };
  const parsed = parseProfileText(JSON.stringify(profile), 'json', sandbox.tempDir);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  target = resolveTarget(parsed.profile);
}, 180_000);
afterAll(async () => {
  rmSync(artifactsDir, { recursive: true, force: true });
  await sandbox?.stop();
}, 60_000);

let runs = 0;
async function runWith(fault: string): Promise<Map<string, CheckResult>> {
  await sandbox.faults.set([fault]);
  try {
    const outcome = await runChecks(ALL, { runId: `edge-suite-${++runs}`, target, fixtures: sandbox.world, artifactsDir });
    return new Map(outcome.results.map((r) => [r.id, r]));
  } finally {
    await sandbox.faults.set([]);
  }
}

const baseId = (r: CheckResult) => (r.region ? r.id.slice(0, -(r.region.length + 1)) : r.id);
const explain = (r: CheckResult | undefined) => (r ? `${r.id}: ${r.status} — ${r.message}`.slice(0, 1500) : 'no result');
const needsWrites = (r: CheckResult) => ALL.find((c) => c.id === baseId(r))?.needs?.includes('writes') ?? false;

/** Why a check did not end as it should, or null: collected over every check, so one run reports every miss. */
type Verdict = (r: CheckResult) => string | null;

/** Skips this profile must produce (no writes; metrics are never public), each with its own reason. */
const honestSkip: Verdict = (r) => {
  if (/allowWrites/.test(r.message)) return null;
  // The sandbox runs here without its ledger stack: no workers to ask.
  if (baseId(r) === 'INT-WORKER-ENDPOINTS' && /no `workers` section/.test(r.message)) return null;
  return baseId(r) === 'INT-INFRA-METRICS' ? null : `unexpected skip: ${explain(r)}`;
};

/** A pass is never vacuous: a check that counts observations judged something. */
const exercisedPass: Verdict = (r) => {
  if (r.status !== 'pass') return `expected pass: ${explain(r)}`;
  return r.observed && r.observed.judged === 0 ? `vacuous pass: ${explain(r)}` : null;
};

function misses(results: Map<string, CheckResult>, verdict: Verdict): string[] {
  return [...results.values()].map(verdict).filter((m): m is string => m !== null);
}

/**
 * The checks that judge something routing does not touch: TLS handshakes, port 80, the database, files, the edge's limiter
 * and its body-size limit (answered before any route is chosen), body parsers, manifests, the cluster API, network policies probed pod to pod, dependency advisories, and the passive
 * inspectors (SEC-PASSIVE-*, INT-ANSWERS-*: every answer of the run, whoever produced it, edge pages included), and
 * the service-process checks (SVC-PROC-*: a service process of their own on 127.0.0.1, no edge, no route).
 */
const ROUTING_FREE = /^(SEC-TLS-|SEC-HTTPS-REDIRECT|SEC-RATE-LIMIT|SEC-EDGE-BODY-LIMIT|SEC-SECRETS-CONFIG|INT-DB-(SCHEMA|MIGRATIONS|QUERY-LATENCY|FIXTURES)|INT-MALFORMED-JSON|INT-OVERSIZE-BODY|SEC-K8S-|SEC-NETPOL-|SEC-VULN-|FUNC-PODS-READY|SEC-PASSIVE-|INT-ANSWERS-|SVC-PROC-)/;

describe('the security and integration layers through three edges', () => {
  it('edge-prefix-not-stripped: one failing routing check per region, every check it explains blocked by it', async () => {
    const results = await runWith('edge-prefix-not-stripped');
    expect(results.size).toBe(ALL.reduce((n, c) => n + (c.perRegion ? REGIONS.length : 1), 0));
    for (const region of REGIONS) {
      const root = results.get(`SEC-EDGE-ROUTES-${region}`)!;
      expect(root.status, explain(root)).toBe('fail');
      expect(root.findings?.map((f) => [f.rule, f.endpoint, f.component])).toEqual(Array(7).fill(['EDGE-5', 'edge', 'edge']));
      expect(results.get(`INT-EDGE-ROUTING-${region}`)).toMatchObject({ status: 'blocked', blockedBy: [`SEC-EDGE-ROUTES-${region}`] });
    }
    const counts: Record<string, number> = {};
    for (const r of results.values()) counts[r.status] = (counts[r.status] ?? 0) + 1;
    expect(misses(results, (r) => {
      if (baseId(r) === 'SEC-EDGE-ROUTES' || baseId(r) === 'INT-EDGE-ROUTING') return null;
      // With nothing routed no authenticated answer comes back, so the no-store rule has nothing to judge.
      if (r.status === 'skipped') return baseId(r) === 'SEC-PASSIVE-CACHE' ? null : honestSkip(r);
      if (r.status === 'pass') return ROUTING_FREE.test(baseId(r)) ? exercisedPass(r) : `passes although routing is broken: ${explain(r)}`;
      const root = `SEC-EDGE-ROUTES-${r.region ?? REGIONS[0]}`;
      return r.status === 'blocked' && r.blockedBy?.length === 1 && r.blockedBy[0] === root ? null : `expected blocked by ${root}: ${explain(r)}`;
    })).toEqual([]);
    // The edge's /health is right to report every backend down here (EDGE-8): blocked, not a second failure.
    for (const region of REGIONS) expect(results.get(`SEC-EDGE-HEALTH-${region}`)?.status).toBe('blocked');
    expect(counts.fail).toBe(REGIONS.length);
    expect(counts.error ?? 0).toBe(0);
    expect(counts.blocked).toBeGreaterThan(60);
    console.log(`edge-prefix-not-stripped: ${JSON.stringify(counts)}`);
  }, 900_000);

  for (const [fault, failing, rule] of [['edge-static-health', 'SEC-EDGE-HEALTH', 'EDGE-8'], ['edge-duplicate-headers', 'SEC-HEADERS', 'EDGE-4']] as const) {
    it(`${fault}: ${failing} fails in every region with findings on the edge; no other check changes`, async () => {
      const results = await runWith(fault);
      expect(misses(results, (r) => {
        if (baseId(r) !== failing) return r.status === 'skipped' ? honestSkip(r) : exercisedPass(r);
        if (r.status !== 'fail') return `expected fail: ${explain(r)}`;
        const wrong = (r.findings ?? []).filter((f) => f.rule !== rule || f.component !== 'edge');
        return r.findings?.length && wrong.length === 0 ? null : `findings not all ${rule} on the edge: ${JSON.stringify(wrong.slice(0, 3))}`;
      })).toEqual([]);
    }, 900_000);
  }
});
