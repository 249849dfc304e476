import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CRITERION_IDS } from '../../criteria/registry';
import { figuresFromSummary, parseK6Summary, regionsOf } from '../../load/k6/summary';
import { importedResults } from '../../load/import';
import { loadProfile } from '../../profile/load';
import type { Thresholds } from '../../profile/target';
import { buildReport } from '../../report/build';
import { writeReports } from '../../report/index';
import { newRunId } from '../../run/session';
import { ExitError } from '../exit-error';

const DEFAULT_THRESHOLDS: Thresholds = { p95Ms: 500, errorRate: 0.01, projectorLagMs: 100, dbQueryP95Ms: 50, commitLatencyP50Ms: 400, tlsGrade: 'A+' };

/**
 * `gx-verify import k6 <summary.json>... --out <dir> [--profile p] [--region r]`: k6 end-of-test
 * summaries (handleSummary JSON or legacy --summary-export) become a run directory whose
 * LOAD-P95/LOAD-ERRORS results are judged exactly as the engine's.
 */
export async function importK6(files: string[], opts: { out?: string; profile?: string; region?: string }): Promise<void> {
  if (!opts.out) throw new ExitError(2, 'import k6 needs --out <dir>.');
  let thresholds = DEFAULT_THRESHOLDS;
  let users = 100;
  let profileName = 'k6-import';
  if (opts.profile) {
    const loaded = await loadProfile(opts.profile, { knownCriteria: CRITERION_IDS });
    if (!loaded.ok) throw new ExitError(2, `the profile ${opts.profile} has problems:\n${loaded.errors.map((e) => `  ${e}`).join('\n')}`);
    thresholds = loaded.profile.thresholds as Thresholds;
    users = loaded.profile.load.users;
    profileName = loaded.profile.name;
  }
  const startedAt = new Date();
  const results = [];
  const regions = new Set<string>();
  for (const file of files) {
    let summary;
    try {
      summary = parseK6Summary(JSON.parse(await readFile(file, 'utf8')));
    } catch (error) {
      throw new ExitError(2, `${file}: ${(error as Error).message}`);
    }
    const named = opts.region ? [opts.region] : regionsOf(summary);
    if (named.length === 0) throw new ExitError(2, `${file}: no region tag in the summary (http_req_duration{region:…}); pass --region.`);
    for (const region of named) {
      const figures = figuresFromSummary(summary, region);
      regions.add(region);
      results.push(...importedResults(figures, thresholds, users, `${path.basename(file)} (k6 ${summary.format})`));
    }
  }
  const report = buildReport({
    runId: newRunId(), startedAt, finishedAt: new Date(), complete: true, layers: ['load'], results,
    target: { profileName, regions: [...regions].map((name) => ({ name, edgeUrl: null, serviceUrl: () => '', ca: null, connectTo: null })), secrets: [], waivers: [] },
    notes: [`Load evidence imported from k6 summaries: ${files.map((f) => path.basename(f)).join(', ')}. Other layers were not run.`],
  });
  const dir = path.resolve(opts.out);
  await writeReports(report, dir);
  process.stdout.write(`${report.verdict}: ${dir}/report.md\n`);
}
