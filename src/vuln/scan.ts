import type { VulnerabilityScanInput } from '../profile/target';
import { readImageReport } from './image-reports';
import { readLockfile } from './lockfiles';
import { npmAdvisories, recordedSource, registrySource, type NpmAdvisorySource } from './npm-advisories';
import { osvAdvisories } from './osv';
import { readSbom } from './sbom';
import { FAILING, type Advisory, type Component, type Fetcher } from './types';
import { applyWaivers, type Waived } from './waivers';

/**
 * The whole scan over the profile's inputs: components from lockfiles and SBOMs → npm advisories
 * (registry or recorded answers) and, when allowed, OSV for other ecosystems; plus the findings of
 * image reports. Severity high/critical without a live waiver is `failing`.
 */

export interface ScanResult {
  components: number;
  componentsByFile: Record<string, number>;
  advisories: Advisory[];
  failing: Advisory[];
  waived: Waived[];
  expired: Waived[];
  /** Packages no advisory source could speak for (offline without a recording, OSV not allowed). */
  notChecked: string[];
  sources: string[];
}

export interface ScanOptions {
  /** The network, injected (tests and offline runs never pass a real one). */
  fetcher: Fetcher;
  /** YYYY-MM-DD, for waiver expiry. */
  today: string;
}

function unique(components: Component[]): Component[] {
  const seen = new Set<string>();
  return components.filter((c) => {
    const key = `${c.ecosystem}:${c.name}@${c.version}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function scanDeployment(input: VulnerabilityScanInput, opts: ScanOptions): Promise<ScanResult> {
  const componentsByFile: Record<string, number> = {};
  const all: Component[] = [];
  for (const file of input.lockfiles) {
    const found = readLockfile(file);
    componentsByFile[file] = found.length;
    all.push(...found);
  }
  for (const file of input.sboms) {
    const { components } = await readSbom(file);
    componentsByFile[file] = components.length;
    all.push(...components);
  }
  const components = unique(all);
  const npmSource: NpmAdvisorySource = input.advisories.npm === 'registry'
    ? registrySource(input.advisories.registry, opts.fetcher)
    : recordedSource(input.advisories.npm.recorded);
  const npm = await npmAdvisories(components, npmSource);
  const others = components.filter((c) => c.ecosystem !== 'npm');
  const osv = input.advisories.osv && others.length > 0 ? await osvAdvisories(others, opts.fetcher) : [];
  const notChecked = [...npm.uncovered, ...(input.advisories.osv ? [] : others.map((c) => `${c.ecosystem}:${c.name}@${c.version}`))];
  const images = input.imageReports.flatMap((file) => readImageReport(file));
  const advisories = [...npm.advisories, ...osv, ...images];
  const { open, waived, expired } = applyWaivers(advisories, input.waivers, opts.today);
  return {
    components: components.length, componentsByFile, advisories,
    failing: open.filter((a) => FAILING.has(a.severity)), waived, expired, notChecked,
    sources: [npmSource.describe, ...(osv.length || input.advisories.osv ? ['OSV'] : []), ...input.imageReports],
  };
}
