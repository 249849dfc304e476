import { accepted, badRequest, f, forbidden, normalizeDecimal, optional, withBypass, withMessage, withOperators, type ServiceRouter } from '../kit';
import { primaryWallet } from './wallets';

/**
 * #1 TRANSFER_TOKENS. The balance test runs in SQL numeric (exact, TOK-3 fee rounded half-up);
 * fault `validation-5xx` lets a non-numeric amount past validation, so that cast fails → 500.
 */
export function mountTransferRoutes(r: ServiceRouter): void {
  const { deps } = r;
  r.add({
    method: 'post',
    path: '/api/v1/transfers',
    access: 'auth',
    body: {
      required: 'fromUserId, toUserId, and amount are required',
      fields: {
        fromUserId: f.id(),
        toUserId: withOperators(f.id(), 'nosql-operator'),
        amount: withBypass(withMessage(f.amount(), 'Amount must be greater than 0'), 'validation-5xx'),
        remark: optional(f.remark()),
      },
    },
    handler: async ({ body, principal, tenantId, command }) => {
      if (body.fromUserId !== principal?.profileId) throw forbidden('You can only transfer from your own wallet');
      // Fault `self-transfer-allowed`: VAL-4's self-transfer rule is left to the ledger.
      if (body.fromUserId === body.toUserId && !deps.faults.isOn('self-transfer-allowed')) throw badRequest('Cannot transfer to yourself');
      const sender = await primaryWallet(deps.db, tenantId, body.fromUserId);
      if (sender === null) throw badRequest('Sender wallet not found');
      // Fault `nosql-operator`: an object toUserId is a filter ({"$ne": null}) that any wallet matches.
      const receiver = typeof body.toUserId === 'object'
        ? (await deps.db.query(`SELECT 1 FROM "Wallet" WHERE "tenantId" = $1 AND "profileId" <> $2 LIMIT 1`, [tenantId, body.fromUserId])).rows[0] ?? null
        : await primaryWallet(deps.db, tenantId, body.toUserId);
      if (receiver === null) throw badRequest('Receiver wallet not found');
      if (sender.isFrozen) throw badRequest('Sender wallet is frozen');
      // Fault `frozen-cannot-receive`: a frozen receiver is refused too (TOK-5 lets it receive).
      if ((receiver as { isFrozen?: boolean }).isFrozen && deps.faults.isOn('frozen-cannot-receive')) throw badRequest('Receiver wallet is frozen');
      const { rows } = await deps.db.query<{ required: string; enough: boolean }>(
        `SELECT (x.amount + round(x.amount * 10 / 10000, 9))::text AS "required",
                $2::numeric >= x.amount + round(x.amount * 10 / 10000, 9) AS "enough"
           FROM (SELECT $1::numeric AS amount) x`,
        [body.amount, sender.cachedBalance],
      );
      const check = rows[0];
      if (!check.enough) {
        throw badRequest(`Insufficient balance. Available: ${normalizeDecimal(sender.cachedBalance)}, Required: ${normalizeDecimal(check.required)}`);
      }
      const commandId = await command('TRANSFER_TOKENS', {
        fromUserId: body.fromUserId,
        toUserId: body.toUserId,
        amount: body.amount,
        remark: body.remark ?? '',
      });
      return accepted(commandId, 'Transfer initiated. Check status with command ID.');
    },
  });
}
