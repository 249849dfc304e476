import { spawnSync } from 'node:child_process';
import { findOnPath, INSTALL_HINT, postgresBinDir } from '../../../sandbox/infra/binaries';
import { CRITERION_IDS } from '../../criteria/registry';
import { inspectTarget, renderDiagnosis, targetProblems } from '../../doctor/index';
import { createRedactor } from '../../evidence/redact';
import { loadProfile } from '../../profile/load';
import { resolveTarget } from '../../profile/resolve';
import type { Target } from '../../profile/target';
import { ExitError } from '../exit-error';

export interface DoctorItem {
  layer: 'sandbox' | 'security' | 'e2e' | 'reports';
  name: string;
  required: boolean;
  ok: boolean;
  /** Where it was found (and its version), or why not. */
  detail: string;
  /** How to get it when missing. */
  install: string;
}

function versionOf(binary: string, args: string[] = ['--version']): string {
  // Some tools print their version on stderr (nginx -v, java -version); take the first non-empty line.
  const out = spawnSync(binary, args, { encoding: 'utf8', timeout: 5_000 });
  const text = `${out.stdout ?? ''}\n${out.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '');
  const line = text.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).find((l) => /[a-z0-9]/i.test(l));
  return line ?? 'version unknown';
}

function binary(layer: DoctorItem['layer'], name: string, candidates: string[], install: string, required = true, versionArgs?: string[] | null): DoctorItem {
  for (const candidate of candidates) {
    const found = findOnPath(candidate);
    if (!found) continue;
    // null: the tool has no quick version flag (testssl.sh probes OpenSSL for seconds first)
    const detail = versionArgs === null ? found : `${found} (${versionOf(found, versionArgs)})`;
    return { layer, name, required, ok: true, detail, install };
  }
  return { layer, name, required, ok: false, detail: `none of ${candidates.join(', ')} on PATH`, install };
}

/** What this machine has and lacks for each layer; looks only, changes nothing. */
export async function inspectMachine(): Promise<DoctorItem[]> {
  const items: DoctorItem[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  items.push({ layer: 'sandbox', name: 'Node.js >= 20', required: true, ok: major >= 20, detail: `node ${process.versions.node}`, install: 'install Node.js 20 or newer' });
  try {
    const dir = postgresBinDir();
    items.push({ layer: 'sandbox', name: 'PostgreSQL 15 (initdb, postgres)', required: true, ok: true, detail: dir, install: INSTALL_HINT });
  } catch (err) {
    items.push({ layer: 'sandbox', name: 'PostgreSQL 15 (initdb, postgres)', required: true, ok: false, detail: (err as Error).message.split(' Install')[0], install: INSTALL_HINT });
  }
  items.push(binary('sandbox', 'redis-server', ['redis-server'], INSTALL_HINT));
  const { dockerReachable } = await import('../../../sandbox/infra/containers');
  const docker = await dockerReachable();
  items.push({
    layer: 'sandbox', name: 'Docker engine (only for --infra containers)', required: false, ok: docker.ok,
    detail: docker.ok ? 'reachable' : `not reachable: ${docker.reason}`, install: 'install Docker Engine and start it, or keep the default --infra binaries',
  });
  items.push(binary('security', 'nginx (regional edges)', ['nginx'], 'apt-get install nginx', true, ['-v']));
  items.push(binary('security', 'openssl', ['openssl'], 'apt-get install openssl', true, ['version']));
  items.push(binary('security', 'testssl.sh', ['testssl', 'testssl.sh'], 'apt-get install testssl.sh', false, null));
  items.push(binary('e2e', 'Chromium', ['chromium', 'chromium-browser', 'google-chrome'], 'apt-get install chromium (or npx playwright install chromium)'));
  items.push(binary('reports', 'Java (Allure HTML report)', ['java'], 'apt-get install default-jre-headless', false, ['-version']));
  return items;
}

/**
 * `gx-verify doctor`: prints one line per item and the install command for what is missing. With
 * `--profile`, also the target (src/doctor): exit 2 for a bad profile, 1 when a region, the token,
 * the database, the ledger or a worker cannot be reached.
 */
export async function doctor(opts: { json?: boolean; profile?: string } = {}): Promise<DoctorItem[]> {
  const target = opts.profile ? await loadTarget(opts.profile) : null;
  const items = await inspectMachine();
  const diagnosis = target ? await inspectTarget(target) : null;
  const problems = diagnosis ? targetProblems(diagnosis) : [];
  if (opts.json) {
    const json = `${JSON.stringify(diagnosis ? { machine: items, target: diagnosis } : items, null, 2)}\n`;
    process.stdout.write(target ? createRedactor(target.secrets)(json) : json);
    if (problems.length > 0) throw new ExitError(1, '');
    return items;
  }
  let layer = '';
  for (const item of items) {
    if (item.layer !== layer) {
      layer = item.layer;
      process.stdout.write(`${layer}\n`);
    }
    const mark = item.ok ? 'ok     ' : item.required ? 'MISSING' : 'absent ';
    process.stdout.write(`  ${mark} ${item.name}: ${item.detail}\n`);
    if (!item.ok) process.stdout.write(`          get it: ${item.install}\n`);
  }
  const missing = items.filter((i) => i.required && !i.ok);
  process.stdout.write(missing.length === 0 ? 'Everything gx-verify needs is here.\n' : `${missing.length} required item(s) missing.\n`);
  if (diagnosis) {
    process.stdout.write(createRedactor(target!.secrets)(renderDiagnosis(diagnosis)));
    if (problems.length > 0) throw new ExitError(1, `${problems.length} part(s) of the target could not be reached; a run would report them as errors.`);
  }
  return items;
}

/** The profile through the same loader as `run`: a bad one exits 2 with every problem, before any traffic. */
async function loadTarget(file: string): Promise<Target> {
  const result = await loadProfile(file, { knownCriteria: CRITERION_IDS });
  if (!result.ok) {
    throw new ExitError(2, `the profile ${file} has ${result.errors.length} problem(s); nothing was sent to the target.\n${result.errors.map((e) => `  ${e}`).join('\n')}`);
  }
  try {
    return resolveTarget(result.profile);
  } catch (error) {
    throw new ExitError(2, `the profile ${file} could not be resolved: ${(error as Error).message}`);
  }
}
