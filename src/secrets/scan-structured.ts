import { maskSecret } from './mask';
import { scanText, type ScanOptions } from './scan-text';
import { structuredValues, type StructuredValue } from './structured';
import type { SecretFinding } from './types';

/**
 * Scans the values of a Secret, ConfigMap or .env file as plain text (decoded from base64 where
 * the file holds it encoded) and reports each finding at the value's place in the file. A literal
 * under a key that names a secret (JWT_SECRET, DB_PASSWORD, API_TOKEN…) is a finding of its own:
 * configuration must reference secrets (AUTH-4), not carry them.
 */

const SECRET_KEY = /secret|passw(or)?d|pwd|token|api[_-]?key|private[_-]?key|credential/i;
/** Keys that name a secret's file, lifetime or algorithm rather than hold it. */
const NOT_A_VALUE_KEY = /(_FILE|_PATH|_REF|_NAME|EXPIRY|_TTL|TTL_|ALGORITHMS?|LIFETIME)$/i;
/** Placeholders and references that are not secrets themselves. */
const PLACEHOLDER = /^(\$\{[^}]*\}|\$[A-Z_]+|<[^>]*>|\{\{.*\}\}|changeme|change-me|placeholder|redacted|x{3,}|\*{3,}|true|false|\d{1,6})$/i;

export async function scanStructured(text: string, file: string, opts: ScanOptions = {}): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  for (const entry of structuredValues(text, file)) {
    for (const f of await scanText(entry.value, file, opts)) {
      findings.push({ ...f, line: entry.line + f.line - 1, column: f.line === 1 ? entry.column + f.column - 1 : f.column, where: entry.label });
    }
    if (isSecretLiteral(entry)) {
      findings.push({
        source: file, line: entry.line, column: entry.column, rule: 'gx-verify/secret-named-value', where: entry.label,
        kind: `a literal value under the secret-named key ${entry.key}`, masked: maskSecret(entry.value),
      });
    }
  }
  return findings;
}

function isSecretLiteral(entry: StructuredValue): boolean {
  const value = entry.value.trim();
  return SECRET_KEY.test(entry.key) && !NOT_A_VALUE_KEY.test(entry.key) && value.length >= 4 && !PLACEHOLDER.test(value);
}
