import type { Pool } from 'undici';
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

/**
 * Sends one request on a keep-alive pool and classifies the answer. Returns null when the run
 * itself was stopped meanwhile: an aborted request says nothing about the target.
 */
export async function fire(pool: Pool, plan: RequestPlan, timeoutMs: number, signal: AbortSignal): Promise<Answer | null> {
  try {
    const res = await pool.request({
      method: plan.method as 'GET',
      path: plan.path,
      headers: plan.headers,
      body: plan.body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal,
    });
    const text = await res.body.text();
    const outcome = classify(res.statusCode, text, plan.expect);
    return outcome === 'ok' ? { outcome, status: res.statusCode } : { outcome, status: res.statusCode, excerpt: text.slice(0, EXCERPT) };
  } catch (error) {
    if (signal.aborted) return null;
    return { outcome: classifyError(error), excerpt: String((error as Error)?.message ?? error).slice(0, EXCERPT) };
  }
}
