import { ChaincodeError, type Context } from './context';

/**
 * World-state layout of the GX chaincode: one JSON record per key, keys `<type>:<id>`.
 * Amounts are decimal strings; times ISO-8601 from transaction timestamps.
 */
export const key = {
  user: (id: string) => `user:${id}`,
  biometric: (hash: string) => `biometric:${hash}`,
  wallet: (userId: string) => `wallet:${userId}`,
  account: (accountId: string) => `account:${accountId}`,
  kyc: (kycId: string) => `kyc:${kycId}`,
  country: (cc: string) => `country:${cc}`,
  param: (k: string) => `param:${k}`,
  org: (orgId: string) => `org:${orgId}`,
  multisig: (txId: string) => `multisig:${txId}`,
  loan: (loanId: string) => `loan:${loanId}`,
  proposal: (id: string) => `proposal:${id}`,
  genesisCount: (cc: string) => `genesis-count:${cc}`,
  config: (name: string) => `config:${name}`,
};

export type Role = 'USER' | 'ADMIN' | 'SUPER_ADMIN' | 'PARTNER_API';

export interface UserRecord {
  userId: string;
  biometricHash: string;
  nationality: string | null;
  age: number | null;
  status: string;
  role: Role;
  kycStatus: string | null;
  genesisDistributed: boolean;
  profile: Record<string, string>;
  createdAt: string;
}

export interface WalletRecord {
  walletId: string;
  userId: string;
  accountId: string;
  balance: string;
  frozen: boolean;
  frozenReason: string | null;
  /** Time of the last transfer sent from this wallet (velocity tax eligibility, TAX-1). */
  lastSentAt: string | null;
  createdAt: string;
}

export interface AuthRule {
  ruleId: string;
  requiredApprovers: number;
  approverGroup: string[];
  amountThreshold: string | null;
  seq: number;
}

export interface OrgRecord {
  orgId: string;
  orgName: string;
  orgType: string;
  status: 'PROPOSED' | 'ACTIVE' | 'LOCKED';
  stakeholders: string[];
  endorsers: string[];
  rules: Record<string, AuthRule>;
  ruleSeq: number;
  activatedAt: string | null;
  createdAt: string;
}

export interface MultiSigRecord {
  txId: string;
  orgId: string;
  proposerId: string;
  toUserId: string;
  amount: string;
  remark: string;
  requiredSignatures: number;
  ruleId: string | null;
  approvers: string[];
  status: 'PENDING' | 'EXECUTED' | 'REJECTED';
  executedAt: string | null;
  createdAt: string;
}

export interface LoanRecord {
  loanId: string;
  borrowerId: string;
  amount: string;
  collateralHash: string;
  status: string;
  approvedBy: string | null;
  appliedAt: string;
  approvedAt: string | null;
}

export interface ProposalRecord {
  proposalId: string;
  proposerId: string;
  targetParam: string;
  newValue: string;
  endTime: string;
  status: string;
  votesFor: number;
  votesAgainst: number;
  voters: string[];
  executedAt: string | null;
  createdAt: string;
}

export interface CountryRecord {
  countryCode: string;
  countryName: string;
  region: string | null;
}

export interface ParamRecord {
  paramKey: string;
  paramValue: string;
  updatedAt: string;
}

export interface GovernanceConfig {
  votingPeriodMs: number;
}

export function isWellKnownParam(k: string): boolean {
  return ['SYSTEM_STATUS', 'SYSTEM_PAUSE_REASON', 'SYSTEM_BOOTSTRAPPED'].includes(k)
    || /^COUNTRY_[A-Z]{2}_INITIALIZED$/.test(k)
    || /^TREASURY_[A-Z]{2}_STATUS$/.test(k);
}

export async function mustGet<T>(ctx: Context, k: string, what: string): Promise<T> {
  const record = await ctx.getJson<T>(k);
  if (record === undefined) throw new ChaincodeError(`${what} does not exist`);
  return record;
}

export async function getParam(ctx: Context, k: string): Promise<string | undefined> {
  return (await ctx.getJson<ParamRecord>(key.param(k)))?.paramValue;
}

export async function putParam(ctx: Context, k: string, value: string): Promise<void> {
  await ctx.putJson(key.param(k), { paramKey: k, paramValue: value, updatedAt: ctx.getTxTimestamp().toISOString() } satisfies ParamRecord);
}

export async function assertNotPaused(ctx: Context): Promise<void> {
  if ((await getParam(ctx, 'SYSTEM_STATUS')) === 'PAUSED') throw new ChaincodeError('System is paused');
}

export async function isCountryInitialized(ctx: Context, cc: string): Promise<boolean> {
  return (await getParam(ctx, `COUNTRY_${cc}_INITIALIZED`)) === 'true';
}

export function newWallet(userId: string, at: string, balance = '0'): WalletRecord {
  return { walletId: `wallet-${userId}`, userId, accountId: userId, balance, frozen: false, frozenReason: null, lastSentAt: null, createdAt: at };
}

/** Store a new wallet with its account index and emit WalletCreated. */
export async function createWallet(ctx: Context, wallet: WalletRecord): Promise<void> {
  await ctx.putJson(key.wallet(wallet.userId), wallet);
  await ctx.putJson(key.account(wallet.accountId), wallet.userId);
  emit(ctx, 'WalletCreated', {
    walletId: wallet.walletId,
    userId: wallet.userId,
    accountId: wallet.accountId,
    initialBalance: wallet.balance,
  });
}

/**
 * Emit a catalog event (§8.2). Every payload also carries `timestamp`, the transaction timestamp
 * (ISO-8601), because ChaincodeEvents stream entries carry no time and the projector needs it (PROJ-7).
 */
export function emit(ctx: Context, name: string, payload: Record<string, unknown>): void {
  ctx.setEvent(name, { ...payload, timestamp: ctx.getTxTimestamp().toISOString() });
}

export function now(ctx: Context): string {
  return ctx.getTxTimestamp().toISOString();
}
