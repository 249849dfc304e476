import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheckResult } from '../evidence/types';
import type { Report } from '../report/types';
import type { StressFigures } from './evidence';
import { Latencies, type Bucket } from './histogram';
import { breakingStep } from './judge';
import type { CellStats, SeriesPoint } from './tally';

/**
 * What the report's load charts are drawn from: the per-second series and HDR histograms the load
 * checks wrote as artifacts, read back from the run folder (report.json carries their paths, not
 * the data), so `gx-verify report <dir> --format html` draws them again from the folder alone.
 */
export interface RunCharts {
  checkId: string;
  region: string;
  label: string;
  thresholdMs: number;
  series: SeriesPoint[];
  /** Latency histogram of the judged phases (empty when the histogram artifact is missing). */
  buckets: Bucket[];
}

export interface LoadCharts {
  runs: RunCharts[];
  stress: { figures: StressFigures; thresholdMs: number; breakingUsers: number | null } | null;
  /** Artifacts named in report.json but not found in the folder. */
  missing: string[];
}

/** Which artifacts hold a chart, per check, and which phases of its histograms are judged. */
const SOURCES: Array<{ match: (c: CheckResult) => boolean; label: string; file: string; judged: (phase: string) => boolean }> = [
  { match: (c) => c.id.startsWith('LOAD-P95-'), label: 'load-100', file: 'load-100', judged: (p) => p === 'hold' },
  { match: (c) => c.id === 'STRESS-BREAKING-POINT', label: 'stress-500', file: 'stress', judged: (p) => p.startsWith('step-') },
  { match: (c) => c.id === 'LOAD-SOAK', label: 'soak', file: 'soak', judged: (p) => p.startsWith('soak-') },
];

async function readJson<T>(runDir: string, rel: string | undefined, missing: string[]): Promise<T | null> {
  if (!rel) return null;
  try {
    return JSON.parse(await readFile(path.join(runDir, rel), 'utf8')) as T;
  } catch {
    missing.push(rel);
    return null;
  }
}

/** `<label>-series.json` as runArtifacts (suites/load/support.ts) writes it. */
interface SeriesArtifact { thresholds: { p95Ms: number; errorRate: number }; series: SeriesPoint[] }

const artifact = (c: CheckResult, suffix: string) => (c.artifacts ?? []).find((a) => a.endsWith(`/${suffix}`));

function bucketsOf(cells: CellStats[] | undefined, judged: (phase: string) => boolean): Bucket[] {
  const lat = Latencies.merged((cells ?? []).filter((c) => judged(c.phase)).map((c) => Latencies.decode(c.histogram)));
  return lat.buckets();
}

export async function readLoadCharts(report: Report, runDir: string): Promise<LoadCharts> {
  const missing: string[] = [];
  const runs: RunCharts[] = [];
  let stress: LoadCharts['stress'] = null;
  for (const c of report.checks.filter((x) => x.layer === 'load')) {
    const source = SOURCES.find((s) => s.match(c));
    if (!source) continue;
    const data = await readJson<SeriesArtifact>(runDir, artifact(c, `${source.file}-series.json`), missing);
    if (!data) continue;
    const hist = await readJson<{ cells: CellStats[] }>(runDir, artifact(c, `${source.file}-histograms.json`), missing);
    const t = data.thresholds;
    const region = String(c.region ?? c.measurements.region ?? '');
    runs.push({ checkId: c.id, region, label: source.label, thresholdMs: t.p95Ms, series: data.series, buckets: bucketsOf(hist?.cells, source.judged) });
    if (c.id === 'STRESS-BREAKING-POINT') {
      const figures = await readJson<StressFigures>(runDir, artifact(c, 'stress-curve.json'), missing);
      if (figures) stress = { figures, thresholdMs: t.p95Ms, breakingUsers: breakingStep(figures.steps, t)?.users ?? null };
    }
  }
  return { runs, stress, missing };
}
