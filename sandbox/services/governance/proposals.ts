import type pg from 'pg';
import { HttpError, isoTime } from '../kit';

export interface ProposalRow {
  proposalId: string;
  proposerId: string;
  targetParam: string;
  newValue: string;
  endTime: Date | null;
  status: string;
  votesFor: number;
  votesAgainst: number;
  createdAt: Date;
}

const COLUMNS = `"proposalId", "proposerId", "targetParam", "newValue", "endTime", "status", "votesFor", "votesAgainst", "createdAt"`;

/** `tenantId` null: every tenant's rows (fault `proposals-any-tenant` only). */
export async function findProposal(db: pg.Pool, tenantId: string | null, proposalId: string): Promise<ProposalRow | null> {
  const { rows } = await db.query<ProposalRow>(
    `SELECT ${COLUMNS} FROM "Proposal" WHERE ($1::text IS NULL OR "tenantId" = $1) AND "proposalId" = $2`,
    [tenantId, proposalId],
  );
  return rows[0] ?? null;
}

export async function requireProposal(db: pg.Pool, tenantId: string | null, proposalId: string): Promise<ProposalRow> {
  const proposal = await findProposal(db, tenantId, proposalId);
  if (proposal === null) throw new HttpError(404, 'Proposal not found');
  return proposal;
}

/** #24: open proposals, oldest first (proposalId breaks ties). */
export async function activeProposals(db: pg.Pool, tenantId: string | null, allStatuses = false): Promise<ProposalRow[]> {
  const { rows } = await db.query<ProposalRow>(
    `SELECT ${COLUMNS} FROM "Proposal" WHERE ($1::text IS NULL OR "tenantId" = $1) ${allStatuses ? '' : `AND "status" = 'ACTIVE'`} ORDER BY "createdAt" ASC, "proposalId" ASC`,
    [tenantId],
  );
  return rows;
}

/** The #23/#24 proposal object: forVotes/againstVotes are the votesFor/votesAgainst columns. */
export function proposalDto(p: ProposalRow) {
  return {
    proposalId: p.proposalId,
    proposerId: p.proposerId,
    status: p.status,
    forVotes: p.votesFor,
    againstVotes: p.votesAgainst,
    targetParam: p.targetParam,
    newValue: p.newValue,
    endTime: isoTime(p.endTime),
    createdAt: isoTime(p.createdAt),
  };
}
