/** The normalized evidence record: one per check outcome (INTERFACE.md, report.json `checks[]`). */
export const LAYERS = ['integration', 'security', 'load', 'e2e'] as const;
export type Layer = (typeof LAYERS)[number];

export const CHECK_STATUSES = ['pass', 'fail', 'error', 'skipped'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export type Measurement = number | string | boolean | null;

/** A request/response excerpt that proves an outcome. Always redacted before it is stored. */
export interface EvidenceItem {
  request?: string;
  response?: string;
  note?: string;
  /** A command line that replays the request (curl), redacted like the rest. */
  reproduce?: string;
}

export interface CheckResult {
  id: string;
  layer: Layer;
  title: string;
  status: CheckStatus;
  criteria: string[];
  region: string | null;
  endpoint: string | null;
  durationMs: number;
  message: string;
  measurements: Record<string, Measurement>;
  evidence: EvidenceItem[];
  /** Paths relative to the run directory (histograms, transcripts, probe grids). */
  artifacts?: string[];
}
