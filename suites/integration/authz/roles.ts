import { defineCheck, type CheckContext } from '../../../src/checks/define';
import { MESSAGES } from '../../../src/catalog/envelope';
import type { Endpoint } from '../../../src/catalog/types';
import { inBatches, type HttpExchange } from '../../../src/clients/http';
import { askRoute } from '../support/answers';
import { Budget, spread } from '../support/budget';
import { ROLES, type Role } from '../../../src/profile/target';
import { edit, payloadOf, signHmac } from '../jwt/forge';
import { brief, brokenRule, envelopeProblem, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { authenticated, gateProbe, unprobeable } from '../support/probes';
import { exampleOf, tokenOf, world } from '../support/requests';
import { ROUTED } from '../support/routing';
import { documentedError } from '../support/rules';
import { ACTOR_OF_ROLE, NON_STAKEHOLDER, ownRequest } from './actors';
import { exampleItems } from '../../../src/fixtures/uses';

/**
 * INT-AUTHZ-ROLES (issue 4.2, §3.4): every authenticated endpoint × every role. Roles outside a
 * route's rule get 403 "Insufficient permissions…" (sent with the valid example, so a missing gate
 * shows as acceptance); allowed roles pass the gate (sent with a request that writes nothing);
 * a token without a role is 401 "Invalid token payload" (§3.2).
 */

interface Job { endpoint: Endpoint; role: Role | 'none' }

function allowed(endpoint: Endpoint, role: Role): boolean {
  return endpoint.roles === null || endpoint.roles.includes(role);
}

async function runJob(ctx: CheckContext, job: Job, noRoleToken: string | null, problems: Problems): Promise<void> {
  const w = world(ctx);
  const { endpoint, role } = job;
  const label = `${endpoint.id} as ${role === 'none' ? 'a token without role' : role}`;
  const found = (rule: string | null, text: string, res: HttpExchange) => problems.add({ rule, endpoint: endpoint.id, text: `${label}${text}` }, res);
  if (role === 'none') {
    const res = problems.judge(await askRoute(ctx, endpoint, { ...gateProbe(endpoint, w), token: noRoleToken, note: label }));
    if (!res) return;
    const problem = envelopeProblem(res, [401]);
    if (problem) found(brokenRule(res, problem, 'AUTH-2'), `: ${problem} (got ${brief(res)})`, res);
    return;
  }
  if (!allowed(endpoint, role)) {
    const example = await exampleOf(ctx, endpoint);
    const actor = endpoint.ownership?.kind === 'stakeholder' && role === 'USER' ? NON_STAKEHOLDER : ACTOR_OF_ROLE[role];
    const res = problems.judge(await askRoute(ctx, endpoint, { ...example, as: actor, note: label }));
    if (!res) return;
    const problem = envelopeProblem(res, [403], MESSAGES.forbiddenRole);
    const rule = documentedError(endpoint, 403, MESSAGES.forbiddenRole) ?? 'AUTHZ-1';
    if (problem) found(brokenRule(res, problem, rule), ` (not allowed): ${problem} (got ${brief(res)})`, res);
    else problems.sample(res);
    return;
  }
  const probe = ownRequest(endpoint, w, gateProbe(endpoint, w), ACTOR_OF_ROLE[role]);
  const res = problems.judge(await askRoute(ctx, endpoint, { ...probe, note: label }));
  if (!res) return;
  const roleDenied = res.status === 403 && isObject(res.body) && res.body.message === MESSAGES.forbiddenRole;
  if (res.status >= 500) found('ERR-5', ` (allowed): ${brief(res)}`, res);
  else if (res.status === 401 || roleDenied) found('AUTHZ-1', ` (allowed) was refused: ${brief(res)}`, res);
}

/** Judged answers needed at the least (and half of what was sent: `budget.need`). */
const MIN_JUDGED = 20;

export const rolesCheck = defineCheck({
  id: 'INT-AUTHZ-ROLES',
  layer: 'integration',
  title: 'Every authenticated endpoint × every role: 403 where the role is not allowed, the gate passes where it is',
  criteria: ['IT-API-3', 'SEC-2'],
  needs: ['fixtures'],
  rules: ['AUTHZ-1', 'AUTH-2', 'ERR-1', 'ERR-5', ...authenticated().flatMap((e) => documentedError(e, 403, MESSAGES.forbiddenRole) ?? [])],
  dependsOn: ROUTED,
  // Roles are judged route by route: a spread over the authenticated routes (at least 20, and half of what was sent).
  minJudged: MIN_JUDGED,
  fixtureItems: exampleItems(authenticated(), ...Object.values(ACTOR_OF_ROLE), NON_STAKEHOLDER),
  async run(ctx) {
    const w = world(ctx);
    const secret = ctx.target.auth.secret;
    let noRoleToken: string | null = null;
    if (secret) {
      const base = payloadOf(await tokenOf(ctx, w.users.userA));
      noRoleToken = await signHmac(edit(base, {}, ['role']), secret, ctx.target.auth.algorithm);
    }
    const jobs: Job[] = [];
    const notProbed: string[] = [];
    for (const endpoint of authenticated()) {
      for (const role of ROLES) {
        if (allowed(endpoint, role) && unprobeable(endpoint)) { notProbed.push(`${endpoint.id}/${role}`); continue; }
        jobs.push({ endpoint, role });
      }
      if (noRoleToken) jobs.push({ endpoint, role: 'none' });
    }
    const problems = new Problems(ctx);
    const budget = new Budget(ctx, { tally: problems });
    await inBatches(spread(jobs, (j) => j.endpoint.id), 6, (job) => (budget.take() ? runJob(ctx, job, noRoleToken, problems) : Promise.resolve()));
    Object.assign(problems.measurements, { requests: jobs.length, ...budget.measurements() });
    const notes = [
      notProbed.length > 0 ? `allowed-role pass not probed without a write for ${notProbed.join(', ')} (the contract checks send those)` : '',
      noRoleToken ? '' : 'the token-without-role case needs the signing secret',
      budget.note('role requests') ?? '',
    ].filter(Boolean).join('; ');
    return problems.finish(`${problems.judgedSoFar} role requests answered per §3.4${notes ? ` (${notes})` : ''}`, '403 for roles outside the rule; the gate passes for allowed roles', budget.need(MIN_JUDGED, 'role requests'));
  },
});
