/**
 * The vulnerability scan's data (SEC-VULN-1): what is deployed (components read from lockfiles and
 * SBOMs), what is known to be wrong with it (advisories from the npm registry, OSV, or the image
 * scanner that produced a report), normalised to one severity scale.
 */

export const SEVERITIES = ['unknown', 'info', 'low', 'moderate', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** High and critical fail SEC-2 unless waived. */
export const FAILING: ReadonlySet<Severity> = new Set(['high', 'critical']);

export interface Component {
  /** OSV ecosystem name (`npm`, `PyPI`, `Maven`, `Debian`…). */
  ecosystem: string;
  name: string;
  version: string;
  /** The file it was read from. */
  source: string;
}

export interface Advisory {
  /** The advisory's own id (GHSA-…, CVE-…, or the npm numeric id as text). */
  id: string;
  /** Other ids of the same advisory (CVE of a GHSA, GHSA of an npm id). */
  aliases: string[];
  title: string;
  severity: Severity;
  url: string | null;
  ecosystem: string;
  packageName: string;
  version: string;
  /** Where the advisory came from: the npm bulk endpoint, OSV, or a Trivy/Grype report. */
  origin: 'npm' | 'osv' | 'trivy' | 'grype';
  /** The file that named the vulnerable component. */
  source: string;
}

/** Any fetch-like function: the scan never calls the network itself, so tests inject recorded answers. */
export type Fetcher = (url: string, init: { method: string; headers: Record<string, string>; body?: string | Uint8Array }) => Promise<{ status: number; json(): Promise<unknown> }>;

export function normaliseSeverity(value: unknown): Severity {
  const text = String(value ?? '').toLowerCase();
  if (text === 'medium') return 'moderate';
  if (text === 'negligible') return 'low';
  return (SEVERITIES as readonly string[]).includes(text) ? (text as Severity) : 'unknown';
}
