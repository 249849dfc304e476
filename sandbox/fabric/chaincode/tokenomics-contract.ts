import * as arg from './args';
import { ChaincodeError, type Context } from './context';
import { formatAmount, parseAmount, SCALE, transferFee } from './decimal';
import { tx, type ContractDef } from './registry';
import { assertNotPaused, emit, isCountryInitialized, key, mustGet, now, type UserRecord, type WalletRecord } from './state';

/**
 * Genesis schedule of the sandbox ledger, by how many users of the same country already received
 * their genesis allocation: the first 100 get TIER_1, up to 1,000 TIER_2, up to 10,000 TIER_3, then TIER_4.
 */
export const GENESIS_TIERS = [
  { tier: 'TIER_1', below: 100, amount: '1000' },
  { tier: 'TIER_2', below: 1_000, amount: '500' },
  { tier: 'TIER_3', below: 10_000, amount: '250' },
  { tier: 'TIER_4', below: Number.POSITIVE_INFINITY, amount: '100' },
] as const;

export async function getWallet(ctx: Context, userId: string): Promise<WalletRecord> {
  const wallet = await ctx.getJson<WalletRecord>(key.wallet(userId));
  if (!wallet) throw new ChaincodeError(`Account ${userId} does not exist`);
  return wallet;
}

/** Move `amount` plus the TOK-3 fee (burned) from one wallet to another and emit TransferCompleted. */
export async function transfer(ctx: Context, fromUserId: string, toUserId: string, amount: bigint, remark: string): Promise<{ fee: string }> {
  if (fromUserId === toUserId) throw new ChaincodeError('Cannot transfer to the same account');
  const from = await getWallet(ctx, fromUserId);
  const to = await getWallet(ctx, toUserId);
  await assertNotPaused(ctx);
  if (from.frozen) throw new ChaincodeError(`Account ${fromUserId} is frozen`);
  const fee = transferFee(amount, ctx.faultOn('ledger-fee-per-mille'));
  const balance = parseAmount('balance', from.balance);
  if (balance < amount + fee) {
    throw new ChaincodeError(`Insufficient balance: ${formatAmount(balance)} < ${formatAmount(amount + fee)} (amount ${formatAmount(amount)} + fee ${formatAmount(fee)})`);
  }
  from.balance = formatAmount(balance - amount - fee);
  from.lastSentAt = now(ctx);
  to.balance = formatAmount(parseAmount('balance', to.balance) + amount);
  await ctx.putJson(key.wallet(fromUserId), from);
  await ctx.putJson(key.wallet(toUserId), to);
  emit(ctx, 'TransferCompleted', { fromUserId, toUserId, amount: formatAmount(amount), fee: formatAmount(fee), remark });
  return { fee: formatAmount(fee) };
}

async function transferTokens(ctx: Context, fromUserId: string, toUserId: string, amountArg: string, remark: string) {
  arg.id('fromUserId', fromUserId);
  arg.id('toUserId', toUserId);
  const amount = arg.amount('amount', amountArg);
  arg.text('remark', remark, 0, 256);
  return transfer(ctx, fromUserId, toUserId, amount, remark);
}

async function distributeGenesis(ctx: Context, userId: string, nationalityArg: string) {
  arg.id('userId', userId);
  const cc = arg.countryCode('nationality', nationalityArg);
  const user = await mustGet<UserRecord>(ctx, key.user(userId), `User ${userId}`);
  const wallet = await getWallet(ctx, userId);
  await assertNotPaused(ctx);
  if (user.genesisDistributed) throw new ChaincodeError(`Genesis allocation already distributed to ${userId}`);
  if (!(await isCountryInitialized(ctx, cc))) throw new ChaincodeError(`Country ${cc} is not initialized`);
  const count = (await ctx.getJson<number>(key.genesisCount(cc))) ?? 0;
  const step = GENESIS_TIERS.find((t) => count < t.below) ?? GENESIS_TIERS[GENESIS_TIERS.length - 1];
  const amount = BigInt(step.amount) * SCALE;
  wallet.balance = formatAmount(parseAmount('balance', wallet.balance) + amount);
  user.genesisDistributed = true;
  await ctx.putJson(key.wallet(userId), wallet);
  await ctx.putJson(key.user(userId), user);
  await ctx.putJson(key.genesisCount(cc), count + 1);
  emit(ctx, 'GenesisDistributed', { userId, amount: formatAmount(amount), tier: step.tier });
  return { amount: formatAmount(amount), tier: step.tier };
}

async function setFrozen(ctx: Context, userId: string, frozen: boolean, reason: string | null) {
  arg.id('userId', userId);
  const wallet = await getWallet(ctx, userId);
  wallet.frozen = frozen;
  wallet.frozenReason = reason;
  await ctx.putJson(key.wallet(userId), wallet);
  if (frozen) emit(ctx, 'WalletFrozen', { userId, reason });
  else emit(ctx, 'WalletUnfrozen', { userId });
}

export const TokenomicsContract: ContractDef = {
  name: 'TokenomicsContract',
  functions: {
    TransferTokens: tx(['fromUserId', 'toUserId', 'amount', 'remark'], transferTokens),
    DistributeGenesis: tx(['userId', 'nationality'], distributeGenesis),
    FreezeWallet: tx(['userId', 'reason'], (ctx, userId, reason) => setFrozen(ctx, userId, true, arg.text('reason', reason, 1, 256))),
    UnfreezeWallet: tx(['userId'], (ctx, userId) => setFrozen(ctx, userId, false, null)),
    GetBalance: tx(['userId'], async (ctx, userId) => {
      const w = await getWallet(ctx, arg.id('userId', userId));
      return { userId: w.userId, accountId: w.accountId, balance: w.balance, isFrozen: w.frozen };
    }),
    GetWallet: tx(['userId'], (ctx, userId) => getWallet(ctx, arg.id('userId', userId))),
  },
};
