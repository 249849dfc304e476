import { z } from 'zod';
import type { Endpoint } from './types';
import { accepted, ADMINS, err, NO_BODY, ok, roleDenied } from './helpers';
import { amountInput, id, serverId } from './primitives';
import { loanDto } from './dtos';

/** §6.4 svc-loanpool: #16–#19. */

const loanNotFound = err(404, 'Loan not found', 'no loan with this id');

export const loanpoolEndpoints: Endpoint[] = [
  {
    id: '#16', key: 'E16', service: 'loanpool', method: 'POST', path: '/api/v1/loans',
    access: 'owner', roles: null, kind: 'command', commandType: 'APPLY_FOR_LOAN',
    ownership: { kind: 'body', field: 'borrowerId', message: 'You can only apply for loans for yourself' },
    request: { body: z.object({ borrowerId: id, amount: amountInput, collateralHash: z.string().min(1).max(128) }) },
    success: accepted('Loan application submitted. Pending approval.', { extra: ['loanId'] }),
    errors: [
      err(400, 'borrowerId, amount, and collateralHash are required', 'a required field missing or null'),
      err(400, 'Amount must be greater than 0', 'invalid amount (§4)'),
      err(403, 'You can only apply for loans for yourself', 'borrowerId is not the token profileId'),
      err(400, 'Borrower not found', 'borrowerId names no user'),
    ],
    example: (w) => ({
      as: 'userA', body: { borrowerId: w.users.userA.profileId, amount: '10', collateralHash: `${w.namespace}-collateral`.slice(0, 128) },
    }),
  },
  {
    id: '#17', key: 'E17', service: 'loanpool', method: 'POST', path: '/api/v1/loans/:loanId/approve',
    access: 'roles', roles: ADMINS, ownership: null, kind: 'command', commandType: 'APPROVE_LOAN',
    request: { params: z.object({ loanId: serverId }), ...NO_BODY },
    success: accepted('Loan approval initiated.'),
    errors: [
      roleDenied(ADMINS),
      loanNotFound,
      err(400, 'Loan cannot be approved. Current status: <status>', 'the loan is not PENDING_APPROVAL'),
    ],
    example: (w) => ({ as: 'admin', params: { loanId: w.loanId } }),
  },
  {
    id: '#18', key: 'E18', service: 'loanpool', method: 'GET', path: '/api/v1/users/:borrowerId/loans',
    access: 'owner', roles: null, kind: 'query',
    ownership: { kind: 'path', param: 'borrowerId', message: 'You can only view your own loans' },
    request: { params: z.object({ borrowerId: id }), ...NO_BODY },
    success: ok(z.looseObject({ loans: z.array(loanDto) })),
    errors: [err(403, 'You can only view your own loans', 'token profileId differs from :borrowerId')],
    example: (w) => ({ as: 'userA', params: { borrowerId: w.users.userA.profileId } }),
  },
  {
    id: '#19', key: 'E19', service: 'loanpool', method: 'GET', path: '/api/v1/loans/:loanId',
    access: 'owner', roles: null, kind: 'query',
    ownership: { kind: 'borrower', message: 'Loan not found' },
    request: { params: z.object({ loanId: serverId }), ...NO_BODY },
    success: ok(z.looseObject({ loan: loanDto })),
    errors: [err(404, 'Loan not found', 'unknown loanId, or the caller is not the borrower (byte-identical answers)')],
    example: (w) => ({ as: 'userA', params: { loanId: w.loanId } }),
  },
];
