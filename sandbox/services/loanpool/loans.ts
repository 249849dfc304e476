import type pg from 'pg';
import { isoTime, money } from '../kit';

export interface LoanRow {
  loanId: string;
  borrowerId: string;
  amount: string;
  status: string;
  collateralHash: string | null;
  purpose: string | null;
  appliedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
}

const COLUMNS = `"loanId", "borrowerId", "amount", "status", "collateralHash", "purpose", "appliedAt", "approvedBy", "approvedAt"`;

export async function findLoan(db: pg.Pool, tenantId: string, loanId: string): Promise<LoanRow | null> {
  const { rows } = await db.query<LoanRow>(`SELECT ${COLUMNS} FROM "Loan" WHERE "tenantId" = $1 AND "loanId" = $2`, [tenantId, loanId]);
  return rows[0] ?? null;
}

/** #18: newest appliedAt first; loanId breaks ties so the order is stable. */
export async function loansOf(db: pg.Pool, tenantId: string, borrowerId: string): Promise<LoanRow[]> {
  const { rows } = await db.query<LoanRow>(
    `SELECT ${COLUMNS} FROM "Loan" WHERE "tenantId" = $1 AND "borrowerId" = $2 ORDER BY "appliedAt" DESC, "loanId" DESC`,
    [tenantId, borrowerId],
  );
  return rows;
}

/** LoanDTO (§6.4): amount as a decimal string, collateralHash "" when none, approvedAt null until approved. */
export function loanDto(loan: LoanRow) {
  return {
    loanId: loan.loanId,
    borrowerId: loan.borrowerId,
    amount: money(loan.amount),
    status: loan.status,
    collateralHash: loan.collateralHash ?? '',
    purpose: loan.purpose,
    appliedAt: isoTime(loan.appliedAt),
    approvedBy: loan.approvedBy,
    approvedAt: isoTime(loan.approvedAt),
  };
}
