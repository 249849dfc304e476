import { MONEY_PATTERN } from '../../../src/catalog/primitives';

/**
 * §7.2 and MAP-1 as data: for each command type, the chaincode arguments in order, the extra
 * payload keys, and what each value must be given the request that caused it. Values are strings
 * (amounts decimal strings, booleans "true"/"false", integers in decimal, JSON arguments as JSON
 * text); absent optional arguments are "" and absent extras null.
 */
export interface RequestView {
  body: Record<string, unknown>;
  params: Record<string, string>;
  /** The token's profileId (the acting user: endorser, initiator, approver, voter). */
  actor: string | null;
  /** The 202 body (server-assigned ids: pendingTxId, loanId, proposalId). */
  reply: Record<string, unknown>;
}

/** A judge of one payload value: null when it is right, else what is wrong. */
export type Want = (value: unknown) => string | null;

const show = (v: unknown) => JSON.stringify(v);
export const is = (want: unknown): Want => (v) => (v === want ? null : `${show(v)}, expected ${show(want)}`);
/** A decimal string (SER-2) equal to the request's amount by value. */
export const decimal = (want: unknown): Want => (v) => {
  if (typeof v !== 'string' || !MONEY_PATTERN.test(v)) return `${show(v)}, expected a decimal string equal to ${show(want)} (SER-2)`;
  const norm = (x: string) => x.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return norm(v) === norm(String(want)) ? null : `${show(v)}, expected ${show(String(want))} (by value)`;
};
/** Integers travel as decimal text. */
export const integer = (want: unknown): Want => is(String(want));
/** A JSON argument: text that parses to the validated value. */
export const json = (want: unknown, normalize: (x: unknown) => unknown = (x) => x): Want => (v) => {
  if (typeof v !== 'string') return `${show(v)}, expected JSON text of ${show(want)}`;
  try {
    return canonical(normalize(JSON.parse(v))) === canonical(want) ? null : `${v}, expected JSON equal to ${show(want)}`;
  } catch {
    return `${show(v)} is not JSON`;
  }
};
export const matches = (re: RegExp, what: string): Want => (v) => (typeof v === 'string' && re.test(v) ? null : `${show(v)}, expected ${what}`);
const optional = (v: unknown) => (v === undefined || v === null ? '' : v);
const nullable = (v: unknown) => (v === undefined ? null : v);
const upper = (v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v);
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null).sort(([a], [b]) => a.localeCompare(b))) : v));
}

export interface PayloadSpec { args: string[]; extras: string[]; want(r: RequestView): Record<string, Want> }

