import type { CheckContext } from '../../../src/checks/define';
import { send, type HttpExchange } from '../../../src/clients/http';
import type { EvidenceItem } from '../../../src/evidence/types';
import { activeTargets, apiClient, MonitoringApiError, type ApiClient } from '../../../src/monitoring/client';
import type { MonitoringEndpointTarget, MonitoringTarget } from '../../../src/profile/target';

export type EndpointName = 'prometheus' | 'alertmanager' | 'grafana';

export function monitoringOf(ctx: CheckContext): MonitoringTarget {
  if (!ctx.target.monitoring) throw new Error('the profile has no monitoring section');
  return ctx.target.monitoring;
}

/** A client for one monitoring endpoint, or the precise reason there is none. */
export function clientFor(ctx: CheckContext, name: EndpointName): ApiClient | string {
  const m = monitoringOf(ctx);
  const endpoint: MonitoringEndpointTarget | null = m[name];
  if (!endpoint) return `the profile's monitoring section has no \`${name}\` endpoint`;
  return apiClient(endpoint, m.ca, ctx.limits.requestMs);
}

/**
 * Prometheus scrapes within seconds of starting; a check asking what the targets export waits
 * (bounded) until every active target had its first scrape. Each target's first scrape lands at
 * its own offset within the interval, so one scraped target says nothing of the others' metrics.
 * None scraped by the deadline is itself the answer.
 */
export async function scrapedTargets(ctx: CheckContext, prom: ApiClient, timeoutMs = 20_000) {
  const deadline = Math.min(Date.now() + timeoutMs, ctx.limits.deadline - 5_000);
  for (;;) {
    const targets = await activeTargets(prom);
    const scraped = targets.filter((t) => t.lastScrape && !t.lastScrape.startsWith('0001-'));
    const allScraped = targets.length > 0 && scraped.length === targets.length;
    if (allScraped || Date.now() >= deadline) return { targets, scraped };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The evidence of an API failure, whichever way it came. */
export function apiEvidence(error: unknown): EvidenceItem[] {
  return error instanceof MonitoringApiError ? [error.exchange.evidence] : [];
}

export function exchangeEvidence(...exchanges: HttpExchange[]): EvidenceItem[] {
  return exchanges.map((e) => e.evidence);
}

/** A call to the sandbox's control endpoint (kill/restart parts, read deliveries); non-200 throws. */
export async function control<T = Record<string, unknown>>(ctx: CheckContext, method: string, path: string, evidence: EvidenceItem[]): Promise<T> {
  const res = await send({ method, baseUrl: ctx.target.sandboxControl!, path, timeoutMs: 60_000, note: `control ${method} ${path}` });
  evidence.push(res.evidence);
  if (res.status !== 200) throw new Error(`the sandbox control endpoint answered ${res.status} to ${method} ${path}: ${res.text.slice(0, 200)}`);
  return res.body as T;
}
