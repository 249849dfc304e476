import type pg from 'pg';

export interface Eligibility {
  eligible: boolean;
  reason: string;
}

const QUIET_DAYS = 30;

/**
 * TAX-1 reference policy, the same one the sandbox ledger applies to APPLY_VELOCITY_TAX:
 * a non-treasury wallet with a positive balance and no SENT transaction in the last 30 days.
 */
/** Faults of the policy: `ignoreBalance` (eligibility-ignores-balance), `taxTreasury` (eligibility-taxes-treasury). */
export interface PolicyFaults { ignoreBalance?: boolean; taxTreasury?: boolean }

export async function eligibility(db: pg.Pool, tenantId: string, accountId: string, faults: PolicyFaults = {}): Promise<Eligibility> {
  const { rows } = await db.query<{ profileId: string; positive: boolean; recentSent: boolean }>(
    `SELECT w."profileId",
            w."cachedBalance" > 0 AS "positive",
            EXISTS (SELECT 1 FROM "Transaction" t
                     WHERE t."walletId" = w."walletId" AND t."type" = 'SENT'
                       AND t."timestamp" > now() - make_interval(days => $3)) AS "recentSent"
       FROM "Wallet" w
      WHERE w."tenantId" = $1 AND w."primaryAccountId" = $2 AND w."deletedAt" IS NULL
      LIMIT 1`,
    [tenantId, accountId, QUIET_DAYS],
  );
  const wallet = rows[0];
  if (wallet === undefined) return { eligible: false, reason: 'Account not found' };
  if (wallet.profileId.startsWith('treasury_') && !faults.taxTreasury) return { eligible: false, reason: 'Treasury accounts are exempt from velocity tax' };
  if (!wallet.positive && !faults.ignoreBalance) return { eligible: false, reason: 'Account has no positive balance' };
  if (wallet.recentSent) return { eligible: false, reason: `Account sent funds within the last ${QUIET_DAYS} days` };
  return { eligible: true, reason: `Account holds a balance and sent nothing in the last ${QUIET_DAYS} days` };
}
