import { z } from 'zod';
import type { Endpoint } from './types';
import { accepted, ADMINS, err, NO_BODY, ok, roleDenied, SUPER } from './helpers';
import { amountInput, countryCode, id, limitQuery, offsetQuery, optional, reason, remark } from './primitives';
import { treasuryBalanceDto, txDto, walletBalanceDto } from './dtos';

/** §6.2 svc-tokenomics: #1–#7. */

const walletNotFound = err(404, 'Wallet not found', 'no wallet with this id');

export const tokenomicsEndpoints: Endpoint[] = [
  {
    id: '#1', key: 'E01', service: 'tokenomics', method: 'POST', path: '/api/v1/transfers',
    access: 'owner', roles: null, kind: 'command', commandType: 'TRANSFER_TOKENS',
    ownership: { kind: 'body', field: 'fromUserId', message: 'You can only transfer from your own wallet' },
    request: { body: z.object({ fromUserId: id, toUserId: id, amount: amountInput, remark: optional(remark) }) },
    success: accepted('Transfer initiated. Check status with command ID.'),
    errors: [
      err(400, 'fromUserId, toUserId, and amount are required', 'a required field missing or null'),
      err(400, 'Amount must be greater than 0', 'invalid amount (§4)'),
      err(403, 'You can only transfer from your own wallet', 'fromUserId is not the token profileId'),
      err(400, 'Cannot transfer to yourself', 'fromUserId equals toUserId (VAL-4)'),
      err(400, 'Sender wallet not found', 'the sender has no wallet'),
      err(400, 'Receiver wallet not found', 'the receiver has no wallet'),
      err(400, 'Sender wallet is frozen', 'the sender wallet is frozen (VAL-4)'),
      err(400, 'Insufficient balance. Available: <balance>, Required: <amount + fee>', 'balance < amount + fee (TOK-3)'),
    ],
    example: (w) => ({
      as: 'userA',
      body: { fromUserId: w.users.userA.profileId, toUserId: w.users.userB.profileId, amount: '0.01', remark: `${w.namespace} transfer` },
    }),
  },
  {
    id: '#2', key: 'E02', service: 'tokenomics', method: 'POST', path: '/api/v1/genesis',
    access: 'roles', roles: SUPER, ownership: null, kind: 'command', commandType: 'DISTRIBUTE_GENESIS',
    request: {
      body: z.object({ userId: id, userType: z.enum(['individual', 'business', 'government', 'organization']), countryCode }),
    },
    success: accepted('Genesis distribution initiated. Check status with command ID.'),
    errors: [
      roleDenied(SUPER),
      err(400, 'userId, userType, and countryCode are required', 'a required field missing or null'),
      err(400, 'Invalid userType', 'userType not one of individual, business, government, organization'),
      err(400, 'Invalid country code', 'countryCode not two letters'),
      err(400, 'User not found', 'no such user'),
      err(400, 'User wallet not found', 'the user has no wallet'),
      err(409, 'Genesis already distributed for this user', 'SHOULD: the primary wallet has a GENESIS transaction'),
    ],
    // The fixture admin has no GENESIS transaction yet (userA and userB do: the SHOULD 409 of #2).
    example: (w) => ({ as: 'superAdmin', body: { userId: w.users.admin.profileId, userType: 'individual', countryCode: w.countryCode } }),
  },
  {
    id: '#3', key: 'E03', service: 'tokenomics', method: 'GET', path: '/api/v1/wallets/:profileId/balance',
    access: 'owner', roles: null, kind: 'query',
    ownership: { kind: 'path', param: 'profileId', message: 'You can only view your own balance' },
    request: { params: z.object({ profileId: id }), ...NO_BODY },
    success: ok(z.looseObject({ balance: walletBalanceDto })),
    errors: [err(403, 'You can only view your own balance', 'token profileId differs from :profileId'), walletNotFound],
    example: (w) => ({ as: 'userA', params: { profileId: w.users.userA.profileId } }),
  },
  {
    id: '#4', key: 'E04', service: 'tokenomics', method: 'GET', path: '/api/v1/treasury/:countryCode/balance',
    access: 'public', roles: null, ownership: null, kind: 'query',
    request: { params: z.object({ countryCode }), ...NO_BODY },
    success: ok(z.looseObject({ balance: treasuryBalanceDto })),
    errors: [
      err(400, 'Invalid country code', 'countryCode not two letters'),
      err(404, 'Treasury wallet not found for country: <CC>', 'no treasury_<CC> wallet'),
    ],
    example: (w) => ({ as: null, params: { countryCode: w.countryCode } }),
  },
  {
    id: '#5', key: 'E05', service: 'tokenomics', method: 'GET', path: '/api/v1/wallets/:profileId/transactions',
    access: 'owner', roles: null, kind: 'query',
    ownership: { kind: 'path', param: 'profileId', message: 'You can only view your own transactions' },
    request: {
      params: z.object({ profileId: id }),
      query: z.object({ limit: limitQuery.optional(), offset: offsetQuery.optional() }),
      ...NO_BODY,
    },
    success: ok(z.looseObject({ transactions: z.array(txDto) })),
    errors: [
      err(403, 'You can only view your own transactions', 'token profileId differs from :profileId'),
      err(400, 'Invalid limit', 'limit not an integer 1–100'),
      err(400, 'Invalid offset', 'offset not an integer 0–2147483647'),
      walletNotFound,
    ],
    example: (w) => ({ as: 'userA', params: { profileId: w.users.userA.profileId }, query: { limit: '10', offset: '0' } }),
  },
  {
    id: '#6', key: 'E06', service: 'tokenomics', method: 'POST', path: '/api/v1/wallets/:walletId/freeze',
    access: 'roles', roles: ADMINS, ownership: null, kind: 'command', commandType: 'FREEZE_WALLET',
    request: { params: z.object({ walletId: id }), body: z.object({ reason }) },
    success: accepted('Wallet freeze initiated.'),
    errors: [roleDenied(ADMINS), err(400, 'Reason is required', 'reason missing or invalid'), walletNotFound],
    // The already-frozen fixture wallet: applying it changes nothing other checks rely on.
    example: (w) => ({ as: 'admin', params: { walletId: w.users.frozen.walletId }, body: { reason: `${w.namespace} freeze` } }),
  },
  {
    id: '#7', key: 'E07', service: 'tokenomics', method: 'POST', path: '/api/v1/wallets/:walletId/unfreeze',
    access: 'roles', roles: ADMINS, ownership: null, kind: 'command', commandType: 'UNFREEZE_WALLET',
    request: { params: z.object({ walletId: id }), ...NO_BODY },
    success: accepted('Wallet unfreeze initiated.'),
    errors: [roleDenied(ADMINS), walletNotFound],
    // userA's wallet is not frozen, so applying it keeps the frozen fixture frozen.
    example: (w) => ({ as: 'admin', params: { walletId: w.users.userA.walletId } }),
  },
];
