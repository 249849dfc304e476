import { defineCheck, pass, type CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { FixtureWorld } from '../../../src/fixtures/types';
import { MissingFixtureItem, statesOf } from '../../../src/fixtures/contract-items';
import { isObject } from '../support/envelope';
import { askRoute } from '../support/answers';
import { world } from '../support/requests';
import { ROUTED } from '../support/routing';

/**
 * INT-TAX-ELIGIBILITY (TAX-1): #39 answers 200 with a boolean and a reason for every well-formed
 * accountId, an unknown account is not eligible, and the fixture accounts get the answer of the
 * policy their ledger applies. §6.7 gives the reference policy (the sandbox's): eligible when not
 * a treasury, with a positive balance and no SENT transaction in 30 days. Another deployment's
 * ledger may apply another policy, so on a target that is not the sandbox those expectations are
 * advisory; the unknown-account rule is the contract's own.
 */
interface Case { what: string; accountId(w: FixtureWorld): string; eligible: boolean; reference: boolean }

const treasuryOf = (w: FixtureWorld): string => {
  if (!w.treasuryAccountId) throw new MissingFixtureItem('treasury account (seeded worlds only)');
  return w.treasuryAccountId;
};

const CASES: Case[] = [
  { what: 'an unknown account', accountId: (w) => `${w.missing.profileId}-account`, eligible: false, reference: false },
  { what: 'an account with a positive balance that never sent', accountId: (w) => statesOf(w).users.kycApproved.accountId, eligible: true, reference: true },
  { what: 'an account with a zero balance', accountId: (w) => statesOf(w).users.fresh.accountId, eligible: false, reference: true },
  { what: 'an account that sent an hour ago', accountId: (w) => w.users.userA.accountId, eligible: false, reference: true },
  { what: 'the treasury account (funded, never sent)', accountId: treasuryOf, eligible: false, reference: true },
];

async function judge(ctx: CheckContext, c: Case): Promise<void> {
  const accountId = c.accountId(world(ctx));
  const { res, answer } = await askRoute(ctx, endpointById('#39'), { as: null, params: { accountId }, note: `#39 for ${c.what}` });
  // Only #39's own answer is judged: an edge page or another route's 404 is not its eligibility.
  if (!res || !answer.expected) return ctx.observe.unusable(answer.kind);
  ctx.observe.judged();
  const body = isObject(res.body) ? res.body : {};
  const add = (text: string, advisory = false) => ctx.findings.add({ rule: 'TAX-1', advisory, endpoint: '#39', text: `#39 for ${c.what}: ${text}`, evidence: [res.evidence] });
  if (res.status !== 200) return add(`answered ${res.status}; every well-formed accountId gets 200`);
  if (typeof body.eligible !== 'boolean' || typeof body.reason !== 'string' || body.reason === '') return add(`answered ${JSON.stringify(body)}: eligible must be a boolean and reason a non-empty string`);
  if (body.eligible !== c.eligible) add(`eligible ${String(body.eligible)} ("${body.reason}"), expected ${String(c.eligible)}`, c.reference && !ctx.target.sandboxControl);
}

export const taxEligibilityCheck = defineCheck({
  id: 'INT-TAX-ELIGIBILITY',
  layer: 'integration',
  title: '#39 velocity-tax eligibility: 200 for every account, unknown ones not eligible, the ledger\'s policy for the fixture accounts (TAX-1)',
  criteria: ['IT-API-1'],
  endpoint: '#39',
  rules: ['TAX-1'],
  needs: ['fixtures'],
  dependsOn: ROUTED,
  async run(ctx) {
    const notSent: string[] = [];
    for (const c of CASES) {
      try {
        await judge(ctx, c);
      } catch (error) {
        if (!(error instanceof MissingFixtureItem)) throw error;
        notSent.push(`${c.what}: ${error.message}`);
      }
    }
    return pass({ message: `${CASES.length - notSent.length} accounts answered as their ledger's policy says${notSent.length ? `; not sent: ${notSent.join('; ')}` : ''}` });
  },
});
