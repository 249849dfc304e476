import { defineCheck, skip } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import type { FixtureWorld } from '../../../src/fixtures/types';
import { exampleItems } from '../../../src/fixtures/uses';
import { askRoute } from '../support/answers';
import { brief } from '../support/envelope';
import { Problems } from '../support/problems';
import { tokenOf, world, type EndpointRequest } from '../support/requests';
import { ROUTED } from '../support/routing';

/**
 * ERR-6: two faults in one request, and the answer must be the one the contract orders first.
 * #6 (freeze, ADMIN/SUPER_ADMIN, body `{reason}`) carries the role, key, shape and existence
 * cases; I7 (KYC, path-owned) the ownership case. Every request is wrong at least twice, so a
 * correct target writes nothing; the key sent is too short to be valid (IDEM-2).
 */

const FREEZE = endpointById('#6');
const KYC = endpointById('I7');
const BAD_KEY = { 'X-Idempotency-Key': 'short' };

interface OrderCase {
  how: string;
  route: Endpoint;
  /** Token of this fixture user, or none. */
  as: keyof FixtureWorld['users'] | null;
  request(w: FixtureWorld): EndpointRequest;
  /** The statuses the contract lets answer first (§0: the status tells the stages apart; wording is not compared). */
  first: number[];
  /** The ordering is a SHOULD here (role gate before body validation). */
  should?: boolean;
}

const CASES: OrderCase[] = [
  {
    how: 'malformed JSON without a token', route: FREEZE, as: null,
    request: (w) => ({ as: null, params: { walletId: w.users.frozen.walletId }, raw: '{"reason": "gxv', contentType: 'application/json' }),
    // Body-level errors first; after authentication is also acceptable.
    first: [400, 401],
  },
  {
    how: 'no token and an invalid idempotency key', route: FREEZE, as: null,
    request: (w) => ({ as: null, params: { walletId: w.users.frozen.walletId }, body: { reason: `${w.namespace} order` }, headers: BAD_KEY }),
    first: [401],
  },
  {
    how: 'a USER token (role not allowed) and an invalid idempotency key', route: FREEZE, as: 'userA',
    request: (w) => ({ as: 'userA', params: { walletId: w.users.frozen.walletId }, body: { reason: `${w.namespace} order` }, headers: BAD_KEY }),
    first: [403],
  },
  {
    how: 'a USER token (role not allowed) and a body without reason', route: FREEZE, as: 'userA',
    request: (w) => ({ as: 'userA', params: { walletId: w.users.frozen.walletId }, body: {} }),
    first: [403],
    should: true,
  },
  {
    how: 'an ADMIN token, a body without reason and an unknown walletId', route: FREEZE, as: 'admin',
    request: (w) => ({ as: 'admin', params: { walletId: `${w.namespace}-no-such-wallet` }, body: {} }),
    // Shape before existence: the 400 of the missing field, not the 404.
    first: [400],
  },
  {
    how: 'another user\'s path id and a body without any field', route: KYC, as: 'userA',
    request: (w) => ({ as: 'userA', params: { id: w.users.userB.profileId }, body: {} }),
    // AUTHZ-2: a path-owned route checks ownership right after authentication.
    first: [403],
  },
];

export const checkOrderCheck = defineCheck({
  id: 'INT-ERR-ORDER',
  layer: 'integration',
  title: 'Requests wrong in two ways get the error the contract checks first (body, auth, role, key, shape/ownership, existence)',
  criteria: ['IT-API-4'],
  needs: ['fixtures', 'writes'],
  rules: ['ERR-6'],
  dependsOn: ROUTED,
  fixtureItems: exampleItems([FREEZE, KYC]),
  minJudged: CASES.length,
  async run(ctx) {
    if (!ctx.target.allowWrites) return skip('the order cases are sent to command routes: they need allowWrites');
    const w = world(ctx);
    const problems = new Problems(ctx);
    for (const c of CASES) {
      const req = c.request(w);
      const token = c.as ? await tokenOf(ctx, w.users[c.as]) : null;
      const reply = await askRoute(ctx, c.route, { ...req, token, note: `ERR-6: ${c.route.id} with ${c.how}` });
      const res = problems.judge(reply);
      if (!res) continue;
      if (c.first.includes(res.status)) { problems.sample(res); continue; }
      problems.add({
        rule: 'ERR-6', advisory: c.should, endpoint: c.route.id,
        text: `${c.route.id} with ${c.how}: answered ${brief(res)}; the contract's check order answers ${c.first.join(' or ')} first`,
      }, res);
    }
    return problems.finish(`${CASES.length} requests wrong in two ways answered in the contract's check order`,
      'the first error in ERR-6 order', { minJudged: CASES.length });
  },
});
