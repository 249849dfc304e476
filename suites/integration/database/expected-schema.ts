/**
 * Contract §14 as data: the tables, columns, keys and enum values a GX read model must have.
 * Written from the contract, not from any migration, so the check compares two independent sources.
 * `advisory` marks † items (a recommended name): differences are reported, never failed.
 */

/** Column type families the contract fixes; `any` where it names the column only. */
export type ColumnType = 'any' | 'text' | 'char2' | 'money' | 'bigint' | 'int' | 'boolean' | 'jsonb' | 'timestamptz' | `enum:${string}`;

export interface ExpectedColumn { name: string; type: ColumnType; nullable?: boolean; advisory?: boolean; typeAdvisory?: boolean }
export interface ExpectedTable {
  name: string;
  advisory?: boolean;
  primaryKey: string[];
  columns: ExpectedColumn[];
  unique?: string[][];
  foreignKeys?: { columns: string[]; references: string }[];
  indexes?: string[][];
}
export interface ExpectedEnum { name: string; advisory?: boolean; values: string[]; advisoryValues?: string[] }

const c = (name: string, type: ColumnType = 'any', extra: Partial<ExpectedColumn> = {}): ExpectedColumn => ({ name, type, ...extra });
const nul = (name: string, type: ColumnType = 'any', extra: Partial<ExpectedColumn> = {}) => c(name, type, { nullable: true, ...extra });
const ts = [c('createdAt', 'timestamptz'), c('updatedAt', 'timestamptz')];

export const EXPECTED_TABLES: ExpectedTable[] = [
  {
    name: 'UserProfile', primaryKey: ['profileId'],
    columns: [
      c('profileId', 'text'), c('tenantId'), c('email'), c('passwordHash'), c('firstName'), c('lastName'),
      nul('phoneNum'), nul('identityNum'), c('biometricHash'), nul('nationalityCountryCode', 'char2'),
      c('status', 'enum:UserProfileStatus'), c('role', 'enum:UserRole', { typeAdvisory: true }), nul('deletedAt', 'timestamptz'), ...ts,
    ],
    unique: [['email'], ['phoneNum'], ['biometricHash']],
    foreignKeys: [{ columns: ['nationalityCountryCode'], references: 'Country' }],
  },
  {
    name: 'KYCVerification', primaryKey: ['kycId'],
    columns: [
      c('kycId'), c('profileId'), c('status', 'enum:KycStatus'), c('evidenceHash'), c('evidenceSize', 'int'), c('evidenceMime'),
      nul('verifiedAt', 'timestamptz'), nul('verifierDetails'), ...ts,
    ],
    foreignKeys: [{ columns: ['profileId'], references: 'UserProfile' }],
  },
  {
    name: 'Wallet', primaryKey: ['walletId'],
    columns: [
      c('walletId'), c('tenantId'), c('profileId'), c('primaryAccountId'), nul('walletName'), c('cachedBalance', 'money'),
      c('isFrozen', 'boolean'), nul('deletedAt', 'timestamptz'), ...ts,
    ],
    unique: [['tenantId', 'primaryAccountId']],
  },
  {
    name: 'Transaction', primaryKey: ['offTxId'],
    columns: [
      c('offTxId'), c('tenantId'), c('onChainTxId'), c('walletId'), c('type', 'enum:OffChainTxType'), nul('counterparty'),
      c('amount', 'money'), c('fee', 'money'), nul('remark'), c('timestamp', 'timestamptz'), nul('blockNumber', 'bigint'),
    ],
    unique: [['tenantId', 'onChainTxId']],
    foreignKeys: [{ columns: ['walletId'], references: 'Wallet' }],
  },
  {
    name: 'OutboxCommand', primaryKey: ['id'],
    columns: [
      c('id', 'text'), c('tenantId'), c('service'), c('requestId'), c('commandType', 'enum:CommandType'), c('payload', 'jsonb'),
      c('status', 'enum:OutboxStatus'), c('attempts', 'int'), c('nextAttemptAt', 'timestamptz', { advisory: true }),
      nul('lockedBy'), nul('lockedAt', 'timestamptz'), nul('submittedAt', 'timestamptz'), nul('fabricTxId'),
      nul('commitBlock', 'bigint'), nul('errorCode', 'text'), nul('error', 'text'), ...ts,
    ],
    unique: [['tenantId', 'requestId']],
    indexes: [['status', 'createdAt'], ['tenantId', 'status'], ['fabricTxId']],
  },
  {
    name: 'ProjectorState', primaryKey: ['tenantId', 'projectorName', 'channel'],
    columns: [
      c('tenantId'), c('projectorName'), c('channel'), c('lastBlock', 'bigint'), c('lastEventIndex', 'int'),
      c('heartbeatAt', 'timestamptz', { advisory: true }), c('lagMs', 'int', { advisory: true }), c('updatedAt', 'timestamptz'),
    ],
  },
  {
    name: 'Organization', primaryKey: ['orgId'],
    columns: [
      c('orgId'), c('tenantId'), c('orgName'), c('orgType', 'text'), c('status', 'text'), c('stakeholders', 'jsonb'),
      c('endorsers', 'jsonb'), c('authRules', 'jsonb'), nul('activatedAt', 'timestamptz'), ...ts,
    ],
  },
  {
    name: 'MultiSigTransaction', primaryKey: ['txId'],
    columns: [
      c('txId'), c('tenantId'), c('orgId'), c('proposerId'), c('operation', 'text'), c('params', 'jsonb'),
      nul('ruleId', 'any', { advisory: true }), c('status', 'text'), c('requiredSignatures', 'int'), c('currentSignatures', 'int'),
      c('approvers', 'jsonb'), nul('executedAt', 'timestamptz'), ...ts,
    ],
  },
  {
    name: 'Loan', primaryKey: ['loanId'],
    columns: [
      c('loanId'), c('tenantId'), c('borrowerId'), c('amount', 'money'), nul('collateralHash'), nul('purpose'), c('status', 'text'),
      c('appliedAt', 'timestamptz'), nul('approvedBy'), nul('approvedAt', 'timestamptz'),
    ],
  },
  {
    name: 'Proposal', primaryKey: ['proposalId'],
    columns: [
      c('proposalId'), c('tenantId'), c('proposerId'), c('targetParam', 'any', { advisory: true }), c('newValue', 'any', { advisory: true }),
      nul('endTime', 'timestamptz', { advisory: true }), nul('title'), nul('description'), nul('proposalType'), c('status', 'text'),
      c('votesFor', 'int'), c('votesAgainst', 'int'), c('voters', 'jsonb'), nul('executedAt', 'timestamptz'), ...ts,
    ],
  },
  {
    name: 'SystemParameter', primaryKey: ['tenantId', 'paramKey'],
    columns: [c('tenantId'), c('paramKey'), c('paramValue', 'text'), c('updatedAt', 'timestamptz')],
  },
  { name: 'Country', primaryKey: ['countryCode'], columns: [c('countryCode', 'char2'), c('countryName'), nul('region')] },
  {
    name: 'HttpIdempotency', advisory: true, primaryKey: ['tenantId', 'principal', 'idempotencyKey'],
    columns: [
      c('tenantId'), c('principal'), c('idempotencyKey'), c('method'), c('path'), c('bodyHash'), nul('statusCode'),
      c('responseBody', 'jsonb'), c('responseHeaders', 'jsonb'), c('createdAt', 'timestamptz'), c('ttlExpiresAt', 'timestamptz'),
    ],
  },
];

