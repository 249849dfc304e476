import type { CheckContext } from '../../../src/checks/define';
import type { Asked } from '../../../src/catalog/answers';
import { endpointById } from '../../../src/catalog/index';
import { SERVICE_KEYS, type ServiceKey } from '../../../src/catalog/services';

/** Where the security checks send their probes in a region (edge or direct services). */

export interface Probe {
  label: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Who should answer it: a route, a service outside the catalog, or the edge itself. */
  asked: Asked;
  /** Endpoint id for findings about its answer (`#3`, `INF-1`, `edge`), or null. */
  endpoint: string | null;
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
    probes.push({ label: `${service} /health`, url: `${base}/health`, asked: { service }, endpoint: 'INF-1' });
    probes.push({ label: `${service} unknown route`, url: `${base}/api/v1/gxv-no-such-route`, asked: { service }, endpoint: null });
  }
  probes.push({
    label: 'tokenomics without token', url: `${serviceBase(ctx, 'tokenomics')}/api/v1/wallets/gxv-nobody/balance`,
    asked: { route: endpointById('#3') }, endpoint: '#3',
  });
  probes.push({
    label: 'identity malformed JSON', url: `${serviceBase(ctx, 'identity')}/api/v1/auth/login`, method: 'POST',
    headers: { 'content-type': 'application/json' }, body: '{"email": ', asked: { route: endpointById('I1') }, endpoint: 'I1',
  });
  if (ctx.region.edgeUrl) {
    probes.push({ label: 'edge /health', url: `${edgeBase(ctx)}/health`, asked: { edge: true }, endpoint: 'INF-7' });
    probes.push({ label: 'edge unknown path', url: `${edgeBase(ctx)}/gxv-no-such-prefix`, asked: { edge: true }, endpoint: 'edge' });
  }
  return probes;
}
