import path from 'node:path';
import { mergeReports } from '../../load/merge';
import { writeReports } from '../../report/index';
import { readReport } from '../../report/read';
import { ExitError } from '../exit-error';

/** `gx-verify merge <run-dir>... --out <dir>`: one report and verdict from several runs. */
export async function merge(dirs: string[], opts: { out?: string }): Promise<'GO' | 'NO-GO'> {
  if (!opts.out) throw new ExitError(2, 'merge needs --out <dir>.');
  if (dirs.length < 1) throw new ExitError(2, 'merge needs at least one run directory.');
  const reports = [];
  for (const dir of dirs) {
    try {
      reports.push(await readReport(path.resolve(dir)));
    } catch (error) {
      throw new ExitError(2, (error as Error).message);
    }
  }
  const report = mergeReports(reports, dirs.map((d) => path.basename(path.resolve(d))));
  const out = path.resolve(opts.out);
  await writeReports(report, out);
  process.stdout.write(`${report.verdict}: ${out}/report.md\n`);
  return report.verdict;
}
