import { accepted, ADMIN_ROLES, badRequest, conflict, f, isoTime, money, notFound, ok, userExists, withBypass, withMessage, type ServiceRouter } from '../kit';
import { hasGenesis, primaryWallet, transactionsPage, walletById } from './wallets';

const WALLET_NOT_FOUND = 'Wallet not found';

export function mountWalletRoutes(r: ServiceRouter): void {
  const { deps } = r;
  const profileParam = { fields: { profileId: f.id() } };
  const walletParam = { fields: { walletId: f.id() } };

  // #2
  r.add({
    method: 'post',
    path: '/api/v1/genesis',
    access: ['SUPER_ADMIN'],
    body: {
      required: 'userId, userType, and countryCode are required',
      fields: {
        userId: f.id(),
        userType: withMessage(f.oneOf(['individual', 'business', 'government', 'organization']), 'Invalid userType'),
        countryCode: withMessage(f.countryCode(), 'Invalid country code'),
      },
    },
    handler: async ({ body, tenantId, command }) => {
      if (!(await userExists(deps.db, tenantId, body.userId))) throw badRequest('User not found');
      const wallet = await primaryWallet(deps.db, tenantId, body.userId);
      if (wallet === null) throw badRequest('User wallet not found');
      if (await hasGenesis(deps.db, wallet.walletId)) throw conflict('Genesis already distributed for this user');
      const commandId = await command('DISTRIBUTE_GENESIS', { userId: body.userId, nationality: body.countryCode, userType: body.userType });
      return accepted(commandId, 'Genesis distribution initiated. Check status with command ID.');
    },
  });

  // Fault journey-balance-stale: the first non-zero balance served per wallet, answered from then on.
  const servedBalances = new Map<string, string>();
  const stale = (walletId: string, balance: string | null): string | null => {
    if (!deps.faults.isOn('journey-balance-stale')) return balance;
    const first = servedBalances.get(walletId);
    if (first !== undefined) return first;
    if (balance !== null && Number(balance) > 0) servedBalances.set(walletId, balance);
    return balance;
  };

  // #3: fault `ownership-skipped` serves any profile's balance.
  r.add({
    method: 'get',
    path: '/api/v1/wallets/:profileId/balance',
    access: 'auth',
    owner: { param: 'profileId', message: 'You can only view your own balance', skippedBy: 'ownership-skipped' },
    params: profileParam,
    handler: async ({ params, tenantId }) => {
      // Fault `balance-any-tenant`: the token's tenant is not applied (TEN-1).
      const scope = deps.faults.isOn('balance-any-tenant') ? null : tenantId;
      const w = await primaryWallet(deps.db, scope, params.profileId, deps.faults.isOn('primary-wallet-newest'));
      if (w === null) throw notFound(WALLET_NOT_FOUND);
      return ok({
        balance: { walletId: w.walletId, profileId: w.profileId, balance: stale(w.walletId, money(w.cachedBalance)), updatedAt: isoTime(w.updatedAt), isFrozen: w.isFrozen, primaryAccountId: w.primaryAccountId },
      });
    },
  });

  // #4 (TOK-2)
  r.add({
    method: 'get',
    path: '/api/v1/treasury/:countryCode/balance',
    access: 'public',
    params: { fields: { countryCode: withMessage(f.countryCode(), 'Invalid country code') } },
    handler: async ({ params, tenantId }) => {
      // Fault `treasury-id-lowercase`: the treasury is looked up as treasury_<cc>, not treasury_<CC>.
      const cc = deps.faults.isOn('treasury-id-lowercase') ? params.countryCode.toLowerCase() : params.countryCode;
      const w = await primaryWallet(deps.db, tenantId, `treasury_${cc}`);
      if (w === null) throw notFound(`Treasury wallet not found for country: ${params.countryCode}`);
      return ok({ balance: { countryCode: params.countryCode, balance: money(w.cachedBalance), updatedAt: isoTime(w.updatedAt) } });
    },
  });

  // #5
  r.add({
    method: 'get',
    path: '/api/v1/wallets/:profileId/transactions',
    access: 'auth',
    owner: { param: 'profileId', message: 'You can only view your own transactions' },
    params: profileParam,
    query: {
      fields: {
        limit: withMessage(f.queryInt(1, 100, 50), 'Invalid limit'),
        // Fault `sqli-search`: the offset passes unvalidated and is concatenated into the SQL (wallets.ts).
        offset: withBypass(withMessage(f.queryInt(0, 2_147_483_647, 0), 'Invalid offset'), 'sqli-search'),
      },
    },
    handler: async ({ params, query, tenantId }) => {
      const w = await primaryWallet(deps.db, tenantId, params.profileId);
      if (w === null) throw notFound(WALLET_NOT_FOUND);
      return ok({ transactions: await transactionsPage(deps.db, deps.faults, w.walletId, query.limit, query.offset) });
    },
  });

  // #6
  r.add({
    method: 'post',
    path: '/api/v1/wallets/:walletId/freeze',
    access: ADMIN_ROLES,
    params: walletParam,
    body: { fields: { reason: f.reason() }, required: 'Reason is required' },
    handler: async ({ params, body, tenantId, command }) => {
      // Fault `command-skips-lookup`: the wallet is not looked up first (CMD-6); an unknown one is sent on.
      const w = deps.faults.isOn('command-skips-lookup') ? { profileId: params.walletId, walletId: params.walletId } : await walletById(deps.db, tenantId, params.walletId);
      if (w === null) throw notFound(WALLET_NOT_FOUND);
      const commandId = await command('FREEZE_WALLET', { userId: w.profileId, reason: body.reason, walletId: w.walletId });
      return accepted(commandId, 'Wallet freeze initiated.');
    },
  });

  // #7
  r.add({
    method: 'post',
    path: '/api/v1/wallets/:walletId/unfreeze',
    access: ADMIN_ROLES,
    params: walletParam,
    handler: async ({ params, tenantId, command }) => {
      const w = deps.faults.isOn('command-skips-lookup') ? { profileId: params.walletId, walletId: params.walletId } : await walletById(deps.db, tenantId, params.walletId);
      if (w === null) throw notFound(WALLET_NOT_FOUND);
      const commandId = await command('UNFREEZE_WALLET', { userId: w.profileId, walletId: w.walletId });
      return accepted(commandId, 'Wallet unfreeze initiated.');
    },
  });
}
