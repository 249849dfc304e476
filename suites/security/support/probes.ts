import type { CheckContext } from '../../../src/checks/define';
import { SERVICE_KEYS, type ServiceKey } from '../../../src/catalog/services';

/** Where the security checks send their probes in a region (edge or direct services). */

export interface Probe {
  label: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The edge base URL (no trailing slash); only for regions with an edge. */
export function edgeBase(ctx: CheckContext): string {
  if (!ctx.region.edgeUrl) throw new Error(`region ${ctx.region.name} has no edge`);
  return ctx.region.edgeUrl.replace(/\/+$/, '');
}

export function serviceBase(ctx: CheckContext, service: ServiceKey): string {
  return ctx.region.serviceUrl(service).replace(/\/+$/, '');
}

/** A small spread of answers per service: success, unknown route, missing token, malformed JSON. */
export function responseSpread(ctx: CheckContext): Probe[] {
  const probes: Probe[] = [];
  for (const service of SERVICE_KEYS) {
    const base = serviceBase(ctx, service);
    probes.push({ label: `${service} /health`, url: `${base}/health` });
    probes.push({ label: `${service} unknown route`, url: `${base}/api/v1/gxv-no-such-route` });
  }
  probes.push({ label: 'tokenomics without token', url: `${serviceBase(ctx, 'tokenomics')}/api/v1/wallets/gxv-nobody/balance` });
  probes.push({
    label: 'identity malformed JSON', url: `${serviceBase(ctx, 'identity')}/api/v1/auth/login`, method: 'POST',
    headers: { 'content-type': 'application/json' }, body: '{"email": ',
  });
  if (ctx.region.edgeUrl) {
    probes.push({ label: 'edge /health', url: `${edgeBase(ctx)}/health` });
    probes.push({ label: 'edge unknown path', url: `${edgeBase(ctx)}/gxv-no-such-prefix` });
  }
  return probes;
}
