import { evaluateCriteria } from '../criteria/evaluate';
import { verdict } from '../criteria/verdict';
import { CRITERION_STATUSES, type Criterion } from '../criteria/types';
import { createRedactor, redactDeep } from '../evidence/redact';
import { CHECK_STATUSES, type CheckResult, type Layer } from '../evidence/types';
import type { VerdictScope } from '../criteria/gates';
import type { Target, Waiver } from '../profile/target';
import { SCHEMA_VERSION, type FixturesSummary, type Report } from './types';
import { owaspMatrices } from '../owasp/matrix';

export interface BuildInput {
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  complete: boolean;
  target: Pick<Target, 'profileName' | 'regions' | 'secrets' | 'waivers'>;
  layers: Layer[];
  results: CheckResult[];
  /** Waivers besides the profile's own (the built-in sandbox list). */
  extraWaivers?: Array<Waiver & { onlyNotEvaluated?: boolean }>;
  criteria?: readonly Criterion[];
  quick?: boolean;
  notes?: string[];
  /** The verdict scope (`run --gate` / `--criteria`); criteria outside it are `out-of-scope`. */
  scope?: VerdictScope | null;
  fixtures?: FixturesSummary | null;
}

function count<T extends string>(keys: readonly T[], values: T[]): Record<T, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<T, number>;
  for (const v of values) out[v]++;
  return out;
}

/** Check results + criteria → the report.json object; redacted once more as a whole. */
export function buildReport(input: BuildInput): Report {
  const regions = input.target.regions.map((r) => r.name);
  // The profile's own waivers win over a built-in one for the same criterion.
  const own = new Set(input.target.waivers.map((w) => w.criterion));
  const waivers = [...input.target.waivers, ...(input.extraWaivers ?? []).filter((w) => !own.has(w.criterion))];
  const edgeRegions = input.target.regions.filter((r) => r.edgeUrl).map((r) => r.name);
  const criteria = evaluateCriteria(input.results, { regions, edgeRegions, waivers, criteria: input.criteria, scope: input.scope });
  const notes = [...(input.notes ?? [])];
  if (!input.complete) notes.unshift('The run did not complete: the verdict is NO-GO whatever the criteria say.');
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    runId: input.runId,
    complete: input.complete,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    target: { profile: input.target.profileName, regions },
    layers: [...input.layers],
    verdict: verdict(criteria, input.complete),
    criteria,
    checks: input.results,
    summary: {
      checks: count(CHECK_STATUSES, input.results.map((r) => r.status)),
      criteria: count(CRITERION_STATUSES, criteria.map((c) => c.status)),
    },
    ...(input.quick ? { quick: true } : {}),
    ...(input.scope ? { scope: input.scope } : {}),
    ...(input.target.waivers.length > 0 ? { waivers: input.target.waivers.map((w) => ({ ...w })) } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    owasp: owaspMatrices(input.results),
    ...(input.fixtures ? { fixtures: input.fixtures } : {}),
  };
  return redactDeep(report, createRedactor(input.target.secrets));
}
