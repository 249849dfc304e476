import type { CheckResult, EvidenceItem, Measurement } from './types';

/**
 * Redaction of secrets from everything gx-verify stores or prints: evidence, messages,
 * log lines, artifacts and reports. Two kinds of rules: the exact secret values the profile
 * resolved (plus their JSON- and URL-encoded forms), and patterns that look like credentials
 * whoever they belong to (Authorization/Cookie headers, Bearer tokens, JWTs, PEM private keys,
 * password/secret/token fields, user:password in URLs).
 */
export const REDACTED = '[REDACTED]';

/** Shorter values would mangle ordinary text; no real secret is this short. */
const MIN_SECRET_LENGTH = 4;

const PATTERNS: Array<[RegExp, string]> = [
  // PEM private keys, also when cut off by an excerpt (no END line).
  [/-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g, `-----BEGIN $1PRIVATE KEY-----${REDACTED}-----END $1PRIVATE KEY-----`],
  // Header lines and curl -H arguments: the value up to the end of line or the closing quote.
  [/\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key)(\s*:\s*)[^\r\n'"]*/gi, `$1$2${REDACTED}`],
  // Headers as JSON fields: "authorization": "..."
  [/("(?:authorization|proxy-authorization|cookie|set-cookie|x-api-key)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`],
  [/\bBearer\s+[A-Za-z0-9\-._~+/]+=*/g, `Bearer ${REDACTED}`],
  // JWT-looking strings: base64url JSON header ("eyJ"), payload, optional signature.
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // JSON fields named like credentials: password, passwordHash, newPassword, jwtSecret, accessToken…
  [/("[A-Za-z0-9_-]*?(?:password|passwordhash|passwd|secret|token)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`],
  // key=value in query strings, form bodies and log lines.
  [/\b([A-Za-z0-9_]*(?:password|passwd|secret|token))=([^&\s"']+)/gi, `$1=${REDACTED}`],
  // user:password@ in URLs (DSNs included).
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@]+):([^\s/@]+)@/gi, `$1$2:${REDACTED}@`],
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type Redactor = (text: string) => string;

/** A redactor for the given secret values (the profile's resolved secrets). */
export function createRedactor(secrets: readonly string[] = []): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
    forms.add(Buffer.from(secret).toString('base64').replace(/=+$/, ''));
    // A PEM secret also appears line by line in excerpts.
    for (const line of secret.split(/\r?\n/)) if (line.length >= 16 && !line.startsWith('-----')) forms.add(line);
  }
  // Longest first, so a secret containing another is removed whole.
  const values = [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  const exact = values.length > 0 ? new RegExp(values.map(escapeRegExp).join('|'), 'g') : null;
  return (text: string) => {
    if (typeof text !== 'string' || text.length === 0) return text;
    let out = exact ? text.replace(exact, REDACTED) : text;
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}

/** Redact every string inside a JSON-like value (objects, arrays); other values are kept. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact);
    return out as T;
  }
  return value;
}

export function redactEvidence(items: EvidenceItem[], redact: Redactor): EvidenceItem[] {
  return items.map((item) => redactDeep(item, redact));
}

export function redactMeasurements(m: Record<string, Measurement>, redact: Redactor): Record<string, Measurement> {
  return redactDeep(m, redact);
}

/** A check result with message, evidence and measurements redacted. */
export function redactResult(result: CheckResult, redact: Redactor): CheckResult {
  return redactDeep(result, redact);
}

/** Text artifacts are redacted; binary content (not valid UTF-8) is stored as is. */
export function redactArtifact(content: string | Buffer, redact: Redactor): string | Buffer {
  if (typeof content === 'string') return redact(content);
  const text = content.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(content)) return Buffer.from(redact(text), 'utf8');
  return content;
}
