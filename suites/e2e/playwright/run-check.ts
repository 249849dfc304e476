import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckDef } from '../../../src/checks/define';
import { CRITERION_IDS } from '../../../src/criteria/registry';
import type { CheckResult } from '../../../src/evidence/types';
import { guardedWorld, type PortableWorld } from '../../../src/run/fixtures';
import { loadProfile } from '../../../src/profile/load';
import { resolveTarget } from '../../../src/profile/resolve';
import { runChecks } from '../../../src/run/runner';

interface State { runId: string; profileFile: string; world: PortableWorld | null; fixtureProblem: string | null }

/**
 * Runs one check on one region through the suite's own runner (the code path of `gx-verify run`),
 * so a Playwright test sees the same result, evidence and artifacts as the CLI's report.
 */
export async function runCheckInRegion(check: CheckDef, region: string): Promise<{ result: CheckResult; artifactsDir: string }> {
  const file = process.env.GXV_PW_STATE;
  if (!file) throw new Error('GXV_PW_STATE is not set: run through `npx playwright test` (playwright.config.ts global setup).');
  const state = JSON.parse(readFileSync(file, 'utf8')) as State;
  const loaded = await loadProfile(state.profileFile, { knownCriteria: CRITERION_IDS });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const target = resolveTarget(loaded.profile);
  const regions = target.regions.filter((r) => r.name === region);
  if (regions.length === 0) throw new Error(`The profile has no region "${region}" (it names ${target.regions.map((r) => r.name).join(', ')}).`);
  target.regions = regions;
  const artifactsDir = mkdtempSync(path.join(os.tmpdir(), `gxv-pw-${region}-`));
  const outcome = await runChecks([check], { runId: `${state.runId}-${region}`, target, fixtures: state.world ? guardedWorld(state.world) : null, artifactsDir });
  return { result: outcome.results[0], artifactsDir };
}
