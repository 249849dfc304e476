import { decodeJwt } from 'jose';
import { defineCheck, type CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { HttpExchange } from '../../../src/clients/http';
import type { FixtureUser } from '../../../src/fixtures/types';
import { askRoute } from '../support/answers';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { world, type EndpointRequest } from '../support/requests';
import { ROUTED } from '../support/routing';
import { JWT_CRITERIA } from './matrix';

/** I1 sessions (AUTH-5, AUTH-8): what a login issues, and what a logout leaves valid. */

interface Session { login: HttpExchange; accessToken: string; refreshToken: string }

/** The route's own answer, or null (counted unusable) when something else answered. */
async function ask(ctx: CheckContext, problems: Problems, id: string, req: EndpointRequest): Promise<HttpExchange | null> {
  const reply = await askRoute(ctx, endpointById(id), req);
  if (!reply.answer.expected) problems.unusable(reply.answer.kind);
  return reply.answer.expected ? reply.res : null;
}

/** I1 with the fixture user's password; null (counted unusable) when no token pair came back. */
async function logIn(ctx: CheckContext, problems: Problems, user: FixtureUser, label: string): Promise<Session | null> {
  const login = await ask(ctx, problems, 'I1', { as: null, body: { email: user.email, password: user.password }, note: `I1 login of ${label}` });
  if (!login) return null;
  const body = isObject(login.body) ? login.body : {};
  if (login.status !== 200 || typeof body.accessToken !== 'string' || typeof body.refreshToken !== 'string') {
    problems.unusable(`I1 login of ${label} answered ${login.status}`);
    return null;
  }
  return { login, accessToken: body.accessToken, refreshToken: body.refreshToken };
}

/** A token's claims, or null when it is not a decodable JWT. */
function claimsOf(token: string): Record<string, unknown> | null {
  try { return decodeJwt(token) as Record<string, unknown>; } catch { return null; }
}

export const loginClaimsCheck = defineCheck({
  id: 'INT-AUTH-LOGIN-CLAIMS',
  layer: 'integration',
  title: 'I1 issues both tokens with the role and tenantId of the user\'s profile (a USER and an ADMIN)',
  criteria: JWT_CRITERIA,
  endpoint: 'I1',
  needs: ['fixtures'],
  rules: ['AUTH-5'],
  dependsOn: ROUTED,
  fixtureItems: ['userA', 'admin'],
  // Both logins must be judged: the ADMIN is the one whose role differs from the default.
  minJudged: 2,
  async run(ctx) {
    const problems = new Problems(ctx);
    const { users } = world(ctx);
    for (const [label, user] of [['userA (USER)', users.userA], ['admin (ADMIN)', users.admin]] as const) {
      const session = await logIn(ctx, problems, user, label);
      if (!session) continue;
      problems.judged();
      for (const kind of ['accessToken', 'refreshToken'] as const) {
        const claims = claimsOf(session[kind]);
        const wrong = ['role', 'tenantId'].filter((k) => claims?.[k] !== user[k as 'role' | 'tenantId'])
          .map((k) => `${k} ${JSON.stringify(claims?.[k])} (profile: ${JSON.stringify(user[k as 'role' | 'tenantId'])})`);
        // Only the claims are quoted: the tokens themselves stay out of the finding text.
        if (wrong.length > 0) problems.add({ rule: 'AUTH-5', endpoint: 'I1', text: `the ${kind} I1 issued to ${label} carries ${wrong.join(', ')}` }, session.login);
      }
      problems.sample(session.login);
    }
    return problems.finish('both tokens of each login carry the profile\'s role and tenantId', 'role and tenantId of the profile in the access and the refresh token');
  },
});

export const logoutAccessCheck = defineCheck({
  id: 'INT-AUTH-LOGOUT-ACCESS',
  layer: 'integration',
  title: 'After logout (I3) the access token of that login still works until its exp',
  criteria: JWT_CRITERIA,
  endpoint: 'I3',
  needs: ['fixtures'],
  rules: ['AUTH-8'],
  dependsOn: ROUTED,
  fixtureItems: ['userA'],
  // A read after logout on each of the two services asked.
  minJudged: 2,
  async run(ctx) {
    const problems = new Problems(ctx);
    const user = world(ctx).users.userA;
    const session = await logIn(ctx, problems, user, 'userA');
    if (!session) return problems.finish('', '');
    // I5 (the identity service that logged out) and #3 (another service) with the login's access token.
    const reads = [['I5', { id: user.profileId }], ['#3', { profileId: user.profileId }]] as const;
    const read = (id: string, params: Record<string, string>, when: string) =>
      ask(ctx, problems, id, { as: null, token: session.accessToken, params, note: `${id} with the login's access token ${when}` });
    const before = await read('I5', reads[0][1], 'before logout (control)');
    if (!before) return problems.finish('', '');
    if (before.status !== 200) {
      problems.unusable(`I5 with a fresh login's access token answered ${before.status}`);
      return problems.finish('', '');
    }
    const logout = await ask(ctx, problems, 'I3', { as: null, body: { refreshToken: session.refreshToken }, note: 'I3 logout of that login' });
    if (!logout) return problems.finish('', '');
    if (logout.status !== 200) {
      problems.unusable(`I3 logout answered ${logout.status}`);
      return problems.finish('', '');
    }
    for (const [id, params] of reads) {
      const after = await read(id, params, 'after logout');
      if (!after) continue;
      problems.judged();
      if (after.status === 401 || after.status === 403) {
        problems.add({ rule: 'AUTH-8', endpoint: id, text: `the access token of a logged-out session was refused: ${id} answered ${brief(after)}` }, before, logout, after);
      } else problems.sample(after);
    }
    return problems.finish('the access token kept working after logout', 'the same answer as before logout (200), not 401/403');
  },
});
