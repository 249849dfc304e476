/**
 * Tagging by rule, not by check: which OWASP categories a breach of each contract rule (or rule
 * family, by id prefix) belongs to. A check's tags are the categories of the rules it declares
 * (`CheckDef.rules`), plus the explicit extras below for checks that declare no rules yet.
 */

type Tags = readonly string[];
const A = (n: number) => `A${String(n).padStart(2, '0')}:2021`;
const API = (n: number) => `API${n}:2023`;

/** Exact ids first, then prefixes (longest wins). */
const RULES: ReadonlyArray<[string, Tags]> = [
  ['AUTHZ-1', [A(1), API(5)]],
  ['AUTHZ-', [A(1), API(1)]],
  ['TEN-', [A(1), API(1)]],
  ['AUTH-4', [A(2), A(5), API(8)]],
  ['AUTH-', [A(7), API(2)]],
  ['SEC-JWT-1', [A(2), A(7), A(10), API(2), API(7)]],
  ['SEC-JWT-2', [A(7), API(2)]],
  ['SEC-AUTH-1', [A(7), API(2)]],
  ['SEC-AUTH-2', [A(7), API(2), API(4), API(6)]],
  ['SEC-INJ-', [A(3), API(8)]],
  ['SEC-PP-', [A(3), A(8), API(3)]],
  ['SEC-DOS-', [A(4), API(4)]],
  ['SEC-HDR-', [A(5), API(8)]],
  ['SEC-PASSIVE-', [A(5), API(8)]],
  ['SEC-VULN-', [A(6), A(8)]],
  ['VAL-2', [A(1), API(3)]],
  ['VAL-4', [A(4), API(6)]],
  ['VAL-', [A(3), A(4)]],
  ['RESP-1', [A(2), API(3)]],
  ['ERR-', [A(5), API(8)]],
  ['HTTP-4', [A(5), API(9)]],
  ['HTTP-', [A(5), API(8)]],
  ['HDR-', [A(5), API(8)]],
  ['CORS-', [A(5), API(8)]],
  ['EDGE-1', [A(2), API(8)]],
  ['EDGE-2', [A(2), API(8)]],
  ['EDGE-3', [A(2), API(8)]],
  ['EDGE-5', [A(5), API(9)]],
  ['EDGE-6', [A(5), API(9)]],
  ['EDGE-7', [A(5), API(9)]],
  ['EDGE-9', [A(5), API(4)]],
  ['EDGE-', [A(5), API(8)]],
  ['RL-', [A(4), API(4), API(6)]],
  ['IDEM-', [A(4), API(6)]],
  ['LOG-1', [A(9), A(2)]],
  ['MET-3', [A(5), API(9)]],
  ['MET-', [A(9)]],
  ['RDY-', [A(9)]],
  ['NP-', [A(5), API(8)]],
  ['SVC-4', [API(9)]],
  ['PROJ-5', [A(8), API(10)]],
  ['PROJ-6', [API(10)]],
  ['PROJ-', [A(8)]],
  ['OUT-', [A(8)]],
  ['CMD-', [A(8)]],
];

/** Checks that declare no rules yet, or need more than their rules say (prefix of the check id). */
const EXTRA: ReadonlyArray<[string, Tags]> = [
  ['SEC-TLS-', [A(2), API(8)]],
  ['SEC-HTTPS-REDIRECT', [A(2), API(8)]],
  ['SEC-HEADERS', [A(5), API(8)]],
  ['SEC-CORS', [A(5), API(8)]],
  ['SEC-ERROR-LEAK', [A(5), API(8)]],
  ['SEC-DATA-EXPOSURE', [A(1), API(3)]],
  ['SEC-RATE-LIMIT', [A(4), API(4), API(6)]],
  ['SEC-EDGE-ROUTES', [A(5), API(9)]],
  ['SEC-SECRETS-', [A(2), A(5)]],
  ['SEC-NETPOL', [A(5), API(8)]],
  ['INT-JWT-', [A(7), API(2)]],
  ['INT-AUTHZ-', [A(1), API(1), API(5)]],
  ['INT-VALIDATION-MASS', [API(3)]],
  ['SEC-VULN-DEPS', [A(6), A(8)]],
];

function match(table: ReadonlyArray<[string, Tags]>, id: string): Tags {
  const exact = table.find(([k]) => k === id);
  if (exact) return exact[1];
  const prefixes = table.filter(([k]) => k.endsWith('-') && id.startsWith(k)).sort((a, b) => b[0].length - a[0].length);
  return prefixes[0]?.[1] ?? [];
}

export function tagsOfRule(rule: string): Tags {
  return match(RULES, rule);
}

/** A check's OWASP tags: its rules' categories and its explicit extras, sorted. */
export function tagsOf(check: { id: string; rules?: readonly string[]; region?: string | null }): string[] {
  const base = check.region && check.id.endsWith(`-${check.region}`) ? check.id.slice(0, -check.region.length - 1) : check.id;
  const all = new Set([...(check.rules ?? []).flatMap(tagsOfRule), ...match(EXTRA, base)]);
  const order = (t: string) => (t.startsWith('A') && !t.startsWith('API') ? 0 : 100) + Number(/\d+/.exec(t)?.[0] ?? 0);
  return [...all].sort((a, b) => order(a) - order(b));
}