export const EXPECTED_ENUMS: ExpectedEnum[] = [
  { name: 'UserProfileStatus', values: ['PENDING_VERIFICATION', 'VERIFIED', 'REJECTED', 'SUSPENDED', 'CLOSED'] },
  { name: 'UserRole', advisory: true, values: ['USER', 'ADMIN', 'SUPER_ADMIN', 'PARTNER_API'] },
  { name: 'KycStatus', values: ['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'] },
  { name: 'OffChainTxType', values: ['MINT', 'SENT', 'RECEIVED', 'TAX', 'LOAN_DISBURSEMENT', 'LOAN_REPAYMENT', 'GENESIS'] },
  { name: 'OutboxStatus', values: ['PENDING', 'LOCKED', 'SUBMITTED', 'COMMITTED', 'FAILED'] },
  {
    name: 'CommandType',
    values: [
      'CREATE_USER', 'UPDATE_USER_PROFILE', 'SUBMIT_KYC', 'TRANSFER_TOKENS', 'DISTRIBUTE_GENESIS', 'FREEZE_WALLET',
      'UNFREEZE_WALLET', 'PROPOSE_ORGANIZATION', 'ENDORSE_MEMBERSHIP', 'ACTIVATE_ORGANIZATION', 'DEFINE_AUTH_RULE',
      'INITIATE_MULTISIG_TX', 'APPROVE_MULTISIG_TX', 'EXECUTE_MULTISIG_TX', 'APPLY_FOR_LOAN', 'APPROVE_LOAN',
      'SUBMIT_PROPOSAL', 'CAST_VOTE', 'EXECUTE_PROPOSAL', 'BOOTSTRAP_SYSTEM', 'INITIALIZE_COUNTRY',
      'UPDATE_SYSTEM_PARAMETER', 'PAUSE_SYSTEM', 'RESUME_SYSTEM', 'APPOINT_ADMIN', 'ACTIVATE_TREASURY', 'APPLY_VELOCITY_TAX',
    ],
    advisoryValues: ['UPDATE_USER_PROFILE', 'SUBMIT_KYC'],
  },
];
