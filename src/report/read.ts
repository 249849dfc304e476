import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from './types';

/** Read a run's report.json for re-rendering; refuses other schema versions with a clear message. */
export async function readReport(runDir: string): Promise<Report> {
  const file = path.join(runDir, 'report.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`No report.json in ${runDir}: pass the folder a run wrote (default reports/<run-id>/).`);
  }
  let data: Partial<Report>;
  try {
    data = JSON.parse(text) as Partial<Report>;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (data.schemaVersion !== 1) {
    throw new Error(`${file} has schemaVersion ${String(data.schemaVersion)}; this gx-verify reads schemaVersion 1.`);
  }
  for (const key of ['runId', 'verdict', 'criteria', 'checks', 'summary', 'target'] as const) {
    if (data[key] === undefined) throw new Error(`${file} lacks the field "${key}".`);
  }
  return data as Report;
}
