import type { CheckContext } from '../../../src/checks/define';
import { classifyAnswer, isTransportError, noAnswer, type Asked, type Classified, type Sent } from '../../../src/catalog/answers';
import type { Endpoint } from '../../../src/catalog/types';
import type { ServiceKey } from '../../../src/catalog/services';
import type { HttpExchange, HttpRequest } from '../../../src/clients/http';
import { pathOf, sendInRegion, sendTo, type EndpointRequest } from './requests';

/**
 * Requests whose answers come back classified (src/catalog/answers): the check learns whether the
 * producer it asked answered, and a request that got no answer at all (timeout, reset) is an
 * unusable answer instead of an exception that would lose everything found so far.
 */

/** Where a URL sits in this region: on the edge (behind which prefix) or straight on a service. */
export function sentTo(ctx: CheckContext, url: string, method: string, service: ServiceKey | null): Sent {
  const u = new URL(url);
  const viaEdge = ctx.region.edgeUrl !== null && u.origin === new URL(ctx.region.edgeUrl).origin;
  const prefix = service ? new URL(ctx.region.serviceUrl(service)).pathname.replace(/\/+$/, '') : '';
  return { method: method.toUpperCase(), path: u.pathname, prefix: prefix && u.pathname.startsWith(prefix) ? prefix : '', viaEdge };
}

export interface Reply<T> {
  /** The answer, or null when none came back. */
  res: T | null;
  answer: Classified;
}

/** Runs `send`, classifying its answer; transport failures become a classified non-answer. */
export async function classified<T extends { status: number; headers: Record<string, string | string[]>; text: string }>(
  asked: Asked, sent: Sent, send: () => Promise<T>,
): Promise<Reply<T>> {
  try {
    const res = await send();
    return { res, answer: classifyAnswer(res, asked, sent) };
  } catch (error) {
    if (!isTransportError(error)) throw error;
    return { res: null, answer: noAnswer(error, sent.viaEdge) };
  }
}

/** A catalog request, answered (or not) by the route's own handler. */
export function askRoute(ctx: CheckContext, endpoint: Endpoint, req: EndpointRequest): Promise<Reply<HttpExchange>> {
  const path = req.path ?? pathOf(endpoint, req.params, req.query);
  const sent = sentTo(ctx, ctx.region.serviceUrl(endpoint.service) + path, endpoint.method, endpoint.service);
  return classified({ route: endpoint }, sent, () => sendTo(ctx, endpoint, req));
}

/** A request to a service outside the catalog (INF routes, unknown paths, unsupported methods). */
export function askService(ctx: CheckContext, service: ServiceKey, req: Omit<HttpRequest, 'baseUrl'>): Promise<Reply<HttpExchange>> {
  const baseUrl = ctx.region.serviceUrl(service);
  const sent = sentTo(ctx, baseUrl + req.path, req.method, service);
  return classified({ service }, sent, () => sendInRegion(ctx, { ...req, baseUrl }));
}
