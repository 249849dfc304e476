import { mkdir } from 'node:fs/promises';
import { allure } from './allure';
import { html } from './html';
import { json } from './json';
import { junit } from './junit';
import { md } from './md';
import { FORMATS, type Format, type Report, type Reporter } from './types';

/** Every output format, by name; `run` writes them all and `report <dir>` re-renders one. */
export const reporters = { json, md, html, junit, allure } satisfies Record<Format, Reporter>;

export async function writeReports(report: Report, runDir: string, formats: readonly Format[] = FORMATS): Promise<string[]> {
  await mkdir(runDir, { recursive: true });
  const written: string[] = [];
  for (const format of formats) written.push(...(await reporters[format](report, runDir)));
  return written;
}

export { FORMATS, type Format, type Report, type Reporter };
