import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../../evidence/types';
import { describeFinding, maskSecret, scanText } from '../../secrets/index';
import type { ManifestSet } from '../manifests/objects';
import { manifestFinding } from './find';

/**
 * K8S-SECRET-INLINE (§13.1 Secret: never in manifests): three views of one rule, each finding
 * placed at file:line with the value masked.
 * - structure: an env var or ConfigMap key named like a secret (JWT_SECRET, *_PASSWORD, *_TOKEN,
 *   *_KEY) holding a literal value instead of a secretKeyRef; a Secret object with values;
 * - content: the secrets scanner (secretlint's rules plus the profile's own secret values) over
 *   every manifest file, for secrets under any name.
 * A spot both views see is reported once.
 */

// Judged by name segments, so TOKENOMICS_SERVICE_PORT is not a token and FABRIC_KEY_PATH (a file
// reference) is not a key.
const SECRET_WORDS = new Set(['SECRET', 'PASSWORD', 'PASSWD', 'PASS', 'TOKEN', 'APIKEY', 'KEY', 'CREDENTIAL', 'CREDENTIALS', 'PRIVATE']);
const REFERENCE_WORDS = new Set(['PATH', 'FILE', 'DIR', 'NAME', 'REF', 'ID', 'URL_FILE']);
function secretName(name: string): boolean {
  const words = name.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  return words.some((w) => SECRET_WORDS.has(w)) && !REFERENCE_WORDS.has(words.at(-1) ?? '');
}
const REFERENCE = /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/;

/** The line of `value` at or after the first line naming `name` (env entries span one or two lines). */
function lineOf(text: string, name: string, value: string): number {
  const lines = text.split('\n');
  const from = Math.max(0, lines.findIndex((l) => l.includes(name)));
  const i = lines.findIndex((l, n) => n >= from && l.includes(value));
  return i + 1;
}

export async function checkInlineSecrets(set: ManifestSet, known: readonly string[]): Promise<Finding[]> {
  const texts = new Map<string, string>();
  for (const f of set.files) texts.set(f, await readFile(path.join(set.base, f), 'utf8').catch(() => ''));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const literal = (file: string, name: string, value: string, o: Parameters<typeof manifestFinding>[1], what: string) => {
    const line = lineOf(texts.get(file) ?? '', name, value);
    seen.add(`${file}:${line}`);
    findings.push(manifestFinding('K8S-SECRET-INLINE', o, `${what} holds a literal value (${maskSecret(value)}) at ${file}:${line}; §13.1 keeps secrets in Secret objects outside the manifests`));
  };
  for (const w of set.workloads) {
    for (const c of [...w.pod.containers, ...(w.pod.initContainers ?? [])]) {
      for (const e of c.env ?? []) {
        if (secretName(e.name) && e.value && !REFERENCE.test(e.value)) literal(w.source.file, e.name, e.value, w, `container ${c.name} env ${e.name}`);
      }
    }
  }
  for (const cm of set.configMaps) {
    for (const [k, v] of Object.entries((cm.value.data ?? {}) as Record<string, unknown>)) {
      if (secretName(k) && typeof v === 'string' && v.length > 0) literal(cm.source.file, k, v, cm, `key ${k}`);
    }
  }
  for (const s of set.secrets) {
    const keys = [...Object.keys((s.value.data ?? {}) as object), ...Object.keys((s.value.stringData ?? {}) as object)];
    if (keys.length > 0) findings.push(manifestFinding('K8S-SECRET-INLINE', s, `a Secret with values (${keys.join(', ')}) is part of the manifests`));
  }
  for (const [file, text] of texts) {
    for (const f of await scanText(text, file, { known })) {
      if (seen.has(`${file}:${f.line}`)) continue;
      findings.push({ rule: 'K8S-SECRET-INLINE', component: 'config', text: `${describeFinding(f)}`, evidence: [{ note: `${f.kind} at ${file}:${f.line}` }] });
    }
  }
  return findings;
}
