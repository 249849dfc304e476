import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CHECK_STATUSES } from '../evidence/types';
import { CRITERION_STATUSES } from '../criteria/types';
import { SCHEMA_VERSION, type Report } from './types';

/**
 * Version 1 had no `blocked` checks and no `out-of-scope` criteria: the upgrade only adds their
 * zero counts, so every version-1 file reads as the version-2 report it would have been.
 */
function upgradeFromV1(data: Report): Report {
  const zero = <T extends string>(keys: readonly T[], have: Partial<Record<T, number>>) =>
    Object.fromEntries(keys.map((k) => [k, have[k] ?? 0])) as Record<T, number>;
  return {
    ...data,
    schemaVersion: SCHEMA_VERSION,
    summary: { checks: zero(CHECK_STATUSES, data.summary.checks), criteria: zero(CRITERION_STATUSES, data.summary.criteria) },
  };
}

/** Read a run's report.json (schemaVersion 1 or 2) for re-rendering; refuses other versions with a clear message. */
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
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== 1 && version !== SCHEMA_VERSION) {
    throw new Error(`${file} has schemaVersion ${String(version)}; this gx-verify reads schemaVersions 1 and ${SCHEMA_VERSION}.`);
  }
  for (const key of ['runId', 'verdict', 'criteria', 'checks', 'summary', 'target'] as const) {
    if (data[key] === undefined) throw new Error(`${file} lacks the field "${key}".`);
  }
  return version === 1 ? upgradeFromV1(data as Report) : data as Report;
}
