import { readFileSync } from 'node:fs';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { PackageURL } from 'packageurl-js';
import { z } from 'zod';
import type { Component } from './types';

/**
 * Components of an SBOM: CycloneDX JSON (validated against the official schema of its spec
 * version with CycloneDX's own library) or SPDX 2.3 JSON. Packages are identified by purl, as
 * formats.md advises (generators disagree on name/group splits); a package without purl is
 * skipped and counted.
 */

/** purl type → OSV ecosystem. */
const ECOSYSTEMS: Record<string, string> = {
  npm: 'npm', pypi: 'PyPI', golang: 'Go', maven: 'Maven', cargo: 'crates.io', gem: 'RubyGems', nuget: 'NuGet',
  composer: 'Packagist', pub: 'Pub', hex: 'Hex', deb: 'Debian', apk: 'Alpine', github: 'GitHub Actions',
};

export interface SbomRead {
  components: Component[];
  /** Entries that name no package by purl (files, the application itself). */
  withoutPurl: number;
  format: 'CycloneDX' | 'SPDX';
}

export function componentOfPurl(purl: string, source: string): Component | null {
  let p: PackageURL;
  try {
    p = PackageURL.fromString(purl);
  } catch {
    return null;
  }
  const ecosystem = ECOSYSTEMS[p.type];
  if (!ecosystem || !p.version) return null;
  const name = p.type === 'npm' && p.namespace ? `${p.namespace}/${p.name}`
    : p.type === 'maven' && p.namespace ? `${p.namespace}:${p.name}`
      : p.type === 'golang' && p.namespace ? `${p.namespace}/${p.name}` : p.name;
  return { ecosystem, name, version: p.version, source };
}

const cdxComponent: z.ZodType<{ purl?: string; components?: unknown[] }> = z.object({
  purl: z.string().optional(),
  components: z.array(z.unknown()).optional(),
}).loose();

const cdx = z.object({ bomFormat: z.literal('CycloneDX'), specVersion: z.string(), components: z.array(z.unknown()).default([]) }).loose();
const spdx = z.object({
  spdxVersion: z.string().startsWith('SPDX-'),
  packages: z.array(z.object({
    externalRefs: z.array(z.object({ referenceCategory: z.string(), referenceType: z.string(), referenceLocator: z.string() })).optional(),
  }).loose()).default([]),
}).loose();

const SPEC_VERSIONS: Record<string, Spec.Version> = {
  '1.2': Spec.Version.v1dot2, '1.3': Spec.Version.v1dot3, '1.4': Spec.Version.v1dot4, '1.5': Spec.Version.v1dot5, '1.6': Spec.Version.v1dot6,
};

async function validateCycloneDx(text: string, specVersion: string, file: string): Promise<void> {
  const version = SPEC_VERSIONS[specVersion];
  if (!version) throw new Error(`${file}: CycloneDX specVersion ${specVersion} is not supported (1.2–1.6)`);
  const problems = await new Validation.JsonStrictValidator(version).validate(text);
  if (problems !== null) throw new Error(`${file}: not a valid CycloneDX ${specVersion} document: ${JSON.stringify(problems).slice(0, 300)}`);
}

export async function readSbom(file: string): Promise<SbomRead> {
  const text = readFileSync(file, 'utf8');
  const doc: unknown = JSON.parse(text);
  const asCdx = cdx.safeParse(doc);
  const out: Component[] = [];
  let withoutPurl = 0;
  const add = (purl: string | undefined) => {
    const c = purl ? componentOfPurl(purl, file) : null;
    if (c) out.push(c);
    else withoutPurl++;
  };
  if (asCdx.success) {
    await validateCycloneDx(text, asCdx.data.specVersion, file);
    const walk = (list: unknown[]) => {
      for (const item of list) {
        const c = cdxComponent.parse(item);
        add(c.purl);
        walk(c.components ?? []);
      }
    };
    walk(asCdx.data.components);
    return { components: out, withoutPurl, format: 'CycloneDX' };
  }
  const asSpdx = spdx.safeParse(doc);
  if (!asSpdx.success) throw new Error(`${file}: neither a CycloneDX nor an SPDX JSON document`);
  for (const pkg of asSpdx.data.packages) {
    const ref = pkg.externalRefs?.find((r) => /^PACKAGE[-_]MANAGER$/.test(r.referenceCategory) && r.referenceType === 'purl');
    add(ref?.referenceLocator);
  }
  return { components: out, withoutPurl, format: 'SPDX' };
}
