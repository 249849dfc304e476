import { CheckFailure, defineCheck, pass } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { envelopeProblem, brief } from '../support/envelope';
import { freshRefreshToken, sendTo, tokenOf, world } from '../support/requests';
import { JWT_CRITERIA } from './matrix';

/** AUTH-3 and AUTH-7: I2 accepts only unrevoked refresh tokens. */

export const accessAtRefreshCheck = defineCheck({
  id: 'INT-JWT-ACCESS-AT-REFRESH',
  layer: 'integration',
  title: 'An access token sent to /auth/refresh (I2) → 401',
  criteria: JWT_CRITERIA,
  endpoint: 'I2',
  needs: ['fixtures'],
  fixtureItems: ['userA'],
  async run(ctx) {
    const access = await tokenOf(ctx, world(ctx).users.userA);
    const res = await sendTo(ctx, endpointById('I2'), { as: null, body: { refreshToken: access }, note: 'I2 with an access token' });
    const problem = envelopeProblem(res, [401]);
    if (problem) {
      throw new CheckFailure({ message: `I2 accepted an access token: ${problem}`, expected: '401 E1', received: brief(res), evidence: [res.evidence] });
    }
    return pass({ evidence: [res.evidence] });
  },
});

export const revokedRefreshCheck = defineCheck({
  id: 'INT-JWT-REVOKED-REFRESH',
  layer: 'integration',
  title: 'A refresh token used after logout (I3, then I2) → 401',
  criteria: JWT_CRITERIA,
  endpoint: 'I3',
  needs: ['fixtures'],
  fixtureItems: ['userB'],
  async run(ctx) {
    const i2 = endpointById('I2');
    const refreshToken = await freshRefreshToken(ctx, world(ctx).users.userB);
    const before = await sendTo(ctx, i2, { as: null, body: { refreshToken }, note: 'I2 before logout (control)' });
    if (before.status !== 200) {
      throw new CheckFailure({
        message: 'I2 refused a fresh refresh token, so revocation cannot be judged',
        expected: '200 from I2 with a fresh refresh token', received: brief(before), evidence: [before.evidence],
      });
    }
    const logout = await sendTo(ctx, endpointById('I3'), { as: null, body: { refreshToken }, note: 'I3 logout' });
    if (logout.status !== 200) {
      throw new CheckFailure({ message: 'logout (I3) failed', expected: '200 Logout successful', received: brief(logout), evidence: [logout.evidence] });
    }
    const after = await sendTo(ctx, i2, { as: null, body: { refreshToken }, note: 'I2 after logout' });
    const problem = envelopeProblem(after, [401]);
    if (problem) {
      throw new CheckFailure({
        message: `the refresh token still works after logout: ${problem}`, expected: '401 E1 from I2 after I3',
        received: brief(after), evidence: [before.evidence, logout.evidence, after.evidence],
      });
    }
    return pass({ evidence: [before.evidence, logout.evidence, after.evidence] });
  },
});
