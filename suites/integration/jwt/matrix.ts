import { defineCheck, skip, type CheckContext, type CheckDef } from '../../../src/checks/define';
import { inBatches } from '../../../src/clients/http';
import { envelopeProblem, brief } from '../support/envelope';
import { Problems } from '../support/problems';
import { authenticated, gateProbe } from '../support/probes';
import { sendTo, tokenOf, world, freshRefreshToken } from '../support/requests';
import { payloadOf } from './forge';
import { JWT_CASES, type JwtCase, type TokenBase } from './cases';
import { exampleItems } from '../../../src/fixtures/uses';
import { serverNow } from './clock';

/** One check per token case, sent to every authenticated endpoint (requests that write nothing). */

export const JWT_CRITERIA = ['IT-API-2', 'SEC-2'];

export async function tokenBase(ctx: CheckContext): Promise<TokenBase> {
  const userA = world(ctx).users.userA;
  const token = await tokenOf(ctx, userA);
  return {
    token,
    claims: payloadOf(token),
    secret: ctx.target.auth.secret,
    alg: ctx.target.auth.algorithm,
    refreshToken: () => freshRefreshToken(ctx, userA),
    serverNow: async () => (await serverNow(ctx)).seconds,
  };
}

function matrixCheck(c: JwtCase): CheckDef {
  return defineCheck({
    id: c.id,
    layer: 'integration',
    title: c.title,
    criteria: JWT_CRITERIA,
    needs: c.needsSecret ? ['fixtures', 'signingSecret'] : ['fixtures'],
    fixtureItems: exampleItems(authenticated(), 'userA'),
    async run(ctx) {
      if (c.needsSecret && !ctx.target.auth.secret) return skip('needs the signing secret (auth mode mint)');
      const w = world(ctx);
      const headers = await c.headers(await tokenBase(ctx));
      const jobs = authenticated().flatMap((endpoint) => headers.map((authorization) => ({ endpoint, authorization })));
      const problems = new Problems();
      await inBatches(jobs, 8, async ({ endpoint, authorization }) => {
        const probe = gateProbe(endpoint, w);
        const res = await sendTo(ctx, endpoint, {
          ...probe,
          token: null,
          authorization,
          note: `${c.id} on ${endpoint.id} ${endpoint.method} ${endpoint.path}`,
        });
        const problem = envelopeProblem(res, [401]);
        if (problem) problems.add(`${endpoint.id}: ${problem} (got ${brief(res)})`, res);
        else problems.sample(res);
      });
      problems.measurements.requests = jobs.length;
      return problems.finish(`${jobs.length} requests on ${authenticated().length} endpoints answered 401 E1`, '401 in the E1 envelope');
    },
  });
}

export const jwtMatrixChecks: CheckDef[] = JWT_CASES.map(matrixCheck);

/** The control: a valid token passes the authentication gate on every authenticated endpoint. */
export const validTokenCheck = defineCheck({
  id: 'INT-JWT-VALID-ACCEPTED',
  layer: 'integration',
  title: 'A valid access token passes authentication on every authenticated endpoint',
  criteria: JWT_CRITERIA,
  needs: ['fixtures'],
  fixtureItems: exampleItems(authenticated(), 'userA'),
  async run(ctx) {
    const w = world(ctx);
    const problems = new Problems();
    await inBatches(authenticated(), 8, async (endpoint) => {
      const probe = gateProbe(endpoint, w);
      const res = await sendTo(ctx, endpoint, { ...probe, as: 'userA', note: `valid userA token on ${endpoint.id}` });
      if (res.status === 401 || res.status >= 500) problems.add(`${endpoint.id}: ${brief(res)}`, res);
      else problems.sample(res);
    });
    return problems.finish('a valid token passed the gate everywhere', 'any answer but 401 or 5xx');
  },
});
