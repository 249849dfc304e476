import { accepted, ADMIN_ROLES, f, fromScaled, feeOf, ok, toScaled, withMessage, type ServiceRouter } from '../kit';
import { eligibility } from './eligibility';

export function mountTaxRoutes(r: ServiceRouter): void {
  // #37: the fee of an amount (TOK-3 rule), computed exactly on scaled integers.
  r.add({
    method: 'post',
    path: '/api/v1/fees/calculate',
    access: 'public',
    body: { fields: { amount: withMessage(f.amount(), 'amount must be a positive number') }, required: 'amount must be a positive number' },
    handler: async ({ body, deps }) => {
      const scaled = toScaled(body.amount);
      if (scaled === null) throw new Error('validated amount did not parse');
      // Fault `fee-rounding-truncates`: the fee is cut at 9 fraction digits instead of rounded half-up (SER-6).
      const fee = deps.faults.isOn('fee-rounding-truncates') ? (scaled * 10n) / 10_000n : feeOf(scaled);
      return ok({ fee: fromScaled(fee) });
    },
  });

  // #38: the ledger applies the tax; here only the command is accepted.
  r.add({
    method: 'post',
    path: '/api/v1/velocity-tax/apply',
    access: ADMIN_ROLES,
    body: { fields: { accountId: f.id(), taxRateBps: f.integer(1, 10_000) } },
    handler: async ({ body, command }) => {
      const commandId = await command('APPLY_VELOCITY_TAX', { accountId: body.accountId, taxRateBps: String(body.taxRateBps) });
      return accepted(commandId, 'Velocity tax application initiated.');
    },
  });

  // #39: TAX-1, evaluated from the read model.
  r.add({
    method: 'get',
    path: '/api/v1/velocity-tax/eligibility/:accountId',
    access: 'public',
    params: { fields: { accountId: withMessage(f.id(), 'Invalid accountId') } },
    handler: async ({ deps, tenantId, params }) => ok(await eligibility(deps.db, tenantId, params.accountId, {
      ignoreBalance: deps.faults.isOn('eligibility-ignores-balance'), taxTreasury: deps.faults.isOn('eligibility-taxes-treasury'),
    })),
  });
}
