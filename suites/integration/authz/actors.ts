import type { Actor, Endpoint } from '../../../src/catalog/types';
import type { Role } from '../../../src/profile/target';
import type { FixtureWorld } from '../../../src/fixtures/types';
import type { EndpointRequest } from '../support/requests';

/** Which fixture identity stands for a role, and who is "not the owner" of userA's objects. */

export const ACTOR_OF_ROLE: Record<Role, Exclude<Actor, null>> = {
  USER: 'userA', ADMIN: 'admin', SUPER_ADMIN: 'superAdmin', PARTNER_API: 'partner',
};

/** For the stakeholder rule (#10, #11): a USER who is no stakeholder of any fixture organization. */
export const NON_STAKEHOLDER: Exclude<Actor, null> = 'frozen';

/**
 * A non-owner of the example's objects: userB, unless userB is named in the owned field
 * (#8's stakeholderIds holds userA and userB) or the rule is the stakeholder rule.
 */
export function nonOwner(endpoint: Endpoint, w: FixtureWorld, req: EndpointRequest): Exclude<Actor, null> {
  const rule = endpoint.ownership;
  if (rule?.kind === 'stakeholder') return NON_STAKEHOLDER;
  if (rule?.kind === 'body-array') {
    const list = (req.body as Record<string, unknown> | undefined)?.[rule.field];
    if (Array.isArray(list) && list.includes(w.users.userB.profileId)) return NON_STAKEHOLDER;
  }
  return 'userB';
}

/** The example re-targeted at `actor`'s own objects where the route is path-owned. */
export function ownRequest(endpoint: Endpoint, w: FixtureWorld, req: EndpointRequest, actor: Exclude<Actor, null>): EndpointRequest {
  const rule = endpoint.ownership;
  if (rule?.kind !== 'path') return { ...req, as: actor };
  return { ...req, as: actor, params: { ...req.params, [rule.param]: w.users[actor].profileId } };
}
