import { readFileSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import semver from 'semver';
import { z } from 'zod';
import { normaliseSeverity, type Advisory, type Component, type Fetcher } from './types';

/**
 * Advisories for npm packages from the registry's bulk endpoint (what `npm audit` asks:
 * POST /-/npm/v1/security/advisories/bulk, a gzipped map name → versions), or, offline and in
 * tests, from recorded answers of that endpoint. A recorded answer only speaks for the packages
 * its request named: anything else comes back as `uncovered`, never as "no advisories".
 */

const advisory = z.object({
  id: z.union([z.number(), z.string()]),
  url: z.string().nullable().optional(),
  title: z.string(),
  severity: z.string(),
  vulnerable_versions: z.string(),
  cwe: z.array(z.string()).optional(),
  cvss: z.object({ score: z.number().nullable().optional(), vectorString: z.string().nullable().optional() }).loose().optional(),
}).loose();
export const bulkResponse = z.record(z.string(), z.array(advisory));
export type BulkResponse = z.infer<typeof bulkResponse>;
type BulkRequest = Record<string, string[]>;

export interface NpmAdvisorySource {
  describe: string;
  bulk(request: BulkRequest): Promise<{ response: BulkResponse; uncovered: string[] }>;
}

export function registrySource(registry: string, fetcher: Fetcher): NpmAdvisorySource {
  const url = `${registry.replace(/\/+$/, '')}/-/npm/v1/security/advisories/bulk`;
  return {
    describe: url,
    async bulk(request) {
      const res = await fetcher(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', accept: 'application/json' },
        body: gzipSync(JSON.stringify(request)),
      });
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      return { response: bulkResponse.parse(await res.json()), uncovered: [] };
    },
  };
}

const recording = z.object({ request: z.record(z.string(), z.array(z.string())), response: bulkResponse }).loose();

/** Recorded answers of the bulk endpoint (files: `{request, response}`), replayed per package version. */
export function recordedSource(files: readonly string[]): NpmAdvisorySource {
  const recordings = files.map((file) => recording.parse(JSON.parse(readFileSync(file, 'utf8'))));
  return {
    describe: `recorded answers (${files.length} file(s))`,
    async bulk(request) {
      const response: BulkResponse = {};
      const uncovered: string[] = [];
      for (const [name, versions] of Object.entries(request)) {
        for (const version of versions) {
          const hit = recordings.find((r) => r.request[name]?.includes(version));
          if (!hit) {
            uncovered.push(`${name}@${version}`);
            continue;
          }
          for (const a of hit.response[name] ?? []) {
            const list = (response[name] ??= []);
            if (!list.some((x) => x.id === a.id)) list.push(a);
          }
        }
      }
      return { response, uncovered };
    },
  };
}

/** Decodes a bulk request body as sent (gzipped JSON), for recorded-answer fetchers in tests. */
export function decodeBulkBody(body: string | Uint8Array | undefined): BulkRequest {
  if (body === undefined) return {};
  const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
  const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return z.record(z.string(), z.array(z.string())).parse(JSON.parse(text));
}

export async function npmAdvisories(components: readonly Component[], source: NpmAdvisorySource): Promise<{ advisories: Advisory[]; uncovered: string[] }> {
  const npm = components.filter((c) => c.ecosystem === 'npm');
  const request: BulkRequest = {};
  for (const c of npm) if (!(request[c.name] ??= []).includes(c.version)) request[c.name].push(c.version);
  if (Object.keys(request).length === 0) return { advisories: [], uncovered: [] };
  const { response, uncovered } = await source.bulk(request);
  const advisories: Advisory[] = [];
  for (const c of npm) {
    for (const a of response[c.name] ?? []) {
      // The endpoint answers per package; each installed version is matched against the range here.
      if (!semver.satisfies(c.version, a.vulnerable_versions, { includePrerelease: true, loose: true })) continue;
      const ghsa = a.url?.match(/GHSA-[\w-]+/)?.[0];
      if (advisories.some((x) => x.id === (ghsa ?? String(a.id)) && x.packageName === c.name && x.version === c.version)) continue;
      advisories.push({
        id: ghsa ?? String(a.id), aliases: ghsa ? [String(a.id)] : [], title: a.title, severity: normaliseSeverity(a.severity),
        url: a.url ?? null, ecosystem: 'npm', packageName: c.name, version: c.version, origin: 'npm', source: c.source,
      });
    }
  }
  return { advisories, uncovered };
}
