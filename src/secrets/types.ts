/** One exposed secret: where it is, which rule found it, and the value masked. */
export interface SecretFinding {
  /** File path, or a label such as `response I5 GET /api/v1/users/:id`. */
  source: string;
  line: number;
  column: number;
  /** secretlint rule id, or `gx-verify/known-secret`, `gx-verify/bearer-token`, `gx-verify/password-hash`. */
  rule: string;
  /** What kind of secret, in words (never the value). */
  kind: string;
  /** First 4 characters + `****`. */
  masked: string;
  /** Where inside the file the value sits when it was read from a structure (`Secret ns/name data.KEY (base64-decoded)`). */
  where?: string;
}

export function describeFinding(f: SecretFinding): string {
  return `${f.source}:${f.line}:${f.column}${f.where ? ` [${f.where}]` : ''} ${f.kind} (${f.rule}) ${f.masked}`;
}
