import { defineCheck } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { askRoute } from '../support/answers';
import { brief, brokenRule, envelopeProblem } from '../support/envelope';
import { Problems } from '../support/problems';
import { freshRefreshToken, tokenOf, world } from '../support/requests';
import { ROUTED } from '../support/routing';
import { JWT_CRITERIA } from './matrix';

/** AUTH-3 and AUTH-7: I2 accepts only unrevoked refresh tokens. */

export const accessAtRefreshCheck = defineCheck({
  id: 'INT-JWT-ACCESS-AT-REFRESH',
  layer: 'integration',
  title: 'An access token sent to /auth/refresh (I2) → 401',
  criteria: JWT_CRITERIA,
  endpoint: 'I2',
  needs: ['fixtures'],
  rules: ['AUTH-3', 'ERR-1', 'ERR-5'],
  dependsOn: ROUTED,
  fixtureItems: ['userA'],
  async run(ctx) {
    const problems = new Problems(ctx);
    const access = await tokenOf(ctx, world(ctx).users.userA);
    const res = problems.judge(await askRoute(ctx, endpointById('I2'), { as: null, body: { refreshToken: access }, note: 'I2 with an access token' }));
    if (res) {
      const problem = envelopeProblem(res, [401]);
      if (problem) problems.add({ rule: brokenRule(res, problem, 'AUTH-3'), endpoint: 'I2', text: `I2 accepted an access token: ${problem} (got ${brief(res)})` }, res);
      else problems.sample(res);
    }
    return problems.finish('I2 refused an access token with 401 E1', '401 E1');
  },
});

export const revokedRefreshCheck = defineCheck({
  id: 'INT-JWT-REVOKED-REFRESH',
  layer: 'integration',
  title: 'A refresh token used after logout (I3, then I2) → 401',
  criteria: JWT_CRITERIA,
  endpoint: 'I3',
  needs: ['fixtures'],
  rules: ['AUTH-6', 'AUTH-7', 'ERR-1', 'ERR-5'],
  dependsOn: ROUTED,
  // The control, the logout and the refresh after it: revocation is judged on all three.
  minJudged: 3,
  fixtureItems: ['userB'],
  async run(ctx) {
    const problems = new Problems(ctx);
    const i2 = endpointById('I2');
    const refreshToken = await freshRefreshToken(ctx, world(ctx).users.userB);
    const before = problems.judge(await askRoute(ctx, i2, { as: null, body: { refreshToken }, note: 'I2 before logout (control)' }));
    if (!before) return problems.finish('', '');
    if (before.status !== 200) {
      problems.add({ rule: before.status >= 500 ? 'ERR-5' : 'AUTH-6', endpoint: 'I2', text: `I2 refused a fresh refresh token (${brief(before)}), so revocation cannot be judged` }, before);
      return problems.finish('', '200 from I2 with a fresh refresh token');
    }
    const logout = problems.judge(await askRoute(ctx, endpointById('I3'), { as: null, body: { refreshToken }, note: 'I3 logout' }));
    if (!logout) return problems.finish('', '');
    if (logout.status !== 200) {
      problems.add({ rule: logout.status >= 500 ? 'ERR-5' : 'AUTH-7', endpoint: 'I3', text: `logout (I3) failed: ${brief(logout)}` }, logout);
      return problems.finish('', '200 Logout successful');
    }
    const after = problems.judge(await askRoute(ctx, i2, { as: null, body: { refreshToken }, note: 'I2 after logout' }));
    if (after) {
      const problem = envelopeProblem(after, [401]);
      if (problem) problems.add({ rule: brokenRule(after, problem, 'AUTH-7'), endpoint: 'I2', text: `the refresh token still works after logout: ${problem} (got ${brief(after)})` }, before, logout, after);
      else [before, logout, after].forEach((x) => problems.sample(x));
    }
    return problems.finish('the refresh token was refused with 401 E1 after logout', '401 E1 from I2 after I3');
  },
});
