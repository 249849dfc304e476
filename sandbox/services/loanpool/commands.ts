import { createId } from '@paralleldrive/cuid2';
import { accepted, ADMIN_ROLES, f, HttpError, userExists, withMessage, type ServiceRouter } from '../kit';
import { findLoan } from './loans';

/** #16–#17: applying for a loan and approving one. */
export function mountLoanCommands(r: ServiceRouter): void {
  // #16: only for yourself; the server names the loan (LOAN-1).
  r.add({
    method: 'post',
    path: '/api/v1/loans',
    access: 'auth',
    body: {
      required: 'borrowerId, amount, and collateralHash are required',
      fields: {
        borrowerId: f.id(),
        amount: withMessage(f.amount(), 'Amount must be greater than 0'),
        collateralHash: f.text(1, 128),
      },
    },
    handler: async ({ deps, principal, tenantId, body, command }) => {
      if (body.borrowerId !== principal!.profileId) throw new HttpError(403, 'You can only apply for loans for yourself');
      if (!(await userExists(deps.db, tenantId, body.borrowerId))) throw new HttpError(400, 'Borrower not found');
      // Fault `loan-id-unprefixed`: a bare cuid instead of loan-<borrowerId>-<suffix>.
      const loanId = deps.faults.isOn('loan-id-unprefixed') ? createId() : `loan-${body.borrowerId}-${createId()}`;
      const commandId = await command('APPLY_FOR_LOAN', {
        loanId,
        borrowerId: body.borrowerId,
        amount: body.amount,
        collateralHash: body.collateralHash,
      });
      return accepted(commandId, 'Loan application submitted. Pending approval.', { loanId });
    },
  });

  // #17: the loan must exist (CMD-6 MUST) and still wait for approval; the approver is the caller.
  r.add({
    method: 'post',
    path: '/api/v1/loans/:loanId/approve',
    access: ADMIN_ROLES,
    params: { fields: { loanId: f.id(256) } },
    handler: async ({ deps, principal, tenantId, params, command }) => {
      const loan = await findLoan(deps.db, tenantId, params.loanId);
      if (loan === null) throw new HttpError(404, 'Loan not found');
      if (loan.status !== 'PENDING_APPROVAL') throw new HttpError(400, `Loan cannot be approved. Current status: ${loan.status}`);
      const commandId = await command('APPROVE_LOAN', { loanId: loan.loanId, approverId: principal!.profileId });
      return accepted(commandId, 'Loan approval initiated.');
    },
  });
}
