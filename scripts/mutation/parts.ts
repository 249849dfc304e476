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
  /** Which checks of the integration layer run against each mutant. */
  selects(check: CheckDef): boolean;
}

/**
 * Sandbox machinery, not GX behaviour: the fault spots that only act while a fault is on, the
 * control gate that cuts the database, the schema-drift and unrecorded-migration faults. Mutating
 * them says nothing about the suite's power against a deployment.
 */
const MACHINERY = new Set([
  'sandbox/services/kit/documented-error-fault.ts', 'sandbox/services/kit/rejection-faults.ts', 'sandbox/services/kit/pool-guard.ts',
  'sandbox/db/unrecorded.ts', 'sandbox/db/drift.ts',
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

export const PARTS: Part[] = [
  { name: 'handlers', files: walk('sandbox/services').filter((f) => !f.includes('/kit/')), ledger: false, selects: (c) => !needsLedger(c) && !TIMING.has(c.id) },
  { name: 'kit', files: walk('sandbox/services/kit'), ledger: false, selects: (c) => !needsLedger(c) && !TIMING.has(c.id) },
  { name: 'workers', files: walk('sandbox/workers'), ledger: true, selects: (c) => (needsLedger(c) || c.id === 'INT-WORKER-ENDPOINTS') && !TIMING.has(c.id) },
  { name: 'migrations', files: walk('sandbox/db'), ledger: false, selects: (c) => (c.id.startsWith('INT-DB-') || c.id.startsWith('INT-CONTRACT-')) && !needsLedger(c) && !TIMING.has(c.id) },
];

export function partNamed(name: string): Part {
  const part = PARTS.find((p) => p.name === name);
  if (!part) throw new Error(`unknown part ${name} (${PARTS.map((p) => p.name).join(', ')})`);
  return part;
}