export const PAYLOADS: Record<string, PayloadSpec> = {
  CREATE_USER: {
    args: ['userId', 'biometricHash', 'nationality', 'age'],
    extras: ['email', 'passwordHash', 'firstName', 'lastName', 'phoneNum', 'identityNum'],
    want: ({ body }) => ({
      userId: matches(/^\S{1,128}$/, 'a server-assigned profileId'), biometricHash: matches(/^[0-9a-f]{64}$/, '64 hex characters (ID-2)'),
      nationality: is(upper(optional(body.nationalityCountryCode))), age: is(body.age === undefined || body.age === null ? '' : String(body.age)),
      email: is(String(body.email).toLowerCase()),
      passwordHash: (v) => (typeof v === 'string' && v !== body.password && /^\$(?:2[aby]\$\d{2}\$|argon2id\$)/.test(v) ? null : 'not a bcrypt or argon2id hash of the password (ID-2)'),
      firstName: is(body.firstName), lastName: is(body.lastName), phoneNum: is(nullable(body.phoneNum)), identityNum: is(nullable(body.identityNum)),
    }),
  },
  UPDATE_USER_PROFILE: {
    args: ['userId', 'changesJson'], extras: [],
    want: ({ params, body }) => ({ userId: is(params.id), changesJson: json(Object.fromEntries(Object.entries(body).filter(([k, v]) => ['firstName', 'lastName', 'phoneNum', 'identityNum'].includes(k) && v !== null))) }),
  },
  SUBMIT_KYC: {
    args: ['userId', 'kycId', 'evidenceHash', 'evidenceSize', 'evidenceMime'], extras: [],
    want: ({ params, body }) => ({ userId: is(params.id), kycId: matches(/^\S{1,128}$/, 'a server-assigned kycId'), evidenceHash: is(body.evidenceHash), evidenceSize: integer(body.evidenceSize), evidenceMime: is(body.evidenceMime) }),
  },
  TRANSFER_TOKENS: {
    args: ['fromUserId', 'toUserId', 'amount', 'remark'], extras: [],
    want: ({ body }) => ({ fromUserId: is(body.fromUserId), toUserId: is(body.toUserId), amount: decimal(body.amount), remark: is(optional(body.remark)) }),
  },
  DISTRIBUTE_GENESIS: {
    args: ['userId', 'nationality'], extras: ['userType'],
    want: ({ body }) => ({ userId: is(body.userId), nationality: is(upper(body.countryCode)), userType: is(body.userType) }),
  },
  FREEZE_WALLET: { args: ['userId', 'reason'], extras: ['walletId'], want: ({ params, body }) => ({ userId: matches(/^\S+$/, "the wallet's profileId"), reason: is(body.reason), walletId: is(params.walletId) }) },
  UNFREEZE_WALLET: { args: ['userId'], extras: ['walletId'], want: ({ params }) => ({ userId: matches(/^\S+$/, "the wallet's profileId"), walletId: is(params.walletId) }) },
  PROPOSE_ORGANIZATION: {
    args: ['orgId', 'orgName', 'orgType', 'stakeholderIdsJson'], extras: [],
    want: ({ body }) => ({ orgId: is(body.orgId), orgName: is(body.orgName), orgType: is(body.orgType), stakeholderIdsJson: json(body.stakeholderIds) }),
  },
  ENDORSE_MEMBERSHIP: { args: ['orgId', 'endorserId'], extras: [], want: ({ params, actor }) => ({ orgId: is(params.orgId), endorserId: is(actor) }) },
  ACTIVATE_ORGANIZATION: { args: ['orgId'], extras: [], want: ({ params }) => ({ orgId: is(params.orgId) }) },
  DEFINE_AUTH_RULE: { args: ['orgId', 'ruleJson'], extras: [], want: ({ params, body }) => ({ orgId: is(params.orgId), ruleJson: json(body.rule) }) },
  INITIATE_MULTISIG_TX: {
    args: ['pendingTxId', 'orgId', 'initiatorId', 'toUserId', 'amount', 'remark'], extras: [],
    want: ({ params, body, actor, reply }) => ({
      pendingTxId: is(reply.pendingTxId), orgId: is(params.orgId), initiatorId: is(actor), toUserId: is(body.toUserId), amount: decimal(body.amount), remark: is(optional(body.remark)),
    }),
  },
  APPROVE_MULTISIG_TX: { args: ['pendingTxId', 'approverId'], extras: [], want: ({ params, actor }) => ({ pendingTxId: is(params.pendingTxId), approverId: is(actor) }) },
  APPLY_FOR_LOAN: {
    args: ['loanId', 'borrowerId', 'amount', 'collateralHash'], extras: [],
    want: ({ body, reply }) => ({ loanId: is(reply.loanId), borrowerId: is(body.borrowerId), amount: decimal(body.amount), collateralHash: is(body.collateralHash) }),
  },
  APPROVE_LOAN: { args: ['loanId', 'approverId'], extras: [], want: ({ params, actor }) => ({ loanId: is(params.loanId), approverId: is(actor) }) },
  SUBMIT_PROPOSAL: {
    args: ['proposalId', 'targetParam', 'newValue', 'proposerId'], extras: [],
    want: ({ body, reply }) => ({ proposalId: is(reply.proposalId), targetParam: is(body.targetParam), newValue: is(body.newValue), proposerId: is(body.proposerId) }),
  },
  CAST_VOTE: { args: ['proposalId', 'vote', 'voterId'], extras: [], want: ({ params, body, actor }) => ({ proposalId: is(params.proposalId), vote: is(String(body.vote)), voterId: is(actor) }) },
  EXECUTE_PROPOSAL: { args: ['proposalId'], extras: [], want: ({ params }) => ({ proposalId: is(params.proposalId) }) },
  BOOTSTRAP_SYSTEM: { args: [], extras: [], want: () => ({}) },
  INITIALIZE_COUNTRY: {
    args: ['countriesJson'], extras: [],
    want: ({ body }) => ({ countriesJson: json((body.countriesData as Array<Record<string, unknown>>).map((c) => ({ ...c, code: upper(c.code) })), (x) => (Array.isArray(x) ? x.map((c) => ({ ...(c as object), code: upper((c as Record<string, unknown>).code) })) : x)) }),
  },
  UPDATE_SYSTEM_PARAMETER: { args: ['paramId', 'newValue'], extras: [], want: ({ body }) => ({ paramId: is(body.paramId), newValue: is(body.newValue) }) },
  PAUSE_SYSTEM: { args: ['reason'], extras: [], want: ({ body }) => ({ reason: is(body.reason) }) },
  RESUME_SYSTEM: { args: [], extras: [], want: () => ({}) },
  APPOINT_ADMIN: { args: ['newAdminId'], extras: [], want: ({ body }) => ({ newAdminId: is(body.newAdminId) }) },
  ACTIVATE_TREASURY: { args: ['countryCode'], extras: [], want: ({ body }) => ({ countryCode: is(upper(body.countryCode)) }) },
  APPLY_VELOCITY_TAX: { args: ['accountId', 'taxRateBps'], extras: [], want: ({ body }) => ({ accountId: is(body.accountId), taxRateBps: integer(body.taxRateBps) }) },
};
