import { z } from 'zod';
import type { Endpoint } from './types';
import { accepted, ADMINS, err, ok, roleDenied } from './helpers';
import { amountInput, id, money } from './primitives';

/** §6.7 svc-tax: #37–#39. */

export const taxEndpoints: Endpoint[] = [
  {
    id: '#37', key: 'E37', service: 'tax', method: 'POST', path: '/api/v1/fees/calculate',
    access: 'public', roles: null, ownership: null, kind: 'local',
    request: { body: z.object({ amount: amountInput }) },
    success: ok(z.looseObject({ fee: money })),
    errors: [err(400, 'amount must be a positive number', 'amount missing, non-numeric, zero, negative or over-precise')],
    example: () => ({ as: null, body: { amount: '100' } }),
  },
  {
    id: '#38', key: 'E38', service: 'tax', method: 'POST', path: '/api/v1/velocity-tax/apply',
    access: 'roles', roles: ADMINS, ownership: null, kind: 'command', commandType: 'APPLY_VELOCITY_TAX',
    request: { body: z.object({ accountId: id, taxRateBps: z.number().int().min(1).max(10000) }) },
    success: accepted('Velocity tax application initiated.'),
    errors: [
      roleDenied(ADMINS),
      err(400, 'accountId is required', 'accountId missing or null (VAL-6; any message naming the field)'),
      err(400, 'accountId is invalid', 'accountId not an id (VAL-6)'),
      err(400, 'taxRateBps is required', 'taxRateBps missing or null (VAL-6)'),
      err(400, 'taxRateBps is invalid', 'taxRateBps not an integer 1–10000 (VAL-6)'),
    ],
    example: (w) => ({ as: 'admin', body: { accountId: w.users.userB.accountId, taxRateBps: 100 } }),
  },
  {
    id: '#39', key: 'E39', service: 'tax', method: 'GET', path: '/api/v1/velocity-tax/eligibility/:accountId',
    access: 'public', roles: null, ownership: null, kind: 'local',
    request: { params: z.object({ accountId: id }), body: null },
    success: ok(z.looseObject({ eligible: z.boolean(), reason: z.string().min(1) })),
    errors: [err(400, 'Invalid accountId', 'accountId not an id')],
    example: (w) => ({ as: null, params: { accountId: w.users.userA.accountId } }),
  },
];
