import type { CheckResult, CheckStatus, Layer } from '../evidence/types';
import type { CriterionResult, CriterionStatus } from '../criteria/types';
import type { VerdictScope } from '../criteria/gates';
import type { Verdict } from '../criteria/verdict';
import type { FixtureItemReport } from '../fixtures/types';
import type { OwaspMatrices } from '../owasp/matrix';

/**
 * report.json, schemaVersion 2 (INTERFACE.md). Version 2 adds the `blocked` check status (and its
 * summary count), `out-of-scope` criteria, and per-check `findings`, `observed`, `incomplete`,
 * `blockedBy`, `rules`. Version-1 files are read and upgraded by read.ts. Extensions are optional fields only.
 */
export const SCHEMA_VERSION = 2;
export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  runId: string;
  complete: boolean;
  startedAt: string;
  finishedAt: string;
  /** Never holds secrets: the profile's name and its region names. */
  target: { profile: string; regions: string[] };
  layers: Layer[];
  verdict: Verdict;
  criteria: CriterionResult[];
  checks: CheckResult[];
  summary: {
    checks: Record<CheckStatus, number>;
    criteria: Record<CriterionStatus, number>;
  };
  /** The profile's waivers as approved (criterion, reason, approver, expiry): the sign-off carries them. */
  waivers?: Array<{ criterion: string; reason: string; approvedBy: string; expires?: string }>;
  /** The verdict scope of `run --gate` / `--criteria`: only these criteria decide the verdict. */
  scope?: VerdictScope;
  /** Extension: `run --quick` shortened load phases; such a run is for local tries only. */
  quick?: boolean;
  /** Extension: what the reader should know about the run (interruption, layers not built). */
  notes?: string[];
  /** Extension (issue 14): OWASP Top 10 2021 and API Top 10 2023 coverage of the run's checks. */
  owasp?: OwaspMatrices;
  /** Extension: the run's fixture world, item by item: created, provided, failed or not provided, and why. */
  fixtures?: FixturesSummary;
}

export interface FixturesSummary {
  /** Profile `fixtures.mode`. */
  mode: 'seed' | 'provided' | 'none';
  /** `gxv-<run-id>` for seeded and provided worlds (the ids of objects that must not exist). */
  namespace: string | null;
  items: FixtureItemReport[];
}

export const FORMATS = ['json', 'md', 'html', 'junit', 'allure'] as const;
export type Format = (typeof FORMATS)[number];

/** A reporter reads the typed report and writes into the run folder; returns the paths written. */
export type Reporter = (report: Report, runDir: string) => Promise<string[]>;
