import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import type { z } from 'zod';
import { parseDocument } from 'yaml';
import { profileSchema } from './schema';
import { normaliseProfile, type Profile } from './normalise';
import { profileRules, type RuleContext } from './rules';

/**
 * Loading a profile in stages: parse (YAML or JSON) → schema → normalise → rules. Every problem
 * is returned as a `path: message` line; the library never prints or exits (the CLI does).
 */

export type ProfileResult =
  | { ok: true; profile: Profile; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  knownCriteria?: readonly string[];
}

/** `regions[1].services.tax` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(profile)';
}

/** The depth a union branch got to before failing: the deepest is the branch the author meant. */
function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(...issues.map((i) => i.path.length));
}

function flatten(issues: readonly z.core.$ZodIssue[], base: readonly PropertyKey[] = []): string[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0];
      if (depth(best) > 0) return flatten(best, path);
    }
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${formatPath([...path, key])}: unknown key (not part of the profile format)`);
    }
    return [`${formatPath(path)}: ${issue.message}`];
  });
}

/** zod messages in the profile's own words: a missing key is "Required". */
const profileErrorMap = (issue: z.core.$ZodRawIssue): string | undefined => {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Required';
  return undefined;
};

export function parseProfileText(text: string, format: 'yaml' | 'json', baseDir: string, opts: LoadOptions = {}): ProfileResult {
  const warnings: string[] = [];
  let data: unknown;
  if (format === 'json') {
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { ok: false, errors: [`(profile): invalid JSON: ${(e as Error).message}`], warnings };
    }
  } else {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      return { ok: false, errors: doc.errors.map((e) => `(profile): invalid YAML: ${e.message.split('\n')[0]}`), warnings };
    }
    data = doc.toJS();
  }
  return parseProfileData(data, baseDir, opts);
}

/** Validates an already parsed profile document (for profiles built in memory, e.g. the sandbox's). */
export function parseProfileData(data: unknown, baseDir: string, opts: LoadOptions = {}): ProfileResult {
  const warnings: string[] = [];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, errors: ['(profile): expected a mapping of profile sections'], warnings };
  }

  const parsed = profileSchema.safeParse(data, { error: profileErrorMap });
  if (!parsed.success) return { ok: false, errors: flatten(parsed.error.issues), warnings };

  const profile = normaliseProfile(parsed.data, baseDir);
  const errors: string[] = [];
  const ctx: RuleContext = { env: opts.env ?? process.env, knownCriteria: opts.knownCriteria };
  const report = {
    error: (path: string, message: string) => errors.push(`${path}: ${message}`),
    warn: (path: string, message: string) => warnings.push(`${path}: ${message}`),
  };
  for (const rule of profileRules) rule.check(profile, ctx, report);
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, profile, warnings };
}

/** Reads and validates a profile file (`.json` as JSON, anything else as YAML). */
export async function loadProfile(file: string, opts: LoadOptions = {}): Promise<ProfileResult> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
    return { ok: false, errors: [`(profile): ${path} ${why}`], warnings: [] };
  }
  const format = extname(path).toLowerCase() === '.json' ? 'json' : 'yaml';
  return parseProfileText(text, format, dirname(path), opts);
}
