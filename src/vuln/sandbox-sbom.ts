import { readFileSync, writeFileSync } from 'node:fs';
import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import { PackageURL } from 'packageurl-js';

/**
 * The sandbox's own dependency record (SEC-VULN-1's clean case): the runtime closure of the
 * packages the sandbox services and ledger emulator load, taken from package-lock.json, written
 * as a trimmed lockfile and a CycloneDX 1.5 SBOM (built with CycloneDX's own library). Both are
 * committed under fixtures/sbom/ with the recorded advisory answer that covers them; regenerate
 * with `npx tsx src/vuln/sandbox-sbom.ts --write` (and record a new answer) when they change.
 */

export const SANDBOX_ROOTS = ['express', 'pg', 'ioredis', 'jose', 'bcryptjs', 'zod', 'prom-client', '@paralleldrive/cuid2', '@grpc/grpc-js', '@hyperledger/fabric-protos', 'piscina'];

interface LockEntry { version?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; dev?: boolean; link?: boolean; resolved?: string; integrity?: string; license?: string }
interface Lock { name?: string; lockfileVersion: number; packages: Record<string, LockEntry> }

/** The installed entry a package at `from` resolves `name` to (node_modules lookup upwards). */
function resolve(lock: Lock, from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const key = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock.packages[key]) return key;
    if (!dir) return null;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i >= 0 ? dir.slice(0, i) : '';
  }
}

export function runtimeClosure(lock: Lock, roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = roots.map((r) => resolve(lock, '', r)).filter((k): k is string => k !== null);
  while (queue.length > 0) {
    const key = queue.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = lock.packages[key];
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const next = resolve(lock, key, dep);
      if (next) queue.push(next);
    }
  }
  return [...seen].sort();
}

const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

export function trimmedLock(lock: Lock, keys: readonly string[]): Lock {
  const packages: Record<string, LockEntry> = { '': { version: '0.0.0', dependencies: Object.fromEntries(SANDBOX_ROOTS.map((r) => [r, lock.packages[`node_modules/${r}`]?.version ?? '*'])) } };
  for (const key of keys) packages[key] = lock.packages[key];
  return { name: 'gx-verify-sandbox', lockfileVersion: 3, packages };
}

export function cycloneDx(components: ReadonlyArray<{ name: string; version: string }>): string {
  const bom = new Models.Bom();
  bom.metadata.component = new Models.Component(Enums.ComponentType.Application, 'gx-verify-sandbox', { version: '0.1.0', bomRef: 'gx-verify-sandbox' });
  for (const { name, version } of components) {
    const [scope, base] = name.startsWith('@') ? name.split('/') : [undefined, name];
    const purl = new PackageURL('npm', scope, base, version, undefined, undefined);
    bom.components.add(new Models.Component(Enums.ComponentType.Library, name, { version, purl: purl.toString(), bomRef: `${name}@${version}` }));
  }
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot5));
  return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
}

/** The sandbox's recorded "no advisories" answer: the bulk request it covers and an empty response. */
export function cleanRecording(components: ReadonlyArray<{ name: string; version: string }>): string {
  const request: Record<string, string[]> = {};
  for (const c of components) (request[c.name] ??= []).push(c.version);
  return `${JSON.stringify({
    recorded: 'The sandbox dependency set, composed as the registry answers a set with no advisories ({}); this machine cannot reach the bulk endpoint (POST is refused), so it was not captured live.',
    endpoint: 'POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    request,
    response: {},
  }, null, 2)}\n`;
}

if (process.argv[1]?.endsWith('sandbox-sbom.ts') && process.argv.includes('--write')) {
  const root = new URL('../../', import.meta.url);
  const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as Lock;
  const keys = runtimeClosure(lock, SANDBOX_ROOTS);
  const components = keys.map((k) => ({ name: lock.packages[k].version ? nameOf(k) : nameOf(k), version: lock.packages[k].version! })).filter((c) => c.version);
  writeFileSync(new URL('fixtures/sbom/sandbox-package-lock.json', root), `${JSON.stringify(trimmedLock(lock, keys), null, 2)}\n`);
  writeFileSync(new URL('fixtures/sbom/sandbox.cdx.json', root), cycloneDx(components));
  writeFileSync(new URL('fixtures/advisories/sandbox-clean.json', root), cleanRecording(components));
  process.stdout.write(`${components.length} packages written to fixtures/sbom and fixtures/advisories\n`);
}
