import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRedactor } from '../evidence/redact';
import { buildReport, type BuildInput } from '../report/build';
import { writeReports } from '../report/index';
import type { Report } from '../report/types';
import type { RunLog } from './run-log';

/**
 * The end of every run, whoever ran the checks (the CLI, or vitest through gx-verify/vitest):
 * criteria and verdict from the results, artifacts/run.log, and the five report formats. One code
 * path, so both write the same files.
 */
export async function writeRunOutputs(input: BuildInput & { runDir: string; runLog: RunLog }): Promise<Report> {
  const report = buildReport(input);
  for (const note of input.notes ?? []) input.runLog.note(`note: ${note}`);
  input.runLog.note(`verdict ${report.verdict}${report.complete ? '' : ' (incomplete run)'}`);
  await mkdir(path.join(input.runDir, 'artifacts'), { recursive: true });
  await writeFile(path.join(input.runDir, 'artifacts', 'run.log'), createRedactor(input.target.secrets)(input.runLog.text()));
  await writeReports(report, input.runDir);
  return report;
}
