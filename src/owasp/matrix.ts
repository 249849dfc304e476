import type { CheckResult } from '../evidence/types';
import { API_TOP10_2023, TOP10_2021, type Category } from './categories';
import { tagsOf } from './tags';

/**
 * The coverage matrices of a run (pure functions over the report's checks): for each OWASP
 * category, the checks tagged with it, a status, and — when nothing judged it — why not.
 */

export type OwaspStatus = 'pass' | 'fail' | 'not-covered';

export interface OwaspRow {
  id: string;
  title: string;
  status: OwaspStatus;
  /** Check executions tagged with the category (per-region ids included). */
  checks: string[];
  /** For `not-covered`: what would have covered it and why it did not run. */
  why?: string;
}

export interface OwaspMatrices {
  top10: OwaspRow[];
  api: OwaspRow[];
}

/** Why a category no check of this suite can reach stays uncovered. */
const NOTHING_COVERS: Record<string, string> = {
  'A06:2021': 'Needs the dependency scan (SEC-VULN-DEPS) with lockfiles, an SBOM or image reports in the profile.',
  'A08:2021': 'Needs an SBOM or lockfiles (SEC-VULN-DEPS) and the write-path checks (RT-*): supply-chain and data integrity.',
  'A09:2021': 'Logging and monitoring are judged from logs and metrics (LOG-1, §10); no such check ran.',
  'A10:2021': 'Only token headers that fetch keys (SEC-JWT-1, SEC-PROBE-JWT) can make the services fetch a URL.',
  'API7:2023': 'Only token headers that fetch keys (SEC-JWT-1, SEC-PROBE-JWT) can make the services fetch a URL.',
  'API10:2023': 'The services consume one API, the ledger; the projector\'s handling of its events (PROJ-5, PROJ-6) did not run.',
};

const FAILED = new Set(['fail', 'error', 'blocked']);

function row(category: Category, checks: readonly CheckResult[]): OwaspRow {
  const linked = checks.filter((c) => tagsOf(c).includes(category.id));
  const ids = linked.map((c) => c.id);
  if (linked.some((c) => FAILED.has(c.status))) return { ...category, status: 'fail', checks: ids };
  if (linked.some((c) => c.status === 'pass')) return { ...category, status: 'pass', checks: ids };
  const skipped = linked.find((c) => c.status === 'skipped');
  const why = skipped
    ? `${skipped.id} was skipped: ${skipped.message}`
    : NOTHING_COVERS[category.id] ?? 'No check of this run is tagged with it.';
  return { ...category, status: 'not-covered', checks: ids, why };
}

export function owaspMatrices(checks: readonly CheckResult[]): OwaspMatrices {
  return { top10: TOP10_2021.map((c) => row(c, checks)), api: API_TOP10_2023.map((c) => row(c, checks)) };
}
