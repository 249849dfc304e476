import { f, isoTime, money, ok, type ServiceRouter } from '../kit';
import { requireOrg, type OrgRow } from './store';

interface PendingTxRow {
  txId: string;
  orgId: string;
  params: { toUserId?: unknown; amount?: unknown; remark?: unknown } | null;
  ruleId: string | null;
  status: string;
  requiredSignatures: number;
  approvers: string[];
}

function organizationDto(org: OrgRow) {
  return {
    orgId: org.orgId,
    orgName: org.orgName,
    orgType: org.orgType,
    status: org.status,
    stakeholders: org.stakeholders,
    endorsers: org.endorsers,
    rules: org.authRules,
    activatedAt: isoTime(org.activatedAt),
    createdAt: isoTime(org.createdAt),
    updatedAt: isoTime(org.updatedAt),
  };
}

const text = (value: unknown): string | null => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);

/** PendingTxDTO (§6.3): params spelled out, approvers as a set, the approver group of the matched rule. */
function pendingTxDto(tx: PendingTxRow, org: OrgRow) {
  const rule = tx.ruleId === null ? undefined : org.authRules[tx.ruleId];
  const group = rule !== undefined && Array.isArray(rule.approverGroup) ? rule.approverGroup : [];
  return {
    txId: tx.txId,
    orgId: tx.orgId,
    toId: text(tx.params?.toUserId),
    amount: money(text(tx.params?.amount)),
    remark: text(tx.params?.remark),
    status: tx.status,
    requiredApprovals: tx.requiredSignatures,
    approverGroup: group,
    approvals: Object.fromEntries(tx.approvers.map((id) => [id, true])),
  };
}

/** #14–#15: public reads of the deployment tenant (TEN-2). */
export function mountQueryRoutes(r: ServiceRouter): void {
  r.add({
    method: 'get',
    path: '/api/v1/organizations/:orgId',
    access: 'public',
    params: { fields: { orgId: f.id() } },
    handler: async ({ deps, tenantId, params }) => ok({ organization: organizationDto(await requireOrg(deps.db, tenantId, params.orgId)) }),
  });

  r.add({
    method: 'get',
    path: '/api/v1/organizations/:orgId/transactions/pending',
    access: 'public',
    params: { fields: { orgId: f.id() } },
    handler: async ({ deps, tenantId, params }) => {
      const org = await requireOrg(deps.db, tenantId, params.orgId);
      // Fault journey-pending-stale: executed transactions stay in the pending list.
      const statuses = deps.faults.isOn('journey-pending-stale') ? ['PENDING', 'EXECUTED'] : ['PENDING'];
      const { rows } = await deps.db.query<PendingTxRow>(
        `SELECT "txId", "orgId", "params", "ruleId", "status", "requiredSignatures", "approvers"
           FROM "MultiSigTransaction"
          WHERE "tenantId" = $1 AND "orgId" = $2 AND "status" = ANY($3::text[])
          ORDER BY "createdAt" ASC, "txId" ASC`,
        [tenantId, params.orgId, statuses],
      );
      return ok({ pendingTransactions: rows.map((tx) => pendingTxDto(tx, org)) });
    },
  });
}
