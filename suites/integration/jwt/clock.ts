import type { CheckContext } from '../../../src/checks/define';
import { sendInRegion } from '../support/requests';
import { now } from './forge';

/**
 * The target's clock in epoch seconds, from the `Date` header of its /health answer (one-second
 * resolution): tolerance edges (AUTH-2's 30 s on exp and nbf) are placed against the clock that
 * judges them, not the runner's. Falls back to the runner's clock when no Date header comes back.
 */
export async function serverNow(ctx: CheckContext): Promise<{ seconds: number; source: 'target' | 'runner' }> {
  try {
    const res = await sendInRegion(ctx, { method: 'GET', baseUrl: ctx.region.serviceUrl('identity'), path: '/health', note: 'the target\'s clock (Date header)' });
    const date = Date.parse(res.headers.date ?? '');
    if (Number.isFinite(date)) return { seconds: Math.floor(date / 1000), source: 'target' };
  } catch {
    // no answer: the runner's clock
  }
  return { seconds: now(), source: 'runner' };
}
