import { lstat, open, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { scanStructured } from './scan-structured';
import { scanText, type ScanOptions } from './scan-text';
import type { SecretFinding } from './types';

/** Walks files and folders (bounded), scanning every text file; unreadable paths are reported, not fatal. */

export const MAX_FILES = 2_000;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', '.git']);

export interface FileScan {
  findings: SecretFinding[];
  filesScanned: number;
  /** Paths that could not be read, or were skipped (too large, binary, over the file limit). */
  skipped: { path: string; reason: string }[];
}

async function listFiles(root: string, out: string[], skipped: FileScan['skipped']): Promise<void> {
  let info;
  try { info = await lstat(root); } catch (error) {
    skipped.push({ path: root, reason: (error as NodeJS.ErrnoException).code ?? 'unreadable' });
    return;
  }
  if (info.isSymbolicLink()) return;
  if (info.isFile()) {
    if (out.length >= MAX_FILES) skipped.push({ path: root, reason: `over the ${MAX_FILES}-file limit` });
    else out.push(root);
    return;
  }
  if (!info.isDirectory()) return;
  const entries = await readdir(root).catch(() => [] as string[]);
  for (const name of entries.sort()) {
    if (SKIP_DIRS.has(name)) continue;
    await listFiles(join(root, name), out, skipped);
  }
}

async function readText(path: string): Promise<string | { reason: string }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_FILE_BYTES) return { reason: `larger than ${MAX_FILE_BYTES} bytes` };
    const buffer = await handle.readFile();
    if (buffer.subarray(0, 8000).includes(0)) return { reason: 'binary' };
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** One file however many profile fields (or folders) name it: the first path seen stands for it. */
async function distinctFiles(files: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const file of files) {
    const real = await realpath(file).catch(() => file);
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(file);
  }
  return out;
}

/** A spot is reported once: the plain-text scan and the structured one can both see a stringData value. */
function once(findings: SecretFinding[]): SecretFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.source}\u0000${f.line}\u0000${f.masked}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function scanPaths(paths: readonly string[], opts: ScanOptions = {}): Promise<FileScan> {
  const listed: string[] = [];
  const skipped: FileScan['skipped'] = [];
  for (const p of paths) await listFiles(p, listed, skipped);
  const files = await distinctFiles(listed);
  const findings: SecretFinding[] = [];
  for (const file of files) {
    const text = await readText(file).catch((error: NodeJS.ErrnoException) => ({ reason: error.code ?? 'unreadable' }));
    if (typeof text !== 'string') {
      skipped.push({ path: file, reason: text.reason });
      continue;
    }
    findings.push(...(await scanText(text, file, opts)), ...(await scanStructured(text, file, opts)));
  }
  return { findings: once(findings).sort((a, b) => a.source.localeCompare(b.source) || a.line - b.line || a.column - b.column), filesScanned: files.length, skipped };
}
