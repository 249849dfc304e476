import type { CheckContext } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import { inBatches } from '../../../src/clients/http';
import { exampleOf, pathOf, tokenOf } from '../../integration/support/requests';
import type { Classified } from '../../../src/catalog/answers';
import { askRaw } from './ask';
import type { RawReply } from './http';
import { serviceBase } from './probes';

/**
 * The answers of every query endpoint's example (and I1 login), fetched once per run and region
 * and shared by SEC-DATA-EXPOSURE and SEC-SECRETS-RESPONSES. Commands are not sent: a query
 * answer is where stored data comes back out.
 */

/** One example's answer, classified: `reply` is null when none came back; judge only `answer.expected` ones. */
export interface CollectedResponse { endpoint: Endpoint; reply: RawReply | null; answer: Classified }

const collected = new Map<string, Promise<CollectedResponse[]>>();

/** Answers of the examples that must come back from their routes before a scan of them says anything. */
export const INSPECTED_AT_LEAST = 12;

export const exposedEndpoints = (): Endpoint[] => CATALOG.filter((e) => e.kind === 'query' || e.id === 'I1');

export function queryResponses(ctx: CheckContext): Promise<CollectedResponse[]> {
  const key = `${ctx.runId}\u0000${ctx.region.name}`;
  let result = collected.get(key);
  if (!result) {
    if (collected.size >= 32) collected.delete(collected.keys().next().value!);
    result = inBatches(exposedEndpoints(), 4, async (endpoint) => {
      const example = await exampleOf(ctx, endpoint);
      const token = example.as ? await tokenOf(ctx, ctx.fixtures!.users[example.as]) : null;
      const { res, answer } = await askRaw(ctx, { route: endpoint }, {
        method: endpoint.method,
        url: serviceBase(ctx, endpoint.service) + pathOf(endpoint, example.params, example.query),
        body: example.body === undefined ? undefined : JSON.stringify(example.body),
        token,
        note: `${endpoint.id} ${endpoint.method} ${endpoint.path}`,
        endpoint: endpoint.id,
      });
      return { endpoint, reply: res, answer };
    });
    result.catch(() => collected.delete(key));
    collected.set(key, result);
  }
  return result;
}
