import { basename } from 'node:path';
import { isMap, isScalar, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';

/**
 * Values a line-by-line scan cannot see whole: Kubernetes Secrets (`data` is base64, `stringData`
 * may be a multi-line block), ConfigMaps (`data` blocks, `binaryData` base64) and `.env` files
 * (quoted, exported values). Each value comes out as plain text with the line and column where it
 * sits in the file, so it is scanned like any text and reported at its place.
 */
export interface StructuredValue {
  /** `Secret backend/gx-secrets data.JWT_SECRET (base64-decoded)`, `.env JWT_SECRET`. */
  label: string;
  /** The key the value sits under (`JWT_SECRET`). */
  key: string;
  value: string;
  line: number;
  column: number;
  /** The file held an encoding of it (base64), not the value itself. */
  decoded: boolean;
}

const ENV_FILE = /^\.env(\..+)?$|\.env$/;
const ENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/;

export function structuredValues(text: string, file: string): StructuredValue[] {
  if (ENV_FILE.test(basename(file))) return envValues(text);
  if (/\.(ya?ml|json)$/i.test(file) || /^\s*kind\s*:/m.test(text)) return manifestValues(text);
  return [];
}

function envValues(text: string): StructuredValue[] {
  return text.split('\n').flatMap((line, i): StructuredValue[] => {
    if (/^\s*#/.test(line)) return [];
    const m = ENV_LINE.exec(line);
    if (!m || m[2] === '') return [];
    const raw = m[2];
    const quoted = /^(['"])(.*)\1$/.exec(raw);
    const value = quoted ? quoted[2].replace(/\\n/g, '\n') : raw.replace(/\s+#.*$/, '');
    return [{ label: `.env ${m[1]}`, key: m[1], value, line: i + 1, column: line.indexOf(raw) + 1 + (quoted ? 1 : 0), decoded: false }];
  });
}

/** A printable UTF-8 text from base64, or null (not base64, or binary). */
export function decodeBase64Text(value: string): string | null {
  const compact = value.replace(/\s+/g, '');
  if (compact.length < 4 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== compact.replace(/=+$/, '')) return null;
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD') || /[\x00-\x08\x0E-\x1F]/.test(text)) return null;
  return text;
}

function manifestValues(text: string): StructuredValue[] {
  const lines = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lines }) as Document.Parsed[];
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  return docs.flatMap((doc) => {
    if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
    const kind = doc.get('kind');
    if (kind !== 'Secret' && kind !== 'ConfigMap') return [];
    const meta = doc.get('metadata') as { get?: (k: string) => unknown } | undefined;
    const name = `${String(meta?.get?.('namespace') ?? 'default')}/${String(meta?.get?.('name') ?? '?')}`;
    const fields: Array<[string, boolean]> = kind === 'Secret' ? [['data', true], ['stringData', false]] : [['data', false], ['binaryData', true]];
    return fields.flatMap(([field, base64]) => entriesOf(doc.get(field, true) as Node | undefined, lines).flatMap((e): StructuredValue[] => {
      const value = base64 ? decodeBase64Text(e.value) : e.value;
      if (value === null || value === '') return [];
      const label = `${kind} ${name} ${field}.${e.key}${base64 ? ' (base64-decoded)' : ''}`;
      return [{ label, key: e.key, value, line: e.line, column: e.column, decoded: base64 }];
    }));
  });
}

function entriesOf(node: Node | undefined, lines: LineCounter): Array<{ key: string; value: string; line: number; column: number }> {
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) => {
    if (!isScalar(pair.key) || !isScalar(pair.value) || pair.value.value === null) return [];
    const at = lines.linePos(pair.value.range?.[0] ?? pair.key.range?.[0] ?? 0);
    return [{ key: String(pair.key.value), value: String(pair.value.value), line: at.line, column: at.col }];
  });
}
