import { maskSecret } from './mask';
import type { SecretFinding } from './types';

/**
 * Contract-specific detectors beside secretlint's maintained rules: values the profile resolved
 * (the JWT secret, passwords, DSNs) matched exactly, bearer tokens and Authorization values
 * (LOG-1, AUTH-1) and bcrypt password hashes (RESP-1), which no generic rule set knows about.
 */

export interface LineMatch { index: number; length: number; rule: string; kind: string }

/** Known secret values shorter than this are not searched (too many false hits). */
export const MIN_KNOWN_SECRET = 8;

const BEARER = /\bBearer\s+([A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g;
const AUTH_FIELD = /"authorization"\s*:\s*"([^"]{8,})"/gi;
const BCRYPT = /\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g;

export function contractMatches(line: string, known: readonly string[]): LineMatch[] {
  const out: LineMatch[] = [];
  for (const secret of known) {
    if (secret.length < MIN_KNOWN_SECRET) continue;
    for (let i = line.indexOf(secret); i !== -1; i = line.indexOf(secret, i + secret.length)) {
      out.push({ index: i, length: secret.length, rule: 'gx-verify/known-secret', kind: 'a secret value from the profile (JWT secret, password or credentials)' });
    }
  }
  for (const m of line.matchAll(BEARER)) {
    const at = m.index + m[0].indexOf(m[1]);
    out.push({ index: at, length: m[1].length, rule: 'gx-verify/bearer-token', kind: 'a bearer token (JWT)' });
  }
  for (const m of line.matchAll(AUTH_FIELD)) {
    const at = m.index + m[0].lastIndexOf(m[1]);
    if (!out.some((o) => o.index >= at && o.index < at + m[1].length)) {
      out.push({ index: at, length: m[1].length, rule: 'gx-verify/authorization-header', kind: 'an Authorization header value' });
    }
  }
  for (const m of line.matchAll(BCRYPT)) out.push({ index: m.index, length: m[0].length, rule: 'gx-verify/password-hash', kind: 'a bcrypt password hash' });
  return out;
}

export function toFinding(source: string, lineNo: number, line: string, m: LineMatch): SecretFinding {
  return { source, line: lineNo, column: m.index + 1, rule: m.rule, kind: m.kind, masked: maskSecret(line.slice(m.index, m.index + m.length)) };
}
