import type { CheckContext } from '../../../src/checks/define';
import type { Actor } from '../../../src/catalog/types';
import { tokenCacheOf } from '../../../src/profile/token-cache';
import { tokenOf } from '../../integration/support/requests';

/**
 * A token for probes that must get past authentication: a fixture identity when the world is
 * seeded, else (mint mode) a token for a synthetic SUPER_ADMIN that owns nothing, else none.
 */
export async function probeToken(ctx: CheckContext, actor: Exclude<Actor, null> = 'superAdmin'): Promise<string | null> {
  // `in`: an identity the run could not seed is absent here, and the fallback below applies.
  if (ctx.fixtures && actor in ctx.fixtures.users) return tokenOf(ctx, ctx.fixtures.users[actor]);
  if (ctx.target.auth.mode !== 'mint') return null;
  return tokenCacheOf(ctx.target).get('synthetic-probe-super-admin', () => ctx.target.auth.accessToken({ profileId: 'gxv-sec-probe', role: 'SUPER_ADMIN', tenantId: ctx.target.tenantId }));
}
