import type { Dispatcher } from 'undici';
import { classify, classifyError, type OutcomeClass } from './outcome';

/** One request of a scenario, ready to send: everything resolved (URL, token, body). */
export interface RequestPlan {
  /** Catalog endpoint id (`#3`, `I5`) or another label (`INF-1`). */
  endpoint: string;
  method: string;
  origin: string;
  /** Path with the region's prefix and the query string. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Statuses the scenario expects; the first is the success status. */
  expect: readonly number[];
}

export interface Answer {
  outcome: OutcomeClass;
  status?: number;
  /** Body excerpt of an answer that is not `ok` (for evidence). */
  excerpt?: string;
}

const EXCERPT = 300;
/** Error bodies kept for classification (E1 check) at most; the rest is read and dropped. */
const KEEP_BYTES = 256 * 1024;

/**
 * Sends one request on a keep-alive pool and classifies the answer. Uses undici's dispatch API
 * (no response stream per answer): the body of an expected success is read and dropped, an error
 * body is kept to classify it. Resolves null when the run itself was stopped meanwhile (the
 * engine destroys its pools on abort): an aborted request says nothing about the target.
 */
export function fire(pool: Dispatcher, plan: RequestPlan, timeoutMs: number, cancelled: AbortSignal): Promise<Answer | null> {
  return new Promise((resolve) => {
    let status = 0;
    let keep = false;
    let size = 0;
    const chunks: Buffer[] = [];
    pool.dispatch({
      method: plan.method as Dispatcher.HttpMethod, path: plan.path, headers: plan.headers, body: plan.body ?? null,
      headersTimeout: timeoutMs, bodyTimeout: timeoutMs,
    }, {
      // The handler interface a Pool's dispatch takes as is (the newer one needs a wrapper per request).
      onConnect() {},
      onHeaders(statusCode) {
        status = statusCode;
        keep = !(statusCode < 400 && plan.expect.includes(statusCode));
        return true;
      },
      onData(chunk) {
        if (keep && size < KEEP_BYTES) { chunks.push(chunk); size += chunk.length; }
        return true;
      },
      onComplete() {
        if (!keep) { resolve({ outcome: status === plan.expect[0] ? 'ok' : 'expected', status }); return; }
        const text = Buffer.concat(chunks).toString('utf8');
        const outcome = classify(status, text, plan.expect);
        resolve(outcome === 'ok' ? { outcome, status } : { outcome, status, excerpt: text.slice(0, EXCERPT) });
      },
      onError(error) {
        resolve(cancelled.aborted ? null : { outcome: classifyError(error), excerpt: String(error?.message ?? error).slice(0, EXCERPT) });
      },
    });
  });
}
