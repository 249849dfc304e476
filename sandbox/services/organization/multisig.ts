import { createId } from '@paralleldrive/cuid2';
import type pg from 'pg';
import { accepted, f, HttpError, optional, withMessage, type ServiceRouter } from '../kit';
import { requireOrg } from './store';

async function pendingTxExists(db: pg.Pool, tenantId: string, txId: string): Promise<boolean> {
  const { rowCount } = await db.query(`SELECT 1 FROM "MultiSigTransaction" WHERE "tenantId" = $1 AND "txId" = $2`, [tenantId, txId]);
  return (rowCount ?? 0) > 0;
}

/** #12–#13: initiating and approving multi-signature transfers from an organization's wallet. */
export function mountMultisigRoutes(r: ServiceRouter): void {
  // #12: the server names the pending transaction (ORG-1); the initiator is the caller (AUTHZ-4).
  r.add({
    method: 'post',
    path: '/api/v1/organizations/:orgId/transactions',
    access: 'auth',
    params: { fields: { orgId: f.id() } },
    body: {
      required: 'orgId, toUserId, and amount are required',
      fields: {
        toUserId: f.id(),
        amount: withMessage(f.amount(), 'Amount must be greater than 0'),
        remark: optional(f.remark()),
      },
    },
    handler: async ({ deps, principal, tenantId, params, body, command }) => {
      await requireOrg(deps.db, tenantId, params.orgId);
      // Fault `pending-tx-id-without-org`: the id drops the orgId (multisig-<suffix>).
      const pendingTxId = deps.faults.isOn('pending-tx-id-without-org') ? `multisig-${createId()}` : `multisig-${params.orgId}-${createId()}`;
      const commandId = await command('INITIATE_MULTISIG_TX', {
        pendingTxId,
        orgId: params.orgId,
        initiatorId: principal!.profileId,
        toUserId: body.toUserId,
        amount: body.amount,
        remark: body.remark ?? '',
      });
      return accepted(commandId, 'Multi-signature transaction initiated. Waiting for approvals.', { pendingTxId });
    },
  });

  // #13: whether the approver may approve (ORG-2) is the ledger's decision.
  r.add({
    method: 'post',
    path: '/api/v1/transactions/:pendingTxId/approve',
    access: 'auth',
    params: { fields: { pendingTxId: f.id(256) } },
    handler: async ({ deps, principal, tenantId, params, command }) => {
      if (!(await pendingTxExists(deps.db, tenantId, params.pendingTxId))) throw new HttpError(404, 'Pending transaction not found');
      const commandId = await command('APPROVE_MULTISIG_TX', { pendingTxId: params.pendingTxId, approverId: principal!.profileId });
      return accepted(commandId, 'Multi-signature transaction approval initiated.');
    },
  });
}
