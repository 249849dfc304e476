import path from 'node:path';
import { CRITERION_IDS } from '../../criteria/registry';
import { exportK6 as writeK6 } from '../../load/k6/export';
import { k6Requests } from '../../load/k6/templates';
import { endpointById } from '../../catalog/index';
import { loadProfile } from '../../profile/load';
import { expectOf, LOAD_ENDPOINTS, loadModeOf } from '../../../suites/load/requests';
import { ExitError } from '../exit-error';

/** `gx-verify export k6 --profile <file> --out <dir>`: k6 scripts per scenario and TestRun manifests per region. */
export async function exportK6(opts: { profile?: string; out?: string }): Promise<void> {
  if (!opts.profile || !opts.out) throw new ExitError(2, 'export k6 needs --profile <file> and --out <dir>.');
  const loaded = await loadProfile(opts.profile, { knownCriteria: CRITERION_IDS });
  if (!loaded.ok) throw new ExitError(2, `the profile ${opts.profile} has ${loaded.errors.length} problem(s):\n${loaded.errors.map((e) => `  ${e}`).join('\n')}`);
  const requests = k6Requests((id) => loadModeOf(endpointById(id)), (id) => expectOf(endpointById(id)));
  const written = await writeK6({
    profile: loaded.profile, requests,
    reads: LOAD_ENDPOINTS.filter((e) => loadModeOf(e) === 'read').map((e) => e.id),
    writes: LOAD_ENDPOINTS.filter((e) => loadModeOf(e) === 'write').map((e) => e.id),
  }, path.resolve(opts.out));
  for (const file of written) process.stdout.write(`${file}\n`);
}
