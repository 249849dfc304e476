/** The normalized evidence record: one per check outcome (INTERFACE.md, report.json `checks[]`). */
export const LAYERS = ['integration', 'security', 'load', 'e2e'] as const;
export type Layer = (typeof LAYERS)[number];

/**
 * `blocked`: the check's failure is explained by a prerequisite check that failed first (its id is
 * in `blockedBy`); counted apart, never as pass, never blamed on this check's own criteria.
 */
export const CHECK_STATUSES = ['pass', 'fail', 'error', 'skipped', 'blocked'] as const;
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

/**
 * Which part of the deployment produced an answer. An edge's own page (its 404, 429, 502/503/504,
 * an nginx HTML page) is the edge's, never a service endpoint's (attribution, issue 15).
 */
export const COMPONENTS = ['service', 'edge', 'worker', 'database', 'ledger', 'cluster', 'monitoring', 'config', 'deployment'] as const;
export type Component = (typeof COMPONENTS)[number];

/**
 * One observed breach of a contract rule, with the exchange that shows it. Checks keep every
 * finding: the runner stores all of them in report.json (evidence kept for at least the first of
 * each (endpoint, rule)) and the whole list, evidence included, in `artifacts/<check-id>.jsonl`.
 */
export interface Finding {
  /** The contract rule shown broken (src/rules id: `AUTH-2`, `ERR-5`, `I4:400:duplicate-email`…); null only when no rule id fits. */
  rule: string | null;
  /** One line saying what was observed ("#3 answered 200 to an expired token"). */
  text: string;
  /** Endpoint id (`#12`, `I5`, `INF-2`), `edge` for the edge itself, or null. */
  endpoint?: string | null;
  /** Who produced the answer that shows it (default: service). */
  component?: Component;
  /**
   * A SHOULD rule (or a MUST the check can only suspect): reported, counted, never turns the check
   * red on its own.
   */
  advisory?: boolean;
  evidence?: EvidenceItem[];
}

/**
 * What a check actually exercised. `judged`: exchanges (probes, rows, files) that showed the rule
 * at work and were judged; `unusable`: ones that could not be judged, counted by what came back
 * instead ("edge 404", "another route's 404", "timeout"). A check that judged nothing but saw
 * unusable answers is never `pass`: the runner reports `error: could not exercise: …`.
 */
export interface Observed {
  judged: number;
  unusable: number;
  unusableKinds?: Record<string, number>;
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
  /** Contract rule ids the check exercises (src/rules). */
  rules?: string[];
  /** Every finding of the check, never truncated (schemaVersion 2). */
  findings?: Finding[];
  /** `artifacts/<check-id>.jsonl`: every finding with its full evidence, one per line. */
  findingsFile?: string;
  observed?: Observed;
  /** The check reached its time limit (or the run was stopped) and reports what it found until then. */
  incomplete?: boolean;
  /** For `blocked`: the failing prerequisite checks that explain this check's outcome. */
  blockedBy?: string[];
  /**
   * The criteria this outcome counts against when it is red: the criteria of the rules its findings
   * broke (a 500 counts against error handling, not against the JWT rule the check probed).
   * Absent: the check's own `criteria`.
   */
  countsAgainst?: string[];
}
