import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { CRITERION_IDS } from '../criteria/registry';
import { loadProfile } from '../profile/load';
import { resolveTarget } from '../profile/resolve';
import { prepareFixtures } from '../run/fixtures';
import { newRunId } from '../run/session';
import type { GxProvided } from './provided';

/**
 * Global setup of the `gx` vitest project: the target once per run — the built-in sandbox on free
 * ports unless GXV_PROFILE names a profile — and its fixture world, seeded once and removed at
 * the end. Test files get both through `inject('gx')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = newRunId();
  const runDir = path.resolve(process.env.GXV_OUT ?? path.join('reports', runId));
  const stops: Array<() => Promise<void>> = [];
  let profileFile = process.env.GXV_PROFILE;
  const builtInSandbox = !profileFile || profileFile === 'sandbox';
  if (builtInSandbox) {
    const { startSandbox } = await import('../../sandbox/index');
    const faults = process.env.GXV_FAULTS?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
    const sandbox = await startSandbox({ ports: 'free', faults });
    stops.push(() => sandbox.stop());
    profileFile = path.join(sandbox.tempDir, 'gx-vitest-profile.yaml');
    sandbox.writeProfile(profileFile);
  }
  const loaded = await loadProfile(profileFile!, { knownCriteria: CRITERION_IDS });
  if (!loaded.ok) throw new Error(`The profile ${profileFile} has problems:\n${loaded.errors.map((e) => `  ${e}`).join('\n')}`);
  const fixtures = await prepareFixtures(resolveTarget(loaded.profile), runId);
  stops.unshift(async () => { await fixtures.cleanup(); });

  const provided: GxProvided = {
    runId, runDir, profileFile: path.resolve(profileFile!), builtInSandbox,
    world: fixtures.portable, fixturesReport: fixtures.report, fixtureProblem: fixtures.problem, startedAt: new Date().toISOString(),
  };
  project.provide('gx', provided);
  return async () => {
    for (const stop of stops) await stop().catch((error: Error) => process.stderr.write(`gx-verify: ${error.message}\n`));
  };
}
