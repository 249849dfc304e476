import * as arg from './args';
import { ChaincodeError, type Context } from './context';
import { formatAmount, mulDivHalfUp, parseAmount } from './decimal';
import { tx, type ContractDef } from './registry';
import { emit, key, type WalletRecord } from './state';

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

/** TAX-1 reference policy: not a treasury, positive balance, no transfer sent in the last 30 days. */
export function velocityEligibility(wallet: WalletRecord | undefined, at: Date): { eligible: boolean; reason: string } {
  if (!wallet) return { eligible: false, reason: 'Unknown account' };
  if (wallet.userId.startsWith('treasury_')) return { eligible: false, reason: 'Treasury accounts are exempt' };
  if (parseAmount('balance', wallet.balance) <= 0n) return { eligible: false, reason: 'Balance is zero' };
  if (wallet.lastSentAt && at.getTime() - Date.parse(wallet.lastSentAt) < THIRTY_DAYS_MS) {
    return { eligible: false, reason: 'Account sent a transfer in the last 30 days' };
  }
  return { eligible: true, reason: 'No outgoing transfer in the last 30 days' };
}

async function walletOfAccount(ctx: Context, accountId: string): Promise<WalletRecord | undefined> {
  const userId = await ctx.getJson<string>(key.account(accountId));
  return userId === undefined ? undefined : ctx.getJson<WalletRecord>(key.wallet(userId));
}

async function applyVelocityTax(ctx: Context, accountId: string, taxRateBpsArg: string) {
  arg.id('accountId', accountId);
  const bps = arg.int('taxRateBps', taxRateBpsArg, 1, 10_000);
  const wallet = await walletOfAccount(ctx, accountId);
  if (!wallet) throw new ChaincodeError(`Account ${accountId} does not exist`);
  const { eligible, reason } = velocityEligibility(wallet, ctx.getTxTimestamp());
  if (!eligible) throw new ChaincodeError(`Account ${accountId} is not eligible for velocity tax: ${reason}`);
  const balance = parseAmount('balance', wallet.balance);
  const tax = mulDivHalfUp(balance, BigInt(bps), 10_000n);
  wallet.balance = formatAmount(balance - tax);
  await ctx.putJson(key.wallet(wallet.userId), wallet);
  emit(ctx, 'VelocityTaxApplied', { accountId, taxAmount: formatAmount(tax), taxRateBps: bps });
  return { taxAmount: formatAmount(tax) };
}

export const TaxAndFeeContract: ContractDef = {
  name: 'TaxAndFeeContract',
  functions: {
    ApplyVelocityTax: tx(['accountId', 'taxRateBps'], applyVelocityTax),
    CheckVelocityTaxEligibility: tx(['accountId'], async (ctx, accountId) => velocityEligibility(await walletOfAccount(ctx, arg.id('accountId', accountId)), ctx.getTxTimestamp())),
  },
};
