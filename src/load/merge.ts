import type { CheckResult, Layer } from '../evidence/types';
import { buildReport } from '../report/build';
import type { Report } from '../report/types';
import { newRunId } from '../run/session';

/**
 * One report from several runs (e.g. one regional runner per region): every check result kept,
 * regions joined, criteria and verdict judged again over all of it (PERF-1 "from all regions"
 * needs every region's passing evidence). A run that did not complete keeps the merge from GO.
 * Each run's artifacts move under `runs/<source>/` of the merged folder (`mergedArtifactDir`), and
 * the results' artifact paths say so, so links and the load charts keep working there.
 */
export function mergeReports(reports: readonly Report[], sources: readonly string[]): Report {
  if (reports.length === 0) throw new Error('nothing to merge');
  const regions = [...new Set(reports.flatMap((r) => r.target.regions))];
  const layers = [...new Set(reports.flatMap((r) => r.layers))] as Layer[];
  const results: CheckResult[] = reports.flatMap((r, i) => r.checks.map((c) => relocated(c, sources[i])));
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

/** Where a source run's `artifacts/` goes in the merged folder. */
export function mergedArtifactDir(source: string): string {
  return `runs/${source}`;
}

function relocated(c: CheckResult, source: string | undefined): CheckResult {
  if (source === undefined) return c;
  const move = (p: string) => `${mergedArtifactDir(source)}/${p}`;
  return {
    ...c,
    ...(c.artifacts ? { artifacts: c.artifacts.map(move) } : {}),
    ...(c.findingsFile ? { findingsFile: move(c.findingsFile) } : {}),
  };
}

/** Labels for the source runs: folder names, made unique. */
export function sourceLabels(dirs: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return dirs.map((d) => {
    const base = d.replace(/\/+$/, '').split('/').pop() || 'run';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}
