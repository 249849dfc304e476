/**
 * The error taxonomy of the load layer. Every answer falls in exactly one class; the error rate
 * counts every class but `ok` and `expected` (a documented answer the scenario asked for, e.g.
 * a 404 of a route measured on its not-found path).
 */
export const OUTCOME_CLASSES = [
  'ok',          // the scenario's expected success status
  'expected',    // a documented non-2xx the scenario asked for
  'timeout',     // no complete answer within the request timeout
  'reset',       // connection refused, reset or closed before an answer
  'http-429',
  'http-503',
  'http-5xx',    // any other 5xx
  'envelope',    // a 4xx/5xx whose body is not the E1 envelope (ERR-1)
  'unexpected',  // any other status the scenario did not expect
  'dropped',     // open model: the send time passed while no connection could take it
] as const;
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];

export const ERROR_CLASSES: readonly OutcomeClass[] = OUTCOME_CLASSES.filter((c) => c !== 'ok' && c !== 'expected');

export type OutcomeCounts = Record<OutcomeClass, number>;

export function emptyCounts(): OutcomeCounts {
  return Object.fromEntries(OUTCOME_CLASSES.map((c) => [c, 0])) as OutcomeCounts;
}

export function addCounts(into: OutcomeCounts, from: Partial<OutcomeCounts>): OutcomeCounts {
  for (const c of OUTCOME_CLASSES) into[c] += from[c] ?? 0;
  return into;
}

export function totalOf(counts: OutcomeCounts): number {
  return OUTCOME_CLASSES.reduce((s, c) => s + counts[c], 0);
}

export function errorsOf(counts: OutcomeCounts): number {
  return ERROR_CLASSES.reduce((s, c) => s + counts[c], 0);
}

/** E1 (§2.2): a JSON object with string `error` and `message`. */
export function isE1(text: string): boolean {
  try {
    const body = JSON.parse(text) as unknown;
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      && typeof (body as Record<string, unknown>).error === 'string' && typeof (body as Record<string, unknown>).message === 'string';
  } catch {
    return false;
  }
}

/** The class of an HTTP answer, given the statuses the scenario expects (first = success). */
export function classify(status: number, body: string, expect: readonly number[]): OutcomeClass {
  if (expect.includes(status)) {
    if (status >= 400 && !isE1(body)) return 'envelope';
    return status === expect[0] && status < 400 ? 'ok' : 'expected';
  }
  if (status >= 400 && !isE1(body)) return 'envelope';
  if (status === 429) return 'http-429';
  if (status === 503) return 'http-503';
  if (status >= 500) return 'http-5xx';
  return 'unexpected';
}

/** Transport failures by undici/Node error code. */
export function classifyError(error: unknown): OutcomeClass {
  const code = (error as { code?: string })?.code ?? '';
  const name = (error as { name?: string })?.name ?? '';
  if (/TIMEOUT/i.test(code) || name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  return 'reset';
}
