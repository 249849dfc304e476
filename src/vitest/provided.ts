import type { FixturesSummary } from '../report/types';
import type { PortableWorld } from '../run/fixtures';

/**
 * What the gx project's global setup hands its test files (vitest `provide`/`inject`): the
 * profile of the target (the sandbox it started, or GXV_PROFILE), the run id and folder, and the
 * fixture world it seeded once for the run.
 */
export interface GxProvided {
  runId: string;
  runDir: string;
  profileFile: string;
  /** The target is the built-in sandbox started for this run: its documented waivers apply. */
  builtInSandbox: boolean;
  /** Plain data (provide/inject clones it): the suite guards it again (src/run/fixtures.ts guardedWorld). */
  world: PortableWorld | null;
  /** The report's fixtures table. */
  fixturesReport: FixturesSummary | null;
  /** Why there is no world although seeding was allowed. */
  fixtureProblem: string | null;
  startedAt: string;
}

declare module 'vitest' {
  interface ProvidedContext {
    gx: GxProvided;
  }
}
