import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CheckDef } from '../../src/checks/define';

/**
 * The sandbox parts the mutation benchmark mutates, and the layer of the suite that judges each:
 * route handlers and the service kit by the integration checks that need no ledger; workers by the
 * round-trip checks and the worker endpoints on a sandbox with the ledger; the migration code by
 * the database and contract checks. (StrykerJS mutates JavaScript/TypeScript: the .sql migration
 * files themselves are outside its reach, migrate.ts and the drift helpers are not.)
 */
export interface Part {
  name: string;
  files: string[];
  ledger: boolean;
  /**
   * Its code runs in background loops (workers): which check was current when a mutant's code ran
   * says little, so every check judges a mutant whose code ran at all.
   */
  background?: boolean;
  /** Which checks (integration, and for the API parts some security checks) judge its mutants. */
  selects(check: CheckDef): boolean;
}

/**
 * Sandbox machinery, not GX behaviour: the fault spots that only act while a fault is on, the
 * control gate that cuts the database, the schema-drift and unrecorded-migration faults. Mutating
 * them says nothing about the suite's power against a deployment.
 */
const MACHINERY = new Set([
  'sandbox/services/kit/documented-error-fault.ts', 'sandbox/services/kit/rejection-faults.ts', 'sandbox/services/kit/pool-guard.ts',
  'sandbox/db/unrecorded.ts', 'sandbox/db/drift.ts', 'sandbox/db/seed-defects.ts',
  // the deliberate defects of the probe and convention faults, each acting only while its fault is on
  'sandbox/services/kit/defects.ts', 'sandbox/services/kit/convention-faults.ts',
]);

const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = path.join(dir, f);
  return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') && !MACHINERY.has(p) ? [p] : [];
});

/** The outbox must be drained for these (a submitter): the ledger parts run them. */
const DRAINS_OUTBOX = new Set(['INT-DB-CONCURRENT-TRANSFERS']);
const needsLedger = (c: CheckDef) => c.id.startsWith('RT-') || (c.needs ?? []).includes('fabric') || DRAINS_OUTBOX.has(c.id);
/** Timing judgements say nothing about a mutant and flake on a loaded runner. */
const TIMING = new Set(['RT-LAG', 'RT-COMMIT-LATENCY', 'INT-DB-QUERY-LATENCY', 'INT-DB-POOL']);

/**
 * Security checks that judge the services themselves (headers, CORS, leaks, probes of the API): no
 * edge, cluster, manifest or timing judgement. The SQL-injection sweep is left out for its size.
 */
const SERVICE_SECURITY = new Set([
  'SEC-HEADERS', 'SEC-CORS', 'SEC-ERROR-LEAK', 'SEC-DATA-EXPOSURE', 'SEC-SECRETS-RESPONSES', 'SEC-SECRETS-LOGS',
  'SEC-PROBE-NOSQL', 'SEC-PROBE-POLLUTION', 'SEC-PROBE-HEADERS', 'SEC-PROBE-JWT', 'SEC-PROBE-RESOURCES',
  'SEC-PASSIVE-VERSION', 'SEC-PASSIVE-COOKIES', 'SEC-PASSIVE-CACHE', 'SEC-PASSIVE-LEAKS',
]);
const integration = (c: CheckDef) => c.layer === 'integration' && !TIMING.has(c.id);
/**
 * What judges the service kit: the integration checks that need no ledger (the kit runs in every
 * request, so a ledger round trip would run for every mutant) and the services' security checks.
 */
const kitJudges = (c: CheckDef) => (integration(c) && !needsLedger(c)) || SERVICE_SECURITY.has(c.id);

export const PARTS: Part[] = [
  // The launcher (sandbox/services/launcher/) runs as a process of its own that the SVC-PROC checks
  // start with a clean environment: Stryker's switch cannot reach it, so it is not sampled.
  // Route code is judged by the whole layer, the ledger round trips included (a command's payload
  // reaches the ledger only there); each mutant runs only the checks that run its route.
  { name: 'handlers', files: walk('sandbox/services').filter((f) => !f.includes('/kit/') && !f.includes('/launcher/')), ledger: true, selects: (c) => integration(c) || SERVICE_SECURITY.has(c.id) },
  { name: 'kit', files: walk('sandbox/services/kit'), ledger: false, selects: kitJudges },
  { name: 'workers', files: walk('sandbox/workers'), ledger: true, background: true, selects: (c) => integration(c) && (needsLedger(c) || c.id === 'INT-WORKER-ENDPOINTS') },
  { name: 'migrations', files: walk('sandbox/db'), ledger: false, selects: (c) => integration(c) && (c.id.startsWith('INT-DB-') || c.id.startsWith('INT-CONTRACT-')) && !needsLedger(c) },
];

export function partNamed(name: string): Part {
  const part = PARTS.find((p) => p.name === name);
  if (!part) throw new Error(`unknown part ${name} (${PARTS.map((p) => p.name).join(', ')})`);
  return part;
}
