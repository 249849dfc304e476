import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImageReport } from '../../src/vuln/image-reports';
import { readLockfile } from '../../src/vuln/lockfiles';
import { readSbom } from '../../src/vuln/sbom';

/** The readers on small documents of each format (formats.md §4, §6, §7). */

const dir = mkdtempSync(path.join(os.tmpdir(), 'gxv-vuln-readers-'));
const file = (name: string, content: unknown) => {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};
const pairs = (list: Array<{ name: string; version: string }>) => list.map((c) => `${c.name}@${c.version}`).sort();

describe('lockfiles', () => {
  it('package-lock v3: packages by path, links and the root left out', () => {
    const f = file('package-lock.json', { lockfileVersion: 3, packages: {
      '': { name: 'app', version: '1.0.0' },
      'node_modules/lodash': { version: '4.17.15' },
      'node_modules/a/node_modules/@types/node': { version: '20.11.0' },
      'node_modules/local': { link: true },
    } });
    expect(pairs(readLockfile(f))).toEqual(['@types/node@20.11.0', 'lodash@4.17.15']);
  });

  it('package-lock v1: nested dependencies, git and file versions left out', () => {
    const f = file('npm-shrinkwrap.json', { lockfileVersion: 1, dependencies: {
      minimist: { version: '1.2.5' },
      a: { version: '1.0.0', dependencies: { b: { version: '2.0.0' } } },
      g: { version: 'github:x/y#abc' },
    } });
    expect(pairs(readLockfile(f))).toEqual(['a@1.0.0', 'b@2.0.0', 'minimist@1.2.5']);
  });

  it('pnpm-lock.yaml: v5, v6 and v9 package keys (peer suffixes dropped)', () => {
    const f = file('pnpm-lock.yaml', `lockfileVersion: '9.0'\npackages:\n  /lodash/4.17.15:\n    resolution: {integrity: x}\n  /@babel/core@7.1.0:\n    resolution: {integrity: x}\n  react-dom@18.2.0(react@18.2.0):\n    resolution: {integrity: x}\n`);
    expect(pairs(readLockfile(f))).toEqual(['@babel/core@7.1.0', 'lodash@4.17.15', 'react-dom@18.2.0']);
  });

  it('yarn.lock: classic and Berry entries', () => {
    const classic = file('yarn.lock', '# yarn lockfile v1\n\n"@babel/core@^7.0.0", "@babel/core@^7.1.0":\n  version "7.1.0"\n\nlodash@^4.17.0:\n  version "4.17.15"\n');
    expect(pairs(readLockfile(classic))).toEqual(['@babel/core@7.1.0', 'lodash@4.17.15']);
    const berryDir = mkdtempSync(path.join(dir, 'berry-'));
    const berry = path.join(berryDir, 'yarn.lock');
    writeFileSync(berry, '__metadata:\n  version: 6\n\n"minimist@npm:^1.2.0":\n  version: 1.2.5\n  resolution: "minimist@npm:1.2.5"\n\n"app@workspace:.":\n  version: 0.0.0-use.local\n  linkType: soft\n');
    expect(pairs(readLockfile(berry))).toEqual(['minimist@1.2.5']);
  });
});

describe('SBOMs', () => {
  it('CycloneDX 1.5: schema-validated, components (nested too) by purl', async () => {
    const f = file('bom.cdx.json', { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [
      { type: 'library', name: '@types/node', version: '20.11.0', purl: 'pkg:npm/%40types/node@20.11.0', components: [{ type: 'library', name: 'x', version: '1', purl: 'pkg:pypi/requests@2.19.0' }] },
      { type: 'file', name: 'readme' },
    ] });
    const read = await readSbom(f);
    expect(read.format).toBe('CycloneDX');
    expect(read.components.map((c) => `${c.ecosystem}:${c.name}@${c.version}`).sort()).toEqual(['PyPI:requests@2.19.0', 'npm:@types/node@20.11.0']);
    expect(read.withoutPurl).toBe(1);
  });

  it('an invalid CycloneDX document is refused with the schema problem', async () => {
    const f = file('bad.cdx.json', { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ name: 'no-type' }] });
    await expect(readSbom(f)).rejects.toThrow(/not a valid CycloneDX 1\.5 document/);
  });

  it('SPDX 2.3: purls from PACKAGE-MANAGER external references', async () => {
    const f = file('bom.spdx.json', { spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: 'x', dataLicense: 'CC0-1.0', creationInfo: { created: '2025-01-01T00:00:00Z', creators: ['Tool: x'] }, packages: [
      { SPDXID: 'SPDXRef-Package-minimist-1.2.5', name: 'minimist', downloadLocation: 'NOASSERTION', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/minimist@1.2.5' }] },
      { SPDXID: 'SPDXRef-Package-deb', name: 'openssl', downloadLocation: 'NONE', externalRefs: [{ referenceCategory: 'PACKAGE_MANAGER', referenceType: 'purl', referenceLocator: 'pkg:deb/debian/openssl@3.0.11?distro=debian-12' }] },
    ] });
    const read = await readSbom(f);
    expect(read.components.map((c) => `${c.ecosystem}:${c.name}@${c.version}`)).toEqual(['npm:minimist@1.2.5', 'Debian:openssl@3.0.11']);
  });
});

describe('image reports', () => {
  it('Trivy SchemaVersion 2 and Grype, severities normalised', () => {
    const trivy = file('trivy.json', { SchemaVersion: 2, ArtifactName: 'svc:1', Results: [{ Target: 'app/package-lock.json', Type: 'npm', Vulnerabilities: [
      { VulnerabilityID: 'CVE-2021-44906', PkgName: 'minimist', InstalledVersion: '1.2.5', Severity: 'CRITICAL', Title: 'Prototype pollution' },
      { VulnerabilityID: 'CVE-2000-1', PkgName: 'x', InstalledVersion: '1', Severity: 'MEDIUM' },
    ] }, { Target: 'debian', Type: 'debian' }] });
    expect(readImageReport(trivy).map((a) => `${a.id}:${a.severity}`)).toEqual(['CVE-2021-44906:critical', 'CVE-2000-1:moderate']);
    const grype = file('grype.json', { matches: [{ vulnerability: { id: 'GHSA-xvch-5gv4-984h', severity: 'Critical' }, relatedVulnerabilities: [{ id: 'CVE-2021-44906' }], artifact: { name: 'minimist', version: '1.2.5', type: 'npm' } }], descriptor: { name: 'grype' } });
    expect(readImageReport(grype)).toMatchObject([{ id: 'GHSA-xvch-5gv4-984h', aliases: ['CVE-2021-44906'], severity: 'critical', origin: 'grype' }]);
  });

  it('a pre-SchemaVersion Trivy array is refused with a reason', () => {
    expect(() => readImageReport(file('old-trivy.json', [{ Target: 'x' }]))).toThrow(/before SchemaVersion 2/);
  });
});
