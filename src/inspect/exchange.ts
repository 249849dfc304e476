import type { Component } from '../evidence/types';
import type { Target } from '../profile/target';
import type { RecordedExchange } from '../run/exchange-log';

/** Reading recorded exchanges: header values, the JSON body, what the client sent, who answered. */

export function header(x: RecordedExchange, name: string): string | undefined {
  return x.responseHeaders[name.toLowerCase()]?.[0];
}

/** The parsed JSON body, or undefined (not JSON, cut at the log's body limit, or empty). */
export function jsonBody(x: RecordedExchange): unknown {
  if (x.bodyTruncated || x.body.trim() === '') return undefined;
  try {
    return JSON.parse(x.body);
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Everything the client sent that an answer may legitimately quote back: the URL (raw and decoded) and the request text. */
export function clientInput(x: RecordedExchange): string {
  return [x.url, safeDecode(x.url), x.evidence.request ?? ''].join('\n');
}

/** The monitoring stack's endpoints (Prometheus, Alertmanager, Grafana behind their auth proxy). */
function fromMonitoring(x: RecordedExchange, target: Target): boolean {
  const m = target.monitoring;
  const bases = m ? [m.prometheus, m.alertmanager, m.grafana].flatMap((e) => (e ? [e.url, e.httpUrl] : [])) : [];
  return bases.some((base) => x.url.startsWith(base.replace(/\/+$/, '')));
}

/**
 * Who produced the answer. The monitoring stack's answers are its own; through an edge, answers to
 * paths outside the seven prefixes and the edge's own statuses (429 rate limit, 502/503/504 from
 * the proxy) are the edge's; answers from a worker's metrics port are the worker's; everything else
 * is the service's.
 */
export function componentOf(x: RecordedExchange, target: Target): Component {
  if (fromMonitoring(x, target)) return 'monitoring';
  const region = target.regions.find((r) => r.name === x.region);
  const edge = region?.edgeUrl ?? null;
  if (edge && x.url.startsWith(edge)) {
    const rest = x.url.slice(edge.replace(/\/$/, '').length);
    const prefixed = /^\/(identity|tokenomics|organization|loanpool|governance|admin|tax)(?:\/|$|\?)/.test(rest);
    if (!prefixed || [429, 502, 503, 504].includes(x.status)) return 'edge';
  }
  if (/^(INF-5|INF-6)$/.test(x.endpoint ?? '')) return 'worker';
  return 'service';
}
