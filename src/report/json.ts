import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Reporter } from './types';

export const json: Reporter = async (report, runDir) => {
  const file = path.join(runDir, 'report.json');
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return [file];
};
