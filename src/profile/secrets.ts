import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { SecretRef } from './schema';

/** Reading `{ env }` / `{ file }` secret references. Never echoes a value in a message. */

export type SecretRead = { ok: true; value: string } | { ok: false; reason: string };

export function describeRef(ref: SecretRef): string {
  return 'env' in ref ? `env var ${ref.env}` : `file ${ref.file}`;
}

export function secretFilePath(file: string, baseDir: string): string {
  return isAbsolute(file) ? file : resolve(baseDir, file);
}

export function readSecret(ref: SecretRef, baseDir: string, env: NodeJS.ProcessEnv = process.env): SecretRead {
  if ('env' in ref) {
    const value = env[ref.env];
    if (value === undefined) return { ok: false, reason: `environment variable ${ref.env} is not set` };
    if (value === '') return { ok: false, reason: `environment variable ${ref.env} is empty` };
    return { ok: true, value };
  }
  const path = secretFilePath(ref.file, baseDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? `file ${path} does not exist` : `file ${path} is not readable (${code ?? 'error'})` };
  }
  // Secret files usually end with a newline that is not part of the secret.
  const value = text.replace(/\r?\n$/, '');
  if (value === '') return { ok: false, reason: `file ${path} is empty` };
  return { ok: true, value };
}

/** Either a resolved value or an inline string (database.url only). */
export function readSecretOrInline(value: SecretRef | string, baseDir: string, env?: NodeJS.ProcessEnv): SecretRead {
  return typeof value === 'string' ? { ok: true, value } : readSecret(value, baseDir, env);
}
