import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDepPath } from '@pnpm/dependency-path';
import { parseSyml } from '@yarnpkg/parsers';
import YAML from 'yaml';
import { z } from 'zod';
import type { Component } from './types';

/**
 * Installed packages from the three npm-ecosystem lockfiles: package-lock.json /
 * npm-shrinkwrap.json (v1 nested `dependencies`, v2/v3 `packages`), pnpm-lock.yaml (v5 `/name/1.0.0`,
 * v6 `/name@1.0.0`, v9 `name@1.0.0(peer)` keys, read with pnpm's own dependency-path parser) and
 * yarn.lock (classic and Berry, read with Yarn's own syml parser). Links, the root and entries
 * without a version are left out, as npm audit does.
 */

const npmLock = z.object({
  lockfileVersion: z.number().optional(),
  packages: z.record(z.string(), z.object({ version: z.string().optional(), link: z.boolean().optional(), name: z.string().optional() }).loose()).optional(),
  dependencies: z.record(z.string(), z.unknown()).optional(),
}).loose();

type V1Deps = Record<string, { version?: string; dependencies?: V1Deps }>;

function fromNpm(text: string, source: string): Component[] {
  const lock = npmLock.parse(JSON.parse(text));
  const out: Component[] = [];
  if (lock.packages) {
    for (const [key, entry] of Object.entries(lock.packages)) {
      if (key === '' || entry.link || !entry.version) continue;
      const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
      out.push({ ecosystem: 'npm', name, version: entry.version, source });
    }
    return out;
  }
  const walk = (deps: V1Deps | undefined) => {
    for (const [name, entry] of Object.entries(deps ?? {})) {
      if (entry.version && !/^(file|link|git|github):/.test(entry.version)) out.push({ ecosystem: 'npm', name, version: entry.version, source });
      walk(entry.dependencies);
    }
  };
  walk(lock.dependencies as V1Deps | undefined);
  return out;
}

/** `/name/1.0.0` (v5) is not a dependency path pnpm's current parser reads: split it here. */
function pnpmKey(key: string): { name: string; version: string } | null {
  const v5 = /^\/((?:@[^/]+\/)?[^/@]+)\/(\d[^/(]*)/.exec(key);
  if (v5) return { name: v5[1], version: v5[2] };
  const parsed = parseDepPath(key.replace(/^\//, ''));
  return parsed.name && parsed.version ? { name: parsed.name, version: parsed.version } : null;
}

function fromPnpm(text: string, source: string): Component[] {
  const doc = YAML.parse(text) as { packages?: Record<string, unknown> } | null;
  return Object.keys(doc?.packages ?? {}).map(pnpmKey).filter((p): p is { name: string; version: string } => p !== null)
    .map((p) => ({ ecosystem: 'npm', ...p, source }));
}

function fromYarn(text: string, source: string): Component[] {
  const doc = parseSyml(text) as Record<string, { version?: string; linkType?: string }>;
  const out: Component[] = [];
  for (const [descriptors, entry] of Object.entries(doc)) {
    if (descriptors === '__metadata' || !entry?.version || entry.linkType === 'soft') continue;
    const first = descriptors.split(',')[0].trim();
    const at = first.indexOf('@', 1);
    const name = at > 0 ? first.slice(0, at) : first;
    if (/@(workspace|link|portal|file):/.test(first)) continue;
    // Classic entries with several descriptors come back once per descriptor.
    if (out.some((c) => c.name === name && c.version === entry.version)) continue;
    out.push({ ecosystem: 'npm', name, version: entry.version, source });
  }
  return out;
}

export function readLockfile(file: string): Component[] {
  const text = readFileSync(file, 'utf8');
  const base = path.basename(file);
  if (base.endsWith('.yaml') || base.endsWith('.yml')) return fromPnpm(text, file);
  if (base === 'yarn.lock' || base.endsWith('.lock')) return fromYarn(text, file);
  return fromNpm(text, file);
}
