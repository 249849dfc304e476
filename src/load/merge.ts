import type { CheckResult, Layer } from '../evidence/types';
import { buildReport } from '../report/build';
import type { Report } from '../report/types';
import { newRunId } from '../run/session';

/**
 * One report from several runs (e.g. one regional runner per region): every check result kept,
 * regions joined, criteria and verdict judged again over all of it (PERF-1 "from all regions"
 * needs every region's passing evidence). A run that did not complete keeps the merge from GO.
 */
export function mergeReports(reports: readonly Report[], sources: readonly string[]): Report {
  if (reports.length === 0) throw new Error('nothing to merge');
  const regions = [...new Set(reports.flatMap((r) => r.target.regions))];
  const layers = [...new Set(reports.flatMap((r) => r.layers))] as Layer[];
  const results: CheckResult[] = reports.flatMap((r) => r.checks);
  const starts = reports.map((r) => r.startedAt).sort();
  const ends = reports.map((r) => r.finishedAt).sort();
  const profiles = [...new Set(reports.map((r) => r.target.profile))];
  return buildReport({
    runId: newRunId(), startedAt: new Date(starts[0]), finishedAt: new Date(ends[ends.length - 1]),
    complete: reports.every((r) => r.complete), layers, results,
    target: { profileName: profiles.join('+'), regions: regions.map((name) => ({ name, edgeUrl: null, serviceUrl: () => '', ca: null, connectTo: null })), secrets: [], waivers: [] },
    quick: reports.some((r) => r.quick),
    notes: [
      `Merged from ${reports.length} runs: ${sources.join(', ')} (regions ${regions.join(', ')}).`,
      ...reports.flatMap((r) => (r.notes ?? []).map((n) => `${r.runId}: ${n}`)),
    ],
  });
}
