import type { CheckResult } from '../evidence/types';
import type { Thresholds } from '../profile/target';
import type { LoadFigures } from './evidence';
import { judgeErrors, judgeP95, type Judgement } from './judge';

/**
 * Load evidence from figures measured elsewhere (k6 summaries): the same check ids, criteria and
 * judgements as the engine's LOAD-P95 / LOAD-ERRORS, so equal numbers give equal statuses.
 */
function result(id: string, title: string, criteria: string[], region: string, j: Judgement, origin: string): CheckResult {
  const failing = j.findings.filter((f) => !f.advisory);
  return {
    id: `${id}-${region}`, layer: 'load', title, criteria, region, endpoint: null, durationMs: 0,
    status: failing.length > 0 ? 'fail' : 'pass',
    message: `${j.message}. Imported from ${origin}.`,
    measurements: { ...j.measurements, importedFrom: origin },
    evidence: [],
    ...(j.findings.length > 0 ? { findings: j.findings } : {}),
  };
}

export function importedResults(f: LoadFigures, t: Thresholds, users: number, origin: string): CheckResult[] {
  const errors = judgeErrors(f, t);
  if (f.users < users) errors.findings.push({ rule: null, text: `only ${f.users} of ${users} users were reached (vus_max) (PT-LOAD-1)` });
  errors.measurements.users = f.users;
  return [
    result('LOAD-P95', 'load-100 through the region: p95 of the mix and of every endpoint under thresholds.p95Ms', ['PERF-1', 'PT-LOAD-3'], f.region, judgeP95(f, t), origin),
    result('LOAD-ERRORS', 'load-100 through the region: 100 users reached, error rate under thresholds.errorRate', ['PT-LOAD-1', 'PT-LOAD-3'], f.region, errors, origin),
  ];
}
