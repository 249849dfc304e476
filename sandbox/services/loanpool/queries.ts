import { f, HttpError, ok, type ServiceRouter } from '../kit';
import { findLoan, loanDto, loansOf } from './loans';

const LOAN_NOT_FOUND = 'Loan not found';

/** #18–#19: a borrower's own loans. */
export function mountLoanQueries(r: ServiceRouter): void {
  // #18: path-owned (AUTHZ-2), so the kit compares before any lookup.
  r.add({
    method: 'get',
    path: '/api/v1/users/:borrowerId/loans',
    access: 'auth',
    owner: { param: 'borrowerId', message: 'You can only view your own loans' },
    params: { fields: { borrowerId: f.id() } },
    handler: async ({ deps, tenantId, params }) => ok({ loans: (await loansOf(deps.db, tenantId, params.borrowerId)).map(loanDto) }),
  });

  // #19: another user's loan answers exactly like an unknown one (§3.5), unless fault
  // `existence-leak` tells the two apart with a 403.
  r.add({
    method: 'get',
    path: '/api/v1/loans/:loanId',
    access: 'auth',
    params: { fields: { loanId: f.id(256) } },
    handler: async ({ deps, principal, tenantId, params }) => {
      const loan = await findLoan(deps.db, tenantId, params.loanId);
      if (loan !== null && loan.borrowerId !== principal!.profileId && deps.faults.isOn('existence-leak')) {
        throw new HttpError(403, 'Forbidden');
      }
      if (loan === null || loan.borrowerId !== principal!.profileId) throw new HttpError(404, LOAN_NOT_FOUND);
      return ok({ loan: loanDto(loan) });
    },
  });
}
