import type { CheckDef } from '../checks/define';

/**
 * Time budgets that scale with distance. A check's own limit (or the run's) is what it needs on a
 * near target; every request it sends after the previous answer costs one more round trip on a
 * far one. So the limit grows by (sequential requests × the region's measured RTT), and each
 * request's timeout by a few RTTs (a fresh connection spends one on TCP and one or two on TLS).
 */

/** For checks that give no estimate: about what a contract or authorization check sends in a row. */
export const DEFAULT_SEQUENTIAL_REQUESTS = 40;
/** Round trips a single request may need beyond its own: connect, TLS, the exchange. */
const REQUEST_RTTS = 3;

export interface Budget {
  checkMs: number;
  requestMs: number;
  rttMs: number;
  sequentialRequests: number;
  /** "60 s + 40 sequential requests × 502 ms RTT = 80.1 s", for the check's measurements. */
  text: string;
}

export function timeBudget(def: Pick<CheckDef, 'sequentialRequests'>, baseCheckMs: number, baseRequestMs: number, rttMs: number | undefined): Budget {
  const rtt = Math.max(0, rttMs ?? 0);
  const sequentialRequests = def.sequentialRequests ?? DEFAULT_SEQUENTIAL_REQUESTS;
  const checkMs = Math.round(baseCheckMs + sequentialRequests * rtt);
  const requestMs = Math.round(baseRequestMs + REQUEST_RTTS * rtt);
  const s = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  return {
    checkMs, requestMs, rttMs: rtt, sequentialRequests,
    text: `${s(baseCheckMs)} + ${sequentialRequests} sequential requests × ${Math.round(rtt * 10) / 10} ms RTT = ${s(checkMs)}`,
  };
}
