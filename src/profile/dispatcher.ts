import type { Dispatcher } from 'undici';
import { agentFor } from '../clients/agents';
import type { RegionTarget } from './target';

/**
 * The undici dispatcher for a region: its `ca` (extra trusted CA) and `connectTo` (dial this
 * host:port, keep the URL's host name for SNI, certificate checks and the Host header). The pools
 * and their keep-alive rules live in src/clients/agents.ts, shared with the checks' HTTP clients.
 */
export { splitHostPort } from '../clients/agents';

export function regionDispatcher(region: RegionTarget): Dispatcher {
  return agentFor(region);
}
