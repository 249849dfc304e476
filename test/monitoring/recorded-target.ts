import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Target } from '../../src/profile/target';
import { testTarget } from '../run/fixture-target';

const RECORDED = path.join(path.dirname(fileURLToPath(import.meta.url)), 'recorded');
export const recorded = (name: string): string => readFileSync(path.join(RECORDED, name), 'utf8');

export const AUTH = `Basic ${Buffer.from('ops:recorded-pass').toString('base64')}`;

/**
 * A stand-in for a deployment's monitoring that nobody here built: answers recorded from a real
 * Prometheus 2.42 (test/monitoring/recorded/prometheus-*.json), Grafana answers shaped as its API
 * documents them, and a query_range the test supplies — all behind basic auth, loopback only.
 */
export interface RecordedMonitoring {
  url: string;
  /** Replace or add an answer for a path (with query string), e.g. a Grafana dashboard. */
  answer(pathAndQuery: string, body: unknown): void;
  queryRange?: (params: URLSearchParams) => unknown;
  stop(): Promise<void>;
}

export async function startRecordedMonitoring(): Promise<RecordedMonitoring> {
  const answers = new Map<string, string>([
    ['/api/v1/rules?type=alert', recorded('prometheus-rules.json')],
    ['/api/v1/targets?state=active', recorded('prometheus-targets.json')],
    ['/api/v1/label/__name__/values', recorded('prometheus-names.json')],
    ['/api/v1/metadata', recorded('prometheus-metadata.json')],
    ['/api/v1/status/buildinfo', recorded('prometheus-buildinfo.json')],
  ]);
  const state: RecordedMonitoring = { url: '', answer: (p, body) => answers.set(p, JSON.stringify(body)), stop: async () => undefined };
  const server = http.createServer((req, res) => {
    if (req.headers.authorization !== AUTH) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="recorded"' }).end('Unauthorized\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/v1/query_range' && state.queryRange) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: state.queryRange(url.searchParams) }));
      return;
    }
    const body = answers.get(url.pathname + url.search) ?? answers.get(url.pathname);
    if (body === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
    else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.stop = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return state;
}

/** A target whose monitoring section points at the recorded endpoints. */
export function recordedTarget(url: string, monitoring: Partial<NonNullable<Target['monitoring']>> = {}, extra: Partial<Target> = {}): Target {
  const endpoint = { url, httpUrl: url, authorization: AUTH };
  return {
    ...testTarget(),
    monitoring: { prometheus: endpoint, alertmanager: null, grafana: null, ca: null, dashboards: [], runbookBase: null, uptimeQuery: null, ...monitoring },
    ...extra,
  };
}
