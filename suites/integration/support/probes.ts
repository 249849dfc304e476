import type { Endpoint } from '../../../src/catalog/types';
import { CATALOG } from '../../../src/catalog/index';
import type { FixtureWorld } from '../../../src/fixtures/types';
import type { EndpointRequest } from './requests';

/** Catalog selections and "harmless" requests shared by the auth, authz and validation checks. */

export const authenticated = (): Endpoint[] => CATALOG.filter((e) => e.access !== 'public');
export const commands = (): Endpoint[] => CATALOG.filter((e) => e.kind === 'command');
export const queries = (): Endpoint[] => CATALOG.filter((e) => e.kind === 'query');

/** An id guaranteed to name nothing, chosen by the path parameter's meaning. */
export function missingId(w: FixtureWorld, param: string): string {
  switch (param) {
    case 'id': case 'profileId': case 'borrowerId': return w.missing.profileId;
    case 'walletId': return w.missing.walletId;
    case 'orgId': return w.missing.orgId;
    case 'loanId': return w.missing.loanId;
    case 'proposalId': return w.missing.proposalId;
    case 'paramId': return w.missing.paramId;
    case 'countryCode': return w.missing.countryCode;
    case 'pendingTxId': return `multisig-${w.missing.orgId}-missing`;
    case 'accountId': return `${w.namespace}-missing-account`;
    default: return `${w.namespace}-missing-${param}`;
  }
}

export function pathParams(endpoint: Endpoint): string[] {
  return [...endpoint.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
}

/**
 * A request that a correct target answers without writing anything, whoever sends it:
 * queries as in the example; commands with a body get `{}` (→ 400 after the auth and role
 * gates); commands without a body name unknown path objects (→ 404). Only #25 and #29 (no body,
 * no path) stay as they are: they are SUPER_ADMIN-only, so non-admin actors get 403.
 * Used to see the authentication/role gate answer without side effects.
 */
export function gateProbe(endpoint: Endpoint, w: FixtureWorld): EndpointRequest {
  const example = endpoint.example(w);
  if (endpoint.kind !== 'command') {
    const body = example.refreshTokenOf ? { refreshToken: 'x' } : example.body;
    return { ...example, body };
  }
  if (endpoint.request.body) return { as: example.as, params: example.params, body: {} };
  const params = Object.fromEntries(pathParams(endpoint).map((p) => [p, missingId(w, p)]));
  return { as: example.as, params };
}

/** Commands whose gate probe would write when sent by an allowed role (no body, no path). */
export const unprobeable = (endpoint: Endpoint): boolean =>
  endpoint.kind === 'command' && !endpoint.request.body && pathParams(endpoint).length === 0;
