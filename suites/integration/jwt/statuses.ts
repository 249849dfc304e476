import { defineCheck, pass, type CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { HttpExchange } from '../../../src/clients/http';
import type { FixtureUser } from '../../../src/fixtures/types';
import { statesOf, type StateKey } from '../../../src/fixtures/contract-items';
import { isObject } from '../support/envelope';
import { askRoute } from '../support/answers';
import { Problems } from '../support/problems';
import { freshRefreshToken, tokenOf, world, type EndpointRequest } from '../support/requests';
import { ROUTED } from '../support/routing';
import { JWT_CRITERIA } from './matrix';

/**
 * INT-AUTH-STATUSES (AUTH-6, SEC-JWT-2, I1; issue 10 item 4): every auth rule per account status.
 * For a SUSPENDED, a CLOSED and a deleted account, each with a wallet and valid tokens:
 * I2 refuses its refresh token (401), its access token still reads its own balance (#3), a
 * command it sends is refused (SEC-JWT-2: 403 "Account is inactive" SHOULD), and I1 refuses its
 * login (401; "Account is inactive" for SUSPENDED/CLOSED, only after the password verifies).
 */
const STATUSES: StateKey[] = ['suspended', 'closed', 'deleted'];
const message = (res: HttpExchange) => (isObject(res.body) ? String(res.body.message) : '');

async function judgeAccount(ctx: CheckContext, key: StateKey, user: FixtureUser): Promise<void> {
  const w = world(ctx);
  const add = (rule: string, text: string, res: HttpExchange, advisory = false) =>
    ctx.findings.add({ rule, advisory, endpoint: res.evidence.note?.split(' ')[0] ?? null, text: `${key} account: ${text}`, evidence: [res.evidence] });
  // Only the route's own answers are judged: an edge page or another route's 404 is counted unusable.
  const problems = new Problems(ctx);
  const ask = async (id: string, req: EndpointRequest) => problems.judge(await askRoute(ctx, endpointById(id), req));

  const refresh = await ask('I2', { as: null, body: { refreshToken: await freshRefreshToken(ctx, user) }, note: `I2 refresh of a ${key} account` });
  if (refresh && refresh.status !== 401) add('AUTH-6', `I2 answered ${refresh.status} to its refresh token instead of 401 "Invalid or expired refresh token"`, refresh);

  const token = await tokenOf(ctx, user);
  const read = await ask('#3', { as: null, token, params: { profileId: user.profileId }, note: `#3 own balance of a ${key} account` });
  if (read && (read.status === 401 || read.status === 403)) add('SEC-JWT-2', `its access token was refused on a query (#3 answered ${read.status}); it stays valid for queries until exp (AUTH-8)`, read, true);

  const command = await ask('#1', {
    as: null, token, body: { fromUserId: user.profileId, toUserId: w.users.userB.profileId, amount: '0.01', remark: `${w.namespace}-inactive-${key}` },
    note: `#1 transfer sent by a ${key} account`,
  });
  if (command && command.status >= 200 && command.status < 300) add('SEC-JWT-2', `a command it sent was accepted (#1 answered ${command.status})`, command);
  else if (command && (command.status !== 403 || !message(command).startsWith('Account is inactive'))) {
    add('SEC-JWT-2', `its command was refused with ${command.status} "${message(command)}", the contract's answer is 403 "Account is inactive"`, command, true);
  }

  const login = await ask('I1', { as: null, body: { email: user.email, password: user.password }, note: `I1 login of a ${key} account` });
  const expected = key === 'deleted' ? 'Invalid email or password' : 'Account is inactive. Please contact support.';
  if (login && login.status !== 401) add(key === 'deleted' ? 'ID-1' : 'I1:401:inactive', `I1 answered ${login.status} to its right password instead of 401 "${expected}"`, login);
  else if (login && message(login) !== expected) add(key === 'deleted' ? 'ID-1' : 'I1:401:inactive', `I1 answered 401 "${message(login)}", reference wording "${expected}"`, login, true);
}

export const authStatusesCheck = defineCheck({
  id: 'INT-AUTH-STATUSES',
  layer: 'integration',
  title: 'SUSPENDED, CLOSED and deleted accounts: no refresh (I2), queries still read, commands refused, no login',
  criteria: JWT_CRITERIA,
  rules: ['AUTH-6', 'SEC-JWT-2', 'ID-1', 'I1:401:inactive', 'I2:401:invalid-refresh'],
  needs: ['fixtures', 'signingSecret', 'writes'],
  dependsOn: ROUTED,
  async run(ctx) {
    const states = statesOf(world(ctx));
    for (const key of STATUSES) await judgeAccount(ctx, key, states.users[key]);
    return pass({ message: `${STATUSES.join(', ')} accounts: refresh refused, queries served, commands refused, login refused` });
  },
});
