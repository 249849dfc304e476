import type { CheckContext } from '../../../src/checks/define';
import type { Asked } from '../../../src/catalog/answers';
import type { ServiceKey } from '../../../src/catalog/services';
import { classified, sentTo, type Reply } from '../../integration/support/answers';
import { sendRaw, type RawReply, type RawRequest } from './http';

/**
 * The security client with classified answers: `asked` names who should answer (a route, a service,
 * the edge itself), so edge pages and unrouted 404s are never judged as a service's answer.
 */
export function askRaw(ctx: CheckContext, asked: Asked, req: RawRequest): Promise<Reply<RawReply>> {
  const service: ServiceKey | null = 'route' in asked ? asked.route.service : 'service' in asked ? asked.service : null;
  const sent = sentTo(ctx, req.url, req.method ?? 'GET', service);
  return classified(asked, sent, () => sendRaw(ctx.region, req));
}
