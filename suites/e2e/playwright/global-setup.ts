import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CRITERION_IDS } from '../../../src/criteria/registry';
import { loadProfile } from '../../../src/profile/load';
import { resolveTarget } from '../../../src/profile/resolve';
import { prepareFixtures } from '../../../src/run/fixtures';
import { newRunId } from '../../../src/run/session';

/**
 * Global setup of `npx playwright test`: the target once per run — the built-in sandbox (free
 * ports, with its monitoring) unless GXV_PROFILE names a profile — and its fixture world, seeded
 * once and removed at the end. Workers find both through GXV_PW_STATE (a JSON file).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const runId = newRunId();
  const stops: Array<() => Promise<void>> = [];
  let profileFile = process.env.GXV_PROFILE;
  const state = mkdtempSync(path.join(os.tmpdir(), 'gxv-playwright-'));
  stops.push(async () => rmSync(state, { recursive: true, force: true }));
  if (!profileFile || profileFile === 'sandbox') {
    const { startSandbox } = await import('../../../sandbox/index');
    const faults = process.env.GXV_FAULTS?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
    const sandbox = await startSandbox({ ports: 'free', faults, monitoring: true });
    stops.unshift(() => sandbox.stop());
    profileFile = path.join(sandbox.tempDir, 'gx-playwright-profile.yaml');
    sandbox.writeProfile(profileFile);
  }
  const loaded = await loadProfile(profileFile, { knownCriteria: CRITERION_IDS });
  if (!loaded.ok) throw new Error(`The profile ${profileFile} has problems:\n${loaded.errors.map((e) => `  ${e}`).join('\n')}`);
  const fixtures = await prepareFixtures(resolveTarget(loaded.profile), runId);
  stops.unshift(async () => { await fixtures.cleanup(); });
  const file = path.join(state, 'state.json');
  writeFileSync(file, JSON.stringify({ runId, profileFile: path.resolve(profileFile), world: fixtures.portable, fixtureProblem: fixtures.problem }), { mode: 0o600 });
  process.env.GXV_PW_STATE = file;
  return async () => {
    for (const stop of stops) await stop().catch((error: Error) => process.stderr.write(`gx-verify: ${error.message}\n`));
  };
}
