import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FaultSwitchboard } from '../faults/switchboard';

/**
 * What the sandbox says it deploys, for the vulnerability scan (SEC-VULN-1): the committed
 * CycloneDX SBOM of its runtime dependencies, copied into the temp dir and rewritten on every
 * fault change; the `vulnerable-dependency` fault adds minimist 1.2.5 (a critical advisory in
 * the recorded answers). The profile points the scan at this file and at the recordings.
 */

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const VULNERABLE = { type: 'library', name: 'minimist', version: '1.2.5', 'bom-ref': 'minimist@1.2.5', purl: 'pkg:npm/minimist@1.2.5' };

export const SANDBOX_LOCKFILE = new URL('sbom/sandbox-package-lock.json', FIXTURES).pathname;
export const SANDBOX_RECORDINGS = ['advisories/sandbox-clean.json', 'advisories/minimist-1.2.5.json'].map((f) => new URL(f, FIXTURES).pathname);

export interface DeployedSbom {
  file: string;
  detach(): void;
}

export function writeDeployedSbom(tempDir: string, faults: FaultSwitchboard): DeployedSbom {
  const dir = path.join(tempDir, 'sbom');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'deployed.cdx.json');
  const clean = JSON.parse(readFileSync(new URL('sbom/sandbox.cdx.json', FIXTURES), 'utf8')) as { components: unknown[] };
  const write = () => {
    const doc = faults.isOn('vulnerable-dependency') ? { ...clean, components: [...clean.components, VULNERABLE] } : clean;
    writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  };
  write();
  return { file, detach: faults.onChange(write) };
}
