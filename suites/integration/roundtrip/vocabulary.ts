import type pg from 'pg';

/**
 * §8.3 status vocabularies of the free-text columns (the enum-typed ones the database itself holds
 * to its type) and of SYSTEM_STATUS: the values queries filter on, written exactly (PROJ-11).
 */
export const VOCABULARIES: Array<{ what: string; sql: string; values: string[] }> = [
  { what: 'Organization.status', sql: 'SELECT "status" AS v, count(*)::int AS n, min("orgId") AS eg FROM "Organization" WHERE "tenantId" = $1 AND "updatedAt" >= $2::timestamptz GROUP BY 1', values: ['PROPOSED', 'ACTIVE', 'LOCKED'] },
  { what: 'MultiSigTransaction.status', sql: 'SELECT "status" AS v, count(*)::int AS n, min("txId") AS eg FROM "MultiSigTransaction" WHERE "tenantId" = $1 AND "updatedAt" >= $2::timestamptz GROUP BY 1', values: ['PENDING', 'EXECUTED', 'REJECTED'] },
  { what: 'Loan.status', sql: 'SELECT "status" AS v, count(*)::int AS n, min("loanId") AS eg FROM "Loan" WHERE "tenantId" = $1 AND greatest("appliedAt", coalesce("approvedAt", "appliedAt")) >= $2::timestamptz GROUP BY 1', values: ['PENDING_APPROVAL', 'ACTIVE', 'REPAID', 'REJECTED', 'DEFAULTED'] },
  { what: 'Proposal.status', sql: 'SELECT "status" AS v, count(*)::int AS n, min("proposalId") AS eg FROM "Proposal" WHERE "tenantId" = $1 AND "updatedAt" >= $2::timestamptz GROUP BY 1', values: ['ACTIVE', 'PASSED', 'REJECTED', 'EXECUTED'] },
  { what: 'SystemParameter SYSTEM_STATUS', sql: `SELECT "paramValue" AS v, count(*)::int AS n, min("paramKey") AS eg FROM "SystemParameter" WHERE "tenantId" = $1 AND "updatedAt" >= $2::timestamptz AND "paramKey" = 'SYSTEM_STATUS' GROUP BY 1`, values: ['ACTIVE', 'PAUSED'] },
  { what: 'UserProfile.status', sql: 'SELECT "status"::text AS v, count(*)::int AS n, min("profileId") AS eg FROM "UserProfile" WHERE "tenantId" = $1 AND "updatedAt" >= $2::timestamptz GROUP BY 1', values: ['PENDING_VERIFICATION', 'VERIFIED', 'REJECTED', 'SUSPENDED', 'CLOSED'] },
  { what: 'UserProfile.role', sql: 'SELECT "role"::text AS v, count(*)::int AS n, min("profileId") AS eg FROM "UserProfile" WHERE "tenantId" = $1 AND "updatedAt" >= $2::timestamptz GROUP BY 1', values: ['USER', 'ADMIN', 'SUPER_ADMIN', 'PARTNER_API'] },
  { what: 'KYCVerification.status', sql: 'SELECT k."status"::text AS v, count(*)::int AS n, min(k."kycId") AS eg FROM "KYCVerification" k WHERE $1::text IS NOT NULL AND k."updatedAt" >= $2::timestamptz GROUP BY 1', values: ['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'] },
  { what: 'Transaction.type', sql: 'SELECT "type"::text AS v, count(*)::int AS n, min("offTxId") AS eg FROM "Transaction" WHERE "tenantId" = $1 AND "timestamp" >= $2::timestamptz GROUP BY 1', values: ['SENT', 'RECEIVED', 'MINT', 'TAX', 'LOAN_DISBURSEMENT', 'LOAN_REPAYMENT', 'GENESIS'] },
  { what: 'OutboxCommand.status', sql: 'SELECT "status"::text AS v, count(*)::int AS n, min("id") AS eg FROM "OutboxCommand" WHERE "tenantId" = $1 AND "updatedAt" >= $2::timestamptz GROUP BY 1', values: ['PENDING', 'LOCKED', 'SUBMITTED', 'COMMITTED', 'FAILED'] },
];

export interface OffVocabulary { what: string; value: string; rows: number; example: string; values: string[] }

/**
 * Values outside their vocabulary among the rows written since `since` (this run's writes: an
 * earlier writer's rows are not this run's evidence), each with how many rows hold it and one of
 * them. A column the target lacks is reported apart.
 */
export async function offVocabulary(db: pg.Pool, tenantId: string, since: string): Promise<{ off: OffVocabulary[]; unreadable: string[] }> {
  const off: OffVocabulary[] = [];
  const unreadable: string[] = [];
  for (const v of VOCABULARIES) {
    try {
      const { rows } = await db.query<{ v: string; n: number; eg: string }>(v.sql, [tenantId, since]);
      for (const r of rows) if (!v.values.includes(r.v)) off.push({ what: v.what, value: r.v, rows: r.n, example: r.eg, values: v.values });
    } catch (error) {
      unreadable.push(`${v.what}: ${(error as Error).message}`);
    }
  }
  return { off, unreadable };
}
