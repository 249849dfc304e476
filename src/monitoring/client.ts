import { send, type HttpExchange } from '../clients/http';
import type { MonitoringEndpointTarget } from '../profile/target';

/**
 * Reads of the deployment's monitoring APIs (formats.md §1–§3): Prometheus /api/v1, Alertmanager
 * /api/v2, Grafana /api. Every exchange is kept as evidence (credentials redacted by the HTTP
 * client); an answer that is not the documented envelope is an error naming what came back.
 */
export class MonitoringApiError extends Error {
  constructor(message: string, readonly exchange: HttpExchange) {
    super(message);
    this.name = 'MonitoringApiError';
  }
}

export interface ApiClient {
  endpoint: MonitoringEndpointTarget;
  get(path: string, opts?: { anonymous?: boolean; note?: string }): Promise<HttpExchange>;
}

export function apiClient(endpoint: MonitoringEndpointTarget, ca: string | null, timeoutMs: number): ApiClient {
  return {
    endpoint,
    get: (path, opts = {}) => send({
      method: 'GET', baseUrl: endpoint.url, path, ca, timeoutMs,
      authorization: opts.anonymous || !endpoint.authorization ? undefined : endpoint.authorization,
      note: opts.note,
    }),
  };
}

/** `data` of a Prometheus `{"status":"success","data":…}` answer; anything else throws with the exchange. */
export async function promData<T>(client: ApiClient, path: string, note?: string): Promise<{ data: T; exchange: HttpExchange }> {
  const exchange = await client.get(path, { note });
  const body = exchange.body as { status?: string; data?: T; error?: string } | undefined;
  if (exchange.status !== 200 || body?.status !== 'success') {
    throw new MonitoringApiError(`GET ${client.endpoint.url}${path} answered ${exchange.status}${body?.error ? `: ${body.error}` : ''} (expected 200 with status "success")`, exchange);
  }
  return { data: body.data as T, exchange };
}

/** A JSON answer with status 200 (Alertmanager v2, Grafana); anything else throws with the exchange. */
export async function jsonOk<T>(client: ApiClient, path: string, note?: string): Promise<{ data: T; exchange: HttpExchange }> {
  const exchange = await client.get(path, { note });
  if (exchange.status !== 200 || exchange.body === undefined) {
    throw new MonitoringApiError(`GET ${client.endpoint.url}${path} answered ${exchange.status} (expected 200 with a JSON body)`, exchange);
  }
  return { data: exchange.body as T, exchange };
}

export interface PromAlertingRule {
  type: 'alerting' | 'recording';
  name: string;
  query: string;
  health?: string;
  lastError?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  state?: string;
}
export interface PromRuleGroup { name: string; file: string; rules: PromAlertingRule[] }

export async function alertingRules(client: ApiClient): Promise<{ rules: Array<PromAlertingRule & { group: string }>; exchange: HttpExchange }> {
  const { data, exchange } = await promData<{ groups: PromRuleGroup[] }>(client, '/api/v1/rules?type=alert', 'alerting rules');
  const rules = (data.groups ?? []).flatMap((g) => (g.rules ?? []).filter((r) => r.type === 'alerting').map((r) => ({ ...r, group: g.name })));
  return { rules, exchange };
}

export interface PromTarget { health: string; labels: Record<string, string>; scrapePool: string; lastError: string; lastScrape: string; scrapeUrl: string }

export async function activeTargets(client: ApiClient): Promise<PromTarget[]> {
  return (await promData<{ activeTargets: PromTarget[] }>(client, '/api/v1/targets?state=active', 'scrape targets')).data.activeTargets ?? [];
}

/**
 * The metric names the targets export: every series name Prometheus holds plus every name it
 * read HELP/TYPE metadata for (a labelled counter with no sample yet still exports its name).
 */
export async function exportedMetricNames(client: ApiClient): Promise<Set<string>> {
  const [names, metadata] = await Promise.all([
    promData<string[]>(client, '/api/v1/label/__name__/values', 'metric names'),
    promData<Record<string, unknown>>(client, '/api/v1/metadata', 'metric metadata'),
  ]);
  return new Set([...names.data, ...Object.keys(metadata.data)]);
}

export interface PromAlert { labels: Record<string, string>; annotations?: Record<string, string>; state: string; activeAt?: string }

export async function firingAlerts(client: ApiClient): Promise<PromAlert[]> {
  return (await promData<{ alerts: PromAlert[] }>(client, '/api/v1/alerts', 'alerts')).data.alerts ?? [];
}
