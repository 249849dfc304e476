import path from 'node:path';
import { generateAllureHtml } from '../../report/allure-html';
import { reporters, FORMATS, type Format } from '../../report/index';
import { readReport } from '../../report/read';
import { ExitError } from '../exit-error';

/**
 * `gx-verify report <run-dir> [--format f]`: re-render from report.json. Without --format it
 * rewrites what `run` wrote (md, html, junit, allure-results); `--format allure` also renders
 * allure-results/ into allure-report/ with allure-commandline (needs java).
 */
export async function report(runDir: string, opts: { format?: Format }): Promise<void> {
  const dir = path.resolve(runDir);
  let data;
  try {
    data = await readReport(dir);
  } catch (error) {
    throw new ExitError(2, (error as Error).message);
  }
  const formats = opts.format ? [opts.format] : FORMATS.filter((f) => f !== 'json');
  for (const format of formats) {
    const written = await reporters[format](data, dir);
    if (format === 'allure' && opts.format === 'allure') {
      const out = path.join(dir, 'allure-report');
      try {
        await generateAllureHtml(path.join(dir, 'allure-results'), out);
      } catch (error) {
        throw new ExitError(2, `allure-results/ was written, but the Allure HTML report was not: ${(error as Error).message}`);
      }
      process.stdout.write(`${path.join(out, 'index.html')}\n`);
    } else {
      for (const file of written) process.stdout.write(`${file}\n`);
    }
  }
}
