import { defineCheck, skip } from '../../../src/checks/define';
import { MESSAGES } from '../../../src/catalog/envelope';
import { endpointById } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import type { FixtureWorld } from '../../../src/fixtures/types';
import { exampleItems } from '../../../src/fixtures/uses';
import { askRoute } from '../support/answers';
import { brief, isObject } from '../support/envelope';
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
  /** What the contract lets answer first, as `status` or `status message`. */
  first: Array<{ status: number; message?: string }>;
  /** The ordering is a SHOULD here (role gate before body validation). */
  should?: boolean;
}

const CASES: OrderCase[] = [
  {
    how: 'malformed JSON without a token', route: FREEZE, as: null,
    request: (w) => ({ as: null, params: { walletId: w.users.frozen.walletId }, raw: '{"reason": "gxv', contentType: 'application/json' }),
    // Body-level errors first; after authentication is also acceptable.
    first: [{ status: 400, message: MESSAGES.malformedJson }, { status: 401 }],
  },
  {
    how: 'no token and an invalid idempotency key', route: FREEZE, as: null,
    request: (w) => ({ as: null, params: { walletId: w.users.frozen.walletId }, body: { reason: `${w.namespace} order` }, headers: BAD_KEY }),
    first: [{ status: 401 }],
  },
  {
    how: 'a USER token (role not allowed) and an invalid idempotency key', route: FREEZE, as: 'userA',
    request: (w) => ({ as: 'userA', params: { walletId: w.users.frozen.walletId }, body: { reason: `${w.namespace} order` }, headers: BAD_KEY }),
    first: [{ status: 403, message: MESSAGES.forbiddenRole }],
  },
  {
    how: 'a USER token (role not allowed) and a body without reason', route: FREEZE, as: 'userA',
    request: (w) => ({ as: 'userA', params: { walletId: w.users.frozen.walletId }, body: {} }),
    first: [{ status: 403, message: MESSAGES.forbiddenRole }],
    should: true,
  },
  {
    how: 'an ADMIN token, a body without reason and an unknown walletId', route: FREEZE, as: 'admin',
    request: (w) => ({ as: 'admin', params: { walletId: `${w.namespace}-no-such-wallet` }, body: {} }),
    // Shape before existence: the 400 of the missing field, not the 404.
    first: [{ status: 400, message: 'Reason is required' }],
  },
  {
    how: 'another user\'s path id and a body without any field', route: KYC, as: 'userA',
    request: (w) => ({ as: 'userA', params: { id: w.users.userB.profileId }, body: {} }),
    // AUTHZ-2: a path-owned route checks ownership right after authentication.
    first: [{ status: 403, message: 'You can only submit KYC for your own account' }],
  },
];

const fits = (status: number, message: unknown, allowed: OrderCase['first']) =>
  allowed.some((a) => a.status === status && (a.message === undefined || a.message === message));
const shown = (allowed: OrderCase['first']) => allowed.map((a) => (a.message ? `${a.status} "${a.message}"` : `${a.status}`)).join(' or ');

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
      const message = isObject(res.body) ? res.body.message : undefined;
      if (fits(res.status, message, c.first)) { problems.sample(res); continue; }
      problems.add({
        rule: 'ERR-6', advisory: c.should, endpoint: c.route.id,
        text: `${c.route.id} with ${c.how}: answered ${brief(res)}; the contract's check order answers ${shown(c.first)} first`,
      }, res);
    }
    return problems.finish(`${CASES.length} requests wrong in two ways answered in the contract's check order`,
      'the first error in ERR-6 order', { minJudged: CASES.length });
  },
});
