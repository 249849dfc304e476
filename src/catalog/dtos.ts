import { z } from 'zod';
import { blockNumber, count, money, nonEmpty, timestamp } from './primitives';

/**
 * The §6 response objects. Required keys carry their types; extra keys are allowed (§0) except
 * the secrets of RESP-1, which `findForbiddenKeys` looks for separately.
 */

export const FORBIDDEN_RESPONSE_KEYS = ['passwordHash', 'biometricHash'] as const;

/** Every path (`user.passwordHash`) at which a RESP-1 key appears, at any depth. */
export function findForbiddenKeys(body: unknown, path = ''): string[] {
  if (Array.isArray(body)) return body.flatMap((item, i) => findForbiddenKeys(item, `${path}[${i}]`));
  if (body === null || typeof body !== 'object') return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    const here = path ? `${path}.${key}` : key;
    if ((FORBIDDEN_RESPONSE_KEYS as readonly string[]).includes(key)) found.push(here);
    found.push(...findForbiddenKeys(value, here));
  }
  return found;
}

const nullableString = z.string().nullable();

// §8.3 status vocabularies
export const USER_STATUS = ['PENDING_VERIFICATION', 'VERIFIED', 'REJECTED', 'SUSPENDED', 'CLOSED'] as const;
export const KYC_STATUS = ['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;
export const ORG_STATUS = ['PROPOSED', 'ACTIVE', 'LOCKED'] as const;
export const MULTISIG_STATUS = ['PENDING', 'EXECUTED', 'REJECTED'] as const;
export const LOAN_STATUS = ['PENDING_APPROVAL', 'ACTIVE', 'REPAID', 'REJECTED', 'DEFAULTED'] as const;
export const PROPOSAL_STATUS = ['ACTIVE', 'PASSED', 'REJECTED', 'EXECUTED'] as const;
export const TX_TYPES = ['MINT', 'SENT', 'RECEIVED', 'TAX', 'LOAN_DISBURSEMENT', 'LOAN_REPAYMENT', 'GENESIS'] as const;
const ROLE = z.enum(['USER', 'ADMIN', 'SUPER_ADMIN', 'PARTNER_API']);

export const userDto = z.looseObject({
  profileId: nonEmpty,
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phoneNum: nullableString,
  identityNum: nullableString,
  status: z.enum(USER_STATUS),
  nationalityCountryCode: nullableString,
  createdAt: timestamp,
  updatedAt: timestamp,
  role: ROLE.optional(),
});

export const kycDto = z.looseObject({
  kycId: nonEmpty,
  profileId: nonEmpty,
  status: z.enum(KYC_STATUS),
  evidenceHash: z.string(),
  evidenceSize: count,
  evidenceMime: z.string(),
  verifiedAt: timestamp.nullable(),
  // A text or JSON column in practice; the contract fixes only that the key is present.
  verifierDetails: z.union([z.string(), z.record(z.string(), z.unknown()), z.null()]),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const txDto = z.looseObject({
  offTxId: nonEmpty,
  onChainTxId: nonEmpty,
  walletId: nonEmpty,
  type: z.enum(TX_TYPES),
  counterparty: nullableString,
  amount: money,
  fee: money,
  remark: nullableString,
  timestamp,
  blockNumber,
});

export const walletBalanceDto = z.looseObject({
  walletId: nonEmpty, profileId: nonEmpty, balance: money, updatedAt: timestamp,
  isFrozen: z.boolean().optional(), primaryAccountId: z.string().optional(),
});

export const treasuryBalanceDto = z.looseObject({
  countryCode: z.string().regex(/^[A-Z]{2}$/), balance: money, updatedAt: timestamp,
});

export const organizationDto = z.looseObject({
  orgId: nonEmpty, orgName: z.string(), status: z.enum(ORG_STATUS), stakeholders: z.array(z.string()),
  createdAt: timestamp,
});

export const pendingTxDto = z.looseObject({
  txId: nonEmpty,
  orgId: nonEmpty,
  toId: nonEmpty,
  amount: money,
  remark: nullableString,
  status: z.enum(MULTISIG_STATUS),
  requiredApprovals: count,
  approverGroup: z.array(z.string()),
  approvals: z.record(z.string(), z.literal(true)),
});

export const loanDto = z.looseObject({
  loanId: nonEmpty,
  borrowerId: nonEmpty,
  amount: money,
  status: z.enum(LOAN_STATUS),
  collateralHash: z.string(),
  appliedAt: timestamp,
  approvedAt: timestamp.nullish(), // "null (or absent) until approved"
});

export const proposalDto = z.looseObject({
  proposalId: nonEmpty, proposerId: nonEmpty, status: z.enum(PROPOSAL_STATUS), forVotes: count, againstVotes: count,
});

export const systemStatusDto = z.looseObject({
  tenantId: nonEmpty, paramKey: z.literal('SYSTEM_STATUS'), paramValue: z.enum(['ACTIVE', 'PAUSED']), updatedAt: timestamp,
});

export const parameterDto = z.looseObject({
  tenantId: nonEmpty, paramKey: nonEmpty, paramValue: z.string(), updatedAt: timestamp,
});

export const countryDto = z.looseObject({
  countryCode: z.string().regex(/^[A-Z]{2}$/), countryName: z.string(), region: nullableString,
});

export const countersDto = z.looseObject({ totalSupply: money, totalUsers: count, totalOrganizations: count });
