import { defineCheck, skip, type CheckContext, type CheckDef } from '../../../src/checks/define';
import { inBatches } from '../../../src/clients/http';
import { askRoute } from '../support/answers';
import { Budget, spread } from '../support/budget';
import { brief, brokenRule, envelopeProblem } from '../support/envelope';
import { Problems } from '../support/problems';
import { authenticated, gateProbe } from '../support/probes';
import { tokenOf, world, freshRefreshToken } from '../support/requests';
import { ROUTED } from '../support/routing';
import { edit, now, payloadOf, signHmac } from './forge';
import { JWT_CASES, type JwtCase, type TokenBase } from './cases';
import { exampleItems } from '../../../src/fixtures/uses';
import { serverNow } from './clock';

/** One check per token case, sent to every authenticated endpoint (requests that write nothing). */

export const JWT_CRITERIA = ['IT-API-2', 'SEC-2'];

export async function tokenBase(ctx: CheckContext): Promise<TokenBase> {
  const userA = world(ctx).users.userA;
  const token = await tokenOf(ctx, userA);
  let offset: Promise<number> | undefined;
  return {
    token,
    claims: payloadOf(token),
    secret: ctx.target.auth.secret,
    alg: ctx.target.auth.algorithm,
    refreshToken: () => freshRefreshToken(ctx, userA),
    // The target's clock read once, then kept as an offset: cases that mint per request ask no more of it.
    serverNow: async () => now() + await (offset ??= serverNow(ctx).then((t) => t.seconds - now())),
  };
}

/** The rule each token case exercises (AUTH-1: the header form; AUTH-3: refresh vs access; AUTH-2: the token). */
const CASE_RULES: Record<string, string> = {
  'INT-JWT-NO-HEADER': 'AUTH-1', 'INT-JWT-WRONG-SCHEME': 'AUTH-1', 'INT-JWT-EMPTY-BEARER': 'AUTH-1',
  'INT-JWT-REFRESH-AS-ACCESS': 'AUTH-3',
};
export const caseRule = (id: string): string => CASE_RULES[id] ?? 'AUTH-2';

/** Judged gate answers a token check needs: a spread over the 31 authenticated routes, not one lucky route. */
export const JWT_MIN_JUDGED = 10;

function matrixCheck(c: JwtCase): CheckDef {
  const rule = caseRule(c.id);
  return defineCheck({
    id: c.id,
    layer: 'integration',
    title: c.title,
    criteria: JWT_CRITERIA,
    needs: c.needsSecret ? ['fixtures', 'signingSecret'] : ['fixtures'],
    rules: [rule, 'ERR-1', 'ERR-5'],
    dependsOn: ROUTED,
    minJudged: JWT_MIN_JUDGED,
    fixtureItems: exampleItems(authenticated(), 'userA'),
    async run(ctx) {
      if (c.needsSecret && !ctx.target.auth.secret) return skip('needs the signing secret (auth mode mint)');
      const w = world(ctx);
      const base = await tokenBase(ctx);
      const headers = await c.headers(base);
      const jobs = spread(authenticated().flatMap((endpoint) => headers.map((authorization, i) => ({ endpoint, authorization, i }))), (j) => j.endpoint.id);
      const problems = new Problems(ctx);
      const budget = new Budget(ctx, { tally: problems });
      await inBatches(jobs, 8, async ({ endpoint, authorization: built, i }) => {
        if (!budget.take()) return;
        const authorization = c.perRequest ? (await c.headers(base))[i] : built;
        const probe = gateProbe(endpoint, w);
        const res = problems.judge(await askRoute(ctx, endpoint, {
          ...probe,
          token: null,
          authorization,
          note: `${c.id} on ${endpoint.id} ${endpoint.method} ${endpoint.path}`,
        }));
        if (!res) return;
        const problem = envelopeProblem(res, [401]);
        if (problem) problems.add({ rule: brokenRule(res, problem, rule), endpoint: endpoint.id, text: `${endpoint.id}: ${problem} (got ${brief(res)})` }, res);
        else problems.sample(res);
      });
      Object.assign(problems.measurements, { requests: jobs.length, ...budget.measurements() });
      const sampled = budget.note('requests');
      return problems.finish(`${problems.judgedSoFar} answers on ${authenticated().length} endpoints were 401 E1${sampled ? `; ${sampled}` : ''}`, '401 in the E1 envelope', budget.need(JWT_MIN_JUDGED, 'requests'));
    },
  });
}

export const jwtMatrixChecks: CheckDef[] = JWT_CASES.map(matrixCheck);

/** userA's claims re-signed with `nbf` 60 s in the past by the target's clock; null without the secret. */
async function passedNbfToken(ctx: CheckContext): Promise<string | null> {
  if (!ctx.target.auth.secret) return null;
  const base = await tokenBase(ctx);
  return signHmac(edit(base.claims, { nbf: (await base.serverNow()) - 60 }), ctx.target.auth.secret, base.alg);
}

/**
 * The control: a valid token passes the authentication gate on every authenticated endpoint — the
 * logged-in token, and (with the signing secret) the same claims with an `nbf` a minute past by
 * the target's clock: AUTH-2 refuses an nbf only while it is in the future.
 */
export const validTokenCheck = defineCheck({
  id: 'INT-JWT-VALID-ACCEPTED',
  layer: 'integration',
  title: 'A valid access token (also one whose nbf has passed) passes authentication on every authenticated endpoint',
  criteria: JWT_CRITERIA,
  needs: ['fixtures'],
  rules: ['AUTH-2', 'ERR-5'],
  dependsOn: ROUTED,
  minJudged: JWT_MIN_JUDGED,
  fixtureItems: exampleItems(authenticated(), 'userA'),
  async run(ctx) {
    const w = world(ctx);
    const problems = new Problems(ctx);
    const budget = new Budget(ctx, { tally: problems });
    const passedNbf = await passedNbfToken(ctx);
    const tokens = [{ what: 'a valid token', token: undefined }, ...(passedNbf ? [{ what: 'a valid token whose nbf passed a minute ago', token: passedNbf }] : [])];
    const jobs = spread(authenticated().flatMap((endpoint) => tokens.map((t) => ({ endpoint, ...t }))), (j) => j.endpoint.id);
    await inBatches(jobs, 8, async ({ endpoint, what, token }) => {
      if (!budget.take()) return;
      const probe = gateProbe(endpoint, w);
      const as = token === undefined ? { as: 'userA' as const } : { token: null, authorization: `Bearer ${token}` };
      const res = problems.judge(await askRoute(ctx, endpoint, { ...probe, ...as, note: `${what} of userA on ${endpoint.id}` }));
      if (!res) return;
      if (res.status === 401) problems.add({ rule: 'AUTH-2', endpoint: endpoint.id, text: `${endpoint.id}: ${what} was refused: ${brief(res)}` }, res);
      else if (res.status >= 500) problems.add({ rule: 'ERR-5', endpoint: endpoint.id, text: `${endpoint.id}: ${brief(res)}` }, res);
      else problems.sample(res);
    });
    Object.assign(problems.measurements, budget.measurements());
    const sampled = budget.note('endpoints');
    return problems.finish(`a valid token passed the gate on ${problems.judgedSoFar} endpoints${sampled ? `; ${sampled}` : ''}`, 'any answer but 401 or 5xx', budget.need(JWT_MIN_JUDGED, 'endpoints'));
  },
});
