import { formatAmount, parseAmount } from './chaincode/decimal';
import {
  key, type AuthRule, type CountryRecord, type GovernanceConfig, type LoanRecord, type MultiSigRecord, type OrgRecord,
  type ParamRecord, type ProposalRecord, type Role, type UserRecord, type WalletRecord,
} from './chaincode/state';
import type { Ledger } from './ledger';

/**
 * Fixture state the sandbox writes straight into the world state at boot (block 0, no events), so
 * that data seeded into the read model also exists on the ledger. Amounts are decimal strings.
 */
export interface SeedWallet {
  walletId?: string;
  /** Wallet.primaryAccountId; defaults to the userId. */
  accountId?: string;
  balance?: string;
  frozen?: boolean;
  frozenReason?: string;
  /** ISO time of the last SENT transfer (velocity-tax eligibility). */
  lastSentAt?: string;
}

export interface LedgerSeed {
  users?: Array<{
    userId: string;
    biometricHash?: string;
    nationality?: string | null;
    age?: number | null;
    status?: string;
    role?: Role;
    kycStatus?: string | null;
    genesisDistributed?: boolean;
    /** The user's wallet; omitted → a zero-balance wallet; null → no wallet. */
    wallet?: SeedWallet | null;
  }>;
  countries?: Array<{ countryCode: string; countryName: string; region?: string | null; treasuryActive?: boolean; treasuryBalance?: string }>;
  params?: Record<string, string>;
  orgs?: Array<{
    orgId: string;
    orgName: string;
    orgType?: string;
    status?: OrgRecord['status'];
    stakeholders: string[];
    endorsers?: string[];
    rules?: Array<{ ruleId?: string; requiredApprovers: number; approverGroup: string[]; amountThreshold?: string | null }>;
    /** Organization wallet (ACTIVE organizations get one by default). */
    wallet?: SeedWallet | null;
  }>;
  multisig?: Array<Omit<MultiSigRecord, 'requiredSignatures' | 'ruleId' | 'approvers' | 'status' | 'executedAt' | 'createdAt' | 'remark'> & Partial<MultiSigRecord>>;
  loans?: Array<Pick<LoanRecord, 'loanId' | 'borrowerId' | 'amount'> & Partial<LoanRecord>>;
  proposals?: Array<Pick<ProposalRecord, 'proposalId' | 'proposerId' | 'targetParam' | 'newValue'> & Partial<ProposalRecord>>;
  kyc?: Array<{ kycId: string; userId: string; status?: string; evidenceHash?: string; evidenceSize?: number; evidenceMime?: string }>;
  governance?: GovernanceConfig;
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

function wallet(userId: string, at: string, w: SeedWallet = {}): WalletRecord {
  return {
    walletId: w.walletId ?? `wallet-${userId}`,
    userId,
    accountId: w.accountId ?? userId,
    balance: formatAmount(parseAmount('balance', w.balance ?? '0')),
    frozen: w.frozen ?? false,
    frozenReason: w.frozen ? (w.frozenReason ?? 'seeded') : null,
    lastSentAt: w.lastSentAt ?? null,
    createdAt: at,
  };
}

export function seedEntries(seed: LedgerSeed, at = new Date().toISOString()): Array<[string, Uint8Array]> {
  const out: Array<[string, Uint8Array]> = [];
  const put = (k: string, v: unknown) => out.push([k, json(v)]);
  const param = (k: string, v: string) => put(key.param(k), { paramKey: k, paramValue: v, updatedAt: at } satisfies ParamRecord);
  const putWallet = (w: WalletRecord) => {
    put(key.wallet(w.userId), w);
    put(key.account(w.accountId), w.userId);
  };
  if (seed.governance) put(key.config('governance'), seed.governance);
  for (const [k, v] of Object.entries(seed.params ?? {})) param(k, v);
  for (const c of seed.countries ?? []) {
    const cc = c.countryCode.toUpperCase();
    put(key.country(cc), { countryCode: cc, countryName: c.countryName, region: c.region ?? null } satisfies CountryRecord);
    param(`COUNTRY_${cc}_INITIALIZED`, 'true');
    if (c.treasuryActive) {
      param(`TREASURY_${cc}_STATUS`, 'ACTIVE');
      putWallet(wallet(`treasury_${cc}`, at, { balance: c.treasuryBalance }));
    }
  }
  for (const u of seed.users ?? []) {
    const biometricHash = u.biometricHash ?? `seed-biometric-${u.userId}`;
    const user: UserRecord = {
      userId: u.userId, biometricHash, nationality: u.nationality ?? null, age: u.age ?? null,
      status: u.status ?? 'VERIFIED', role: u.role ?? 'USER', kycStatus: u.kycStatus ?? null,
      genesisDistributed: u.genesisDistributed ?? false, profile: {}, createdAt: at,
    };
    put(key.user(u.userId), user);
    put(key.biometric(biometricHash), u.userId);
    if (u.wallet !== null) putWallet(wallet(u.userId, at, u.wallet));
  }
  for (const k of seed.kyc ?? []) {
    put(key.kyc(k.kycId), { kycId: k.kycId, userId: k.userId, evidenceHash: k.evidenceHash ?? '', evidenceSize: k.evidenceSize ?? 0, evidenceMime: k.evidenceMime ?? '', status: k.status ?? 'PENDING', submittedAt: at });
  }
  for (const o of seed.orgs ?? []) {
    const rules: Record<string, AuthRule> = {};
    (o.rules ?? []).forEach((r, i) => {
      const ruleId = r.ruleId ?? `rule-${i + 1}`;
      rules[ruleId] = { ruleId, requiredApprovers: r.requiredApprovers, approverGroup: r.approverGroup, amountThreshold: r.amountThreshold ?? null, seq: i + 1 };
    });
    const status = o.status ?? 'PROPOSED';
    put(key.org(o.orgId), {
      orgId: o.orgId, orgName: o.orgName, orgType: o.orgType ?? 'BUSINESS', status, stakeholders: o.stakeholders,
      endorsers: o.endorsers ?? (status === 'ACTIVE' ? o.stakeholders : []), rules, ruleSeq: Object.keys(rules).length,
      activatedAt: status === 'ACTIVE' ? at : null, createdAt: at,
    } satisfies OrgRecord);
    if (o.wallet !== null && (o.wallet || status === 'ACTIVE')) putWallet(wallet(o.orgId, at, o.wallet ?? {}));
  }
  for (const m of seed.multisig ?? []) {
    put(key.multisig(m.txId), {
      requiredSignatures: 1, ruleId: null, approvers: [], status: 'PENDING', executedAt: null, createdAt: at, remark: '', ...m,
      amount: formatAmount(parseAmount('amount', m.amount)),
    } satisfies MultiSigRecord);
  }
  for (const l of seed.loans ?? []) {
    put(key.loan(l.loanId), {
      collateralHash: '', status: 'PENDING_APPROVAL', approvedBy: null, appliedAt: at, approvedAt: null, ...l,
      amount: formatAmount(parseAmount('amount', l.amount)),
    } satisfies LoanRecord);
  }
  for (const p of seed.proposals ?? []) {
    const endTime = p.endTime ?? new Date(Date.parse(at) + (seed.governance?.votingPeriodMs ?? 7 * 24 * 3600 * 1000)).toISOString();
    put(key.proposal(p.proposalId), {
      status: 'ACTIVE', votesFor: 0, votesAgainst: 0, voters: [], executedAt: null, createdAt: at, ...p, endTime,
    } satisfies ProposalRecord);
  }
  return out;
}

/** What the sandbox gets as `StartedFabric.ledger`: seeding plus read access for tests and tools. */
export class LedgerHandle {
  constructor(readonly raw: Ledger) {}

  seed(seed: LedgerSeed): void {
    this.raw.seedState(seedEntries(seed));
  }

  /** A world-state record as JSON (undefined when absent). */
  read<T = unknown>(k: string): T | undefined {
    const entry = this.raw.get(k);
    return entry ? (JSON.parse(Buffer.from(entry.value).toString('utf8')) as T) : undefined;
  }

  height(): number {
    return this.raw.height();
  }

  txStatus(txId: string) {
    return this.raw.txStatus(txId);
  }
}
