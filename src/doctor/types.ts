import type { FixtureItemReport } from '../fixtures/types';

/** What `gx-verify doctor --profile` found about a target, before any write. */
export interface Finding {
  ok: boolean;
  /** What was tried and what came back, in one line. */
  detail: string;
}

export interface RegionDiagnosis extends Finding {
  name: string;
  services: Array<{ service: string } & Finding>;
}

export interface DatabaseDiagnosis extends Finding {
  /** Differences from contract §14: blocking ones fail INT-DB-SCHEMA, advisory (†) ones are reported. */
  differences: { blocking: string[]; advisory: string[] };
  migrations: string;
  /** Fixture items seeding would create or fail to create on this schema (predicted, nothing written). */
  fixtures: FixtureItemReport[];
}

export interface CoverageDiagnosis {
  layers: Array<{ layer: string; total: number; runnable: number; skipped: Array<{ reason: string; checks: string[] }> }>;
  /** Criteria that cannot pass with this profile even if every runnable check passed, and why. */
  criteria: Array<{ id: string; status: string; reason: string }>;
  /** Layers not built in this checkout. */
  missingLayers: string[];
}

export interface TargetDiagnosis {
  profile: string;
  regions: RegionDiagnosis[];
  auth: Finding;
  database: DatabaseDiagnosis | null;
  ledger: Finding | null;
  workers: Array<{ name: string } & Finding>;
  coverage: CoverageDiagnosis;
}
