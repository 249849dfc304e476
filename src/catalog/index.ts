import type { Endpoint } from './types';
import type { ServiceKey } from './services';
import { identityEndpoints } from './identity';
import { tokenomicsEndpoints } from './tokenomics';
import { organizationEndpoints } from './organization';
import { loanpoolEndpoints } from './loanpool';
import { governanceEndpoints } from './governance';
import { adminEndpoints } from './admin';
import { taxEndpoints } from './tax';

/** The 47 business routes of contract §6 (I1–I8, #1–#39), in contract order. */
export const CATALOG: readonly Endpoint[] = [
  ...identityEndpoints,
  ...tokenomicsEndpoints,
  ...organizationEndpoints,
  ...loanpoolEndpoints,
  ...governanceEndpoints,
  ...adminEndpoints,
  ...taxEndpoints,
];

const byId = new Map<string, Endpoint>();
for (const endpoint of CATALOG) {
  if (byId.has(endpoint.id) || byId.has(endpoint.key)) throw new Error(`duplicate catalog id ${endpoint.id}`);
  byId.set(endpoint.id, endpoint);
  if (endpoint.key !== endpoint.id) byId.set(endpoint.key, endpoint);
}

/** Looks an endpoint up by contract id (`#12`, `I5`) or key (`E12`); throws on an unknown id. */
export function endpointById(id: string): Endpoint {
  const endpoint = findEndpoint(id);
  if (!endpoint) throw new Error(`unknown endpoint id ${id}`);
  return endpoint;
}

/** The endpoint with that contract id or key, if the catalog has one (e.g. for a recorded exchange). */
export function findEndpoint(id: string): Endpoint | undefined {
  return byId.get(id);
}

export function endpointsOf(service: ServiceKey): Endpoint[] {
  return CATALOG.filter((e) => e.service === service);
}

/** Fills a path template: `/api/v1/users/:id` + {id: 'u1'} → `/api/v1/users/u1` (values URL-encoded). */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(value);
  });
}

export type { Endpoint } from './types';
