import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';

/**
 * Reads a folder of Kubernetes manifests: every .yaml/.yml/.json file below it (sorted, so the
 * order is stable), each split into its YAML documents with the `yaml` library; `kind: List`
 * items count as documents of their own. Nothing here knows object kinds (objects.ts does);
 * a document that does not parse is a problem with its file and line, never a crash.
 */

export interface Source {
  /** Path relative to the manifests folder (forward slashes). */
  file: string;
  /** 1-based line where the document (or List item) starts. */
  line: number;
}

export interface RawDocument {
  source: Source;
  value: unknown;
}

export interface ManifestProblem {
  source: Source;
  message: string;
}

export interface RawManifests {
  root: string;
  /** Folder the file paths are relative to (root itself, or a single file's folder). */
  base: string;
  files: string[];
  documents: RawDocument[];
  problems: ManifestProblem[];
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const MAX_FILES = 5_000;

async function listFiles(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await listFiles(full, out);
    else if (entry.isFile() && EXTENSIONS.has(path.extname(entry.name).toLowerCase()) && out.length < MAX_FILES) out.push(full);
  }
}

/** The documents of one file's text; `file` is only used to name sources. */
export function parseManifestText(text: string, file: string): { documents: RawDocument[]; problems: ManifestProblem[] } {
  const documents: RawDocument[] = [];
  const problems: ManifestProblem[] = [];
  const lineCounter = new LineCounter();
  for (const doc of parseAllDocuments(text, { lineCounter })) {
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const line = lineCounter.linePos(start).line;
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problems.push({ source: { file, line: e.linePos?.[0].line ?? line }, message: `YAML: ${e.message.split('\n')[0]}` });
      continue;
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) continue; // an empty document (trailing ---)
    const items = (value as { kind?: unknown; items?: unknown }).kind === 'List' && Array.isArray((value as { items?: unknown }).items)
      ? ((value as { items: unknown[] }).items)
      : [value];
    for (const item of items) documents.push({ source: { file, line }, value: item });
  }
  return { documents, problems };
}

/** Every manifest below `root` (a folder or one file). */
export async function readManifests(root: string): Promise<RawManifests> {
  const info = await stat(root);
  const files: string[] = [];
  if (info.isDirectory()) await listFiles(root, files);
  else files.push(root);
  const base = info.isDirectory() ? root : path.dirname(root);
  const out: RawManifests = { root, base, files: [], documents: [], problems: [] };
  for (const full of files) {
    const rel = path.relative(base, full).split(path.sep).join('/');
    out.files.push(rel);
    let text: string;
    try {
      text = await readFile(full, 'utf8');
    } catch (error) {
      out.problems.push({ source: { file: rel, line: 1 }, message: `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const parsed = parseManifestText(text, rel);
    out.documents.push(...parsed.documents);
    out.problems.push(...parsed.problems);
  }
  return out;
}
