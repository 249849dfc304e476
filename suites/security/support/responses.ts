import type { CheckContext } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import { inBatches } from '../../../src/clients/http';
import { exampleOf, pathOf, tokenOf } from '../../integration/support/requests';
import { sendRaw, type RawReply } from './http';
import { serviceBase } from './probes';

/**
 * The answers of every query endpoint's example (and I1 login), fetched once per run and region
 * and shared by SEC-DATA-EXPOSURE and SEC-SECRETS-RESPONSES. Commands are not sent: a query
 * answer is where stored data comes back out.
 */

export interface CollectedResponse { endpoint: Endpoint; reply: RawReply }

const collected = new Map<string, Promise<CollectedResponse[]>>();

export const exposedEndpoints = (): Endpoint[] => CATALOG.filter((e) => e.kind === 'query' || e.id === 'I1');

export function queryResponses(ctx: CheckContext): Promise<CollectedResponse[]> {
  const key = `${ctx.runId}\u0000${ctx.region.name}`;
  let result = collected.get(key);
  if (!result) {
    if (collected.size >= 32) collected.delete(collected.keys().next().value!);
    result = inBatches(exposedEndpoints(), 4, async (endpoint) => {
      const example = await exampleOf(ctx, endpoint);
      const token = example.as ? await tokenOf(ctx, ctx.fixtures!.users[example.as]) : null;
      const reply = await sendRaw(ctx.region, {
        method: endpoint.method,
        url: serviceBase(ctx, endpoint.service) + pathOf(endpoint, example.params, example.query),
        body: example.body === undefined ? undefined : JSON.stringify(example.body),
        token,
        note: `${endpoint.id} ${endpoint.method} ${endpoint.path}`,
      });
      return { endpoint, reply };
    });
    result.catch(() => collected.delete(key));
    collected.set(key, result);
  }
  return result;
}
