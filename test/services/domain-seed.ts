import type pg from 'pg';

/** Plain-SQL seeding of the organization, loan, governance and system tables (§14) for service tests. */

export async function seedOrg(pool: pg.Pool, o: {
  orgId: string; tenantId?: string; status?: string; stakeholders: string[]; endorsers?: string[];
  authRules?: Record<string, unknown>; orgType?: string;
}): Promise<string> {
  await pool.query(
    `INSERT INTO "Organization" ("orgId","tenantId","orgName","orgType","status","stakeholders","endorsers","authRules")
     VALUES ($1,$2,$3,$4,$5,$6::jsonb,$7::jsonb,$8::jsonb)`,
    [o.orgId, o.tenantId ?? 'default', `Org ${o.orgId}`, o.orgType ?? 'BUSINESS', o.status ?? 'ACTIVE',
      JSON.stringify(o.stakeholders), JSON.stringify(o.endorsers ?? []), JSON.stringify(o.authRules ?? {})],
  );
  return o.orgId;
}

export async function seedMultisig(pool: pg.Pool, t: {
  txId: string; orgId: string; tenantId?: string; toUserId: string; amount: string; remark?: string | null;
  ruleId?: string | null; status?: string; requiredSignatures?: number; approvers?: string[]; createdAt?: Date;
}): Promise<string> {
  await pool.query(
    `INSERT INTO "MultiSigTransaction" ("txId","tenantId","orgId","proposerId","operation","params","ruleId","status",
       "requiredSignatures","currentSignatures","approvers","createdAt")
     VALUES ($1,$2,$3,'initiator','TRANSFER',$4::jsonb,$5,$6,$7,$8,$9::jsonb,$10)`,
    [t.txId, t.tenantId ?? 'default', t.orgId, JSON.stringify({ toUserId: t.toUserId, amount: t.amount, remark: t.remark ?? null }),
      t.ruleId ?? null, t.status ?? 'PENDING', t.requiredSignatures ?? 1, (t.approvers ?? []).length,
      JSON.stringify(t.approvers ?? []), t.createdAt ?? new Date()],
  );
  return t.txId;
}

export async function seedLoan(pool: pg.Pool, l: {
  loanId: string; borrowerId: string; tenantId?: string; amount?: string; status?: string; collateralHash?: string | null;
  appliedAt?: Date; approvedAt?: Date | null;
}): Promise<string> {
  await pool.query(
    `INSERT INTO "Loan" ("loanId","tenantId","borrowerId","amount","collateralHash","status","appliedAt","approvedAt")
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [l.loanId, l.tenantId ?? 'default', l.borrowerId, l.amount ?? '50', l.collateralHash === undefined ? 'hash-1' : l.collateralHash,
      l.status ?? 'PENDING_APPROVAL', l.appliedAt ?? new Date(), l.approvedAt ?? null],
  );
  return l.loanId;
}

export async function seedProposal(pool: pg.Pool, p: {
  proposalId: string; proposerId: string; tenantId?: string; status?: string; votesFor?: number; votesAgainst?: number; createdAt?: Date;
}): Promise<string> {
  await pool.query(
    `INSERT INTO "Proposal" ("proposalId","tenantId","proposerId","targetParam","newValue","status","votesFor","votesAgainst","createdAt")
     VALUES ($1,$2,$3,'FEE_BPS','12',$4,$5,$6,$7)`,
    [p.proposalId, p.tenantId ?? 'default', p.proposerId, p.status ?? 'ACTIVE', p.votesFor ?? 0, p.votesAgainst ?? 0, p.createdAt ?? new Date()],
  );
  return p.proposalId;
}

export async function seedParam(pool: pg.Pool, paramKey: string, paramValue: string, tenantId = 'default'): Promise<void> {
  await pool.query(
    `INSERT INTO "SystemParameter" ("tenantId","paramKey","paramValue") VALUES ($1,$2,$3)
     ON CONFLICT ("tenantId","paramKey") DO UPDATE SET "paramValue" = EXCLUDED."paramValue"`,
    [tenantId, paramKey, paramValue],
  );
}

export async function seedCountry(pool: pg.Pool, countryCode: string, countryName: string, region: string | null = null): Promise<void> {
  await pool.query(`INSERT INTO "Country" ("countryCode","countryName","region") VALUES ($1,$2,$3)`, [countryCode, countryName, region]);
}

/** Empties the tables these tests write, leaving the schema. */
export async function clearDomain(pool: pg.Pool): Promise<void> {
  await pool.query(`TRUNCATE "OutboxCommand", "Organization", "MultiSigTransaction", "Loan", "Proposal", "SystemParameter",
    "Transaction", "Wallet", "KYCVerification", "UserProfile", "Country" CASCADE`);
}
