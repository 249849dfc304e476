import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBulkBody } from '../../src/vuln/npm-advisories';
import { scanDeployment } from '../../src/vuln/scan';
import type { Fetcher } from '../../src/vuln/types';
import type { VulnerabilityScanInput } from '../../src/profile/target';
import { SANDBOX_LOCKFILE, SANDBOX_RECORDINGS } from '../../sandbox/lifecycle/deployed-sbom';

/** The scan end to end on recorded answers: no test calls a network service (the fetcher is injected). */

const dir = mkdtempSync(path.join(os.tmpdir(), 'gxv-vuln-scan-'));
const lock = path.join(dir, 'package-lock.json');
writeFileSync(lock, JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/minimist': { version: '1.2.5' }, 'node_modules/lodash': { version: '4.17.21' } } }));
const MINIMIST = JSON.parse(readFileSync(SANDBOX_RECORDINGS[1], 'utf8')).response as Record<string, unknown>;

/** A registry that answers from a recording and keeps what it was asked. */
function recordedRegistry(asked: Array<Record<string, string[]>>): Fetcher {
  return async (url, init) => {
    expect(url).toBe('https://registry.example.test/-/npm/v1/security/advisories/bulk');
    expect(init.headers['content-encoding']).toBe('gzip');
    const request = decodeBulkBody(init.body);
    asked.push(request);
    return { status: 200, json: async () => Object.fromEntries(Object.keys(request).filter((n) => MINIMIST[n]).map((n) => [n, MINIMIST[n]])) };
  };
}

const input = (over: Partial<VulnerabilityScanInput> = {}): VulnerabilityScanInput => ({
  lockfiles: [lock], sboms: [], imageReports: [],
  advisories: { npm: 'registry', registry: 'https://registry.example.test', osv: false }, waivers: [], ...over,
});

describe('scanDeployment', () => {
  it('asks the bulk endpoint once with every installed version, gzipped, and fails on a critical advisory', async () => {
    const asked: Array<Record<string, string[]>> = [];
    const result = await scanDeployment(input(), { fetcher: recordedRegistry(asked), today: '2026-01-01' });
    expect(asked).toEqual([{ minimist: ['1.2.5'], lodash: ['4.17.21'] }]);
    expect(result.failing.map((a) => `${a.packageName}@${a.version} ${a.id} ${a.severity}`)).toEqual(['minimist@1.2.5 GHSA-xvch-5gv4-984h critical']);
  });

  it('a live waiver removes it; an expired one does not', async () => {
    const waiver = { advisory: 'GHSA-xvch-5gv4-984h', reason: 'not reachable from input', expires: '2026-06-30' };
    const live = await scanDeployment(input({ waivers: [waiver] }), { fetcher: recordedRegistry([]), today: '2026-01-01' });
    expect(live.failing).toEqual([]);
    expect(live.waived).toHaveLength(1);
    const expired = await scanDeployment(input({ waivers: [waiver] }), { fetcher: recordedRegistry([]), today: '2026-07-01' });
    expect(expired.failing).toHaveLength(1);
    expect(expired.expired).toHaveLength(1);
  });

  it('an installed version outside the vulnerable range is clean', async () => {
    writeFileSync(path.join(dir, 'fixed.json'), JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/minimist': { version: '1.2.6' } } }));
    const result = await scanDeployment(input({ lockfiles: [path.join(dir, 'fixed.json')] }), { fetcher: recordedRegistry([]), today: '2026-01-01' });
    expect(result.advisories).toEqual([]);
  });

  it('recorded answers only speak for what they recorded: the rest is not checked, never clean', async () => {
    const never: Fetcher = async () => { throw new Error('no network in tests'); };
    const sandbox = await scanDeployment(input({ lockfiles: [SANDBOX_LOCKFILE], advisories: { npm: { recorded: SANDBOX_RECORDINGS }, registry: 'https://registry.example.test', osv: false } }), { fetcher: never, today: '2026-01-01' });
    expect(sandbox.components).toBeGreaterThan(100);
    expect(sandbox.notChecked).toEqual([]);
    expect(sandbox.failing).toEqual([]);
    const partial = await scanDeployment(input({ advisories: { npm: { recorded: SANDBOX_RECORDINGS }, registry: 'https://registry.example.test', osv: false } }), { fetcher: never, today: '2026-01-01' });
    expect(partial.notChecked).toEqual(['lodash@4.17.21']);
    expect(partial.failing.map((a) => a.id)).toEqual(['GHSA-xvch-5gv4-984h']);
  });

  it('OSV only when allowed: other ecosystems are asked in one batch, details per id', async () => {
    const sbom = path.join(dir, 'py.cdx.json');
    writeFileSync(sbom, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'library', name: 'requests', version: '2.19.0', purl: 'pkg:pypi/requests@2.19.0' }] }));
    const calls: string[] = [];
    const osv: Fetcher = async (url, init) => {
      calls.push(`${init.method} ${url}`);
      if (url.endsWith('/v1/querybatch')) return { status: 200, json: async () => ({ results: [{ vulns: [{ id: 'GHSA-x84v-xcm2-53pg', modified: 'x' }] }] }) };
      return { status: 200, json: async () => ({ id: 'GHSA-x84v-xcm2-53pg', summary: 'Insufficiently Protected Credentials in Requests', aliases: ['CVE-2018-18074'], database_specific: { severity: 'HIGH' } }) };
    };
    const withOsv = await scanDeployment(input({ lockfiles: [], sboms: [sbom], advisories: { npm: 'registry', registry: 'https://registry.example.test', osv: true } }), { fetcher: osv, today: '2026-01-01' });
    expect(calls).toEqual(['POST https://api.osv.dev/v1/querybatch', 'GET https://api.osv.dev/v1/vulns/GHSA-x84v-xcm2-53pg']);
    expect(withOsv.failing.map((a) => `${a.ecosystem}:${a.packageName} ${a.severity}`)).toEqual(['PyPI:requests high']);
    const without = await scanDeployment(input({ lockfiles: [], sboms: [sbom] }), { fetcher: osv, today: '2026-01-01' });
    expect(without.notChecked).toEqual(['PyPI:requests@2.19.0']);
  });
});
