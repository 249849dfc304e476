import type { ContractRule, Strength } from './types';
import { all, AUTHN, AUTHZ, ERRORS } from './define';

/**
 * Every row of every route's Errors column in contract §6 (for svc-admin: the error answers of its
 * Answer column, and the VAL-6 note for #26–#31's bodies), as `<endpoint>:<status>:<slug>`.
 * Criteria: every documented error is error handling (IT-API-4); a 401 also says the token or
 * credential check is broken (IT-API-2 and SEC-2), a 403 — and #19's not-the-borrower 404 — that
 * an authorization rule is (IT-API-3 and SEC-2).
 */
type Row = [slug: string, status: number, message: string, condition: string, strength?: Strength, alsoAccepted?: number[]];

const SECTION: Record<string, string> = { I: '6.1', tokenomics: '6.2', organization: '6.3', loanpool: '6.4', governance: '6.5', admin: '6.6', tax: '6.7' };

function sectionOf(endpoint: string): string {
  if (endpoint.startsWith('I')) return SECTION.I;
  const n = Number(endpoint.slice(1));
  if (n <= 7) return SECTION.tokenomics;
  if (n <= 15) return SECTION.organization;
  if (n <= 19) return SECTION.loanpool;
  if (n <= 24) return SECTION.governance;
  if (n <= 36) return SECTION.admin;
  return SECTION.tax;
}

function criteriaOf(endpoint: string, status: number, slug: string): string[] {
  if (status === 401) return all(ERRORS, AUTHN);
  if (status === 403 || (endpoint === '#19' && slug === 'loan-not-found')) return all(ERRORS, AUTHZ);
  return [...ERRORS];
}

const INACTIVE = 'Account is inactive. Please contact support.';
const FORBIDDEN = 'Insufficient permissions to access this resource';
const REFRESH = 'Invalid or expired refresh token';

const ROWS: Record<string, Row[]> = {
  I1: [
    ['required', 400, 'Email and password are required', 'email or password missing, null or not a string'],
    ['invalid-credentials', 401, 'Invalid email or password', 'unknown email, wrong password or malformed email (identical answers)'],
    ['inactive', 401, INACTIVE, 'SUSPENDED or CLOSED user, only after the password verifies'],
  ],
  I2: [
    ['required', 400, 'Refresh token is required', 'refreshToken missing'],
    ['invalid-refresh', 401, REFRESH, 'invalid, expired, revoked, an access token, user gone or inactive'],
  ],
  I3: [
    ['required', 400, 'Refresh token is required', 'refreshToken missing'],
    ['invalid-refresh', 401, REFRESH, 'a token that fails verification (AUTH-7; 200 with no effect also acceptable)', 'MUST', [200]],
  ],
  I4: [
    ['required', 400, 'Email, password, firstName, and lastName are required', 'a required field missing or null'],
    ['invalid-email', 400, 'Invalid email format', 'email not shaped local@domain.tld'],
    ['password-too-short', 400, 'Password must be at least 8 characters long', 'password shorter than 8 characters'],
    ['password-too-long', 400, 'Password must be at most 128 characters long', 'password longer than 128 characters'],
    ['duplicate-email', 400, 'User with this email already exists', 'a profile (deleted or not) or a non-FAILED CREATE_USER row has the email'],
    ['duplicate-phone', 400, 'User with this phone number already exists', 'the same test for phoneNum'],
  ],
  I5: [
    ['not-owner', 403, 'You can only view your own profile', 'token profileId differs from :id'],
    ['user-not-found', 404, 'User not found', 'no profile with this id'],
  ],
  I6: [
    ['not-owner', 403, 'You can only update your own profile', 'token profileId differs from :id'],
    ['no-fields', 400, 'No updatable fields provided', 'none of firstName, lastName, phoneNum, identityNum given'],
    ['user-not-found', 404, 'User not found', 'no profile with this id'],
    ['duplicate-phone', 400, 'User with this phone number already exists', 'another profile has the phoneNum'],
  ],
  I7: [
    ['not-owner', 403, 'You can only submit KYC for your own account', 'token profileId differs from :id'],
    ['required', 400, 'Evidence hash, size, and MIME type are required', 'an evidence field missing or invalid'],
    ['user-not-found', 404, 'User not found', 'no profile with this id'],
    ['kyc-approved', 409, 'KYC already approved', 'the user has an APPROVED KYC record'],
  ],
  I8: [
    ['not-owner', 403, 'You can only view your own KYC status', 'token profileId differs from :id'],
    ['user-not-found', 404, 'User not found', 'no profile with this id'],
  ],
  '#1': [
    ['required', 400, 'fromUserId, toUserId, and amount are required', 'a required field missing or null'],
    ['invalid-amount', 400, 'Amount must be greater than 0', 'invalid amount (§4)'],
    ['not-owner', 403, 'You can only transfer from your own wallet', 'fromUserId is not the token profileId'],
    ['self-transfer', 400, 'Cannot transfer to yourself', 'fromUserId equals toUserId (VAL-4)'],
    ['sender-wallet-not-found', 400, 'Sender wallet not found', 'the sender has no wallet'],
    ['receiver-wallet-not-found', 400, 'Receiver wallet not found', 'the receiver has no wallet'],
    ['sender-frozen', 400, 'Sender wallet is frozen', 'the sender wallet is frozen (VAL-4)'],
    ['insufficient-balance', 400, 'Insufficient balance. Available: <balance>, Required: <amount + fee>', 'balance < amount + fee (TOK-3)'],
  ],
  '#2': [
    ['required', 400, 'userId, userType, and countryCode are required', 'a required field missing or null'],
    ['invalid-user-type', 400, 'Invalid userType', 'userType not individual, business, government or organization'],
    ['invalid-country', 400, 'Invalid country code', 'countryCode not two letters'],
    ['user-not-found', 400, 'User not found', 'no such user'],
    ['wallet-not-found', 400, 'User wallet not found', 'the user has no wallet'],
    ['genesis-distributed', 409, 'Genesis already distributed for this user', 'the primary wallet has a GENESIS Transaction', 'SHOULD'],
  ],
  '#3': [
    ['not-owner', 403, 'You can only view your own balance', 'token profileId differs from :profileId'],
    ['wallet-not-found', 404, 'Wallet not found', 'the profile has no wallet'],
  ],
  '#4': [
    ['invalid-country', 400, 'Invalid country code', 'countryCode not two letters'],
    ['treasury-not-found', 404, 'Treasury wallet not found for country: <CC>', 'no treasury_<CC> wallet'],
  ],
  '#5': [
    ['not-owner', 403, 'You can only view your own transactions', 'token profileId differs from :profileId'],
    ['invalid-limit', 400, 'Invalid limit', 'limit not an integer 1–100'],
    ['invalid-offset', 400, 'Invalid offset', 'offset not an integer 0–2147483647'],
    ['wallet-not-found', 404, 'Wallet not found', 'the profile has no wallet'],
  ],
  '#6': [
    ['reason-required', 400, 'Reason is required', 'reason missing or invalid'],
    ['wallet-not-found', 404, 'Wallet not found', 'no wallet with this id'],
  ],
  '#7': [['wallet-not-found', 404, 'Wallet not found', 'no wallet with this id']],
  '#8': [
    ['required', 400, 'orgId, orgName, orgType, and stakeholderIds are required', 'a required field missing or null'],
    ['no-stakeholder', 400, 'At least one stakeholder is required', 'stakeholderIds empty'],
    ['not-stakeholder', 403, 'You must be a stakeholder to propose an organization', 'token profileId not in stakeholderIds'],
    ['stakeholders-not-found', 400, 'Some stakeholders not found: <id, id>', 'a stakeholder id names no user'],
    ['org-exists', 409, 'Organization already exists', 'orgId taken', 'SHOULD'],
  ],
  '#9': [['org-not-found', 404, 'Organization not found', 'no organization with this id', 'SHOULD']],
  '#10': [
    ['not-stakeholder', 403, FORBIDDEN, 'caller neither ADMIN/SUPER_ADMIN nor a stakeholder, also for an unknown orgId (§3.5)'],
    ['org-not-found', 404, 'Organization not found', 'admin caller, no organization with this id'],
  ],
  '#11': [
    ['required', 400, 'orgId and rule are required', 'rule missing or null'],
    ['required-approvers', 400, 'requiredApprovers must be at least 1', 'requiredApprovers below 1 or not an integer'],
    ['approver-group-too-small', 400, 'approverGroup must have at least as many members as requiredApprovers', 'approverGroup smaller than requiredApprovers'],
    ['not-stakeholder', 403, FORBIDDEN, 'as #10 (§3.5)'],
    ['org-not-found', 404, 'Organization not found', 'as #10: admin caller, no organization with this id'],
  ],
  '#12': [
    ['required', 400, 'orgId, toUserId, and amount are required', 'a required field missing or null'],
    ['invalid-amount', 400, 'Amount must be greater than 0', 'invalid amount (§4)'],
    ['org-not-found', 404, 'Organization not found', 'no organization with this id', 'SHOULD'],
  ],
  '#13': [['pending-tx-not-found', 404, 'Pending transaction not found', 'no such pending transaction', 'SHOULD']],
  '#14': [['org-not-found', 404, 'Organization not found', 'no organization with this id']],
  '#15': [['org-not-found', 404, 'Organization not found', 'unknown organization (an empty list is acceptable)', 'SHOULD', [200]]],
  '#16': [
    ['required', 400, 'borrowerId, amount, and collateralHash are required', 'a required field missing or null'],
    ['invalid-amount', 400, 'Amount must be greater than 0', 'invalid amount (§4)'],
    ['not-owner', 403, 'You can only apply for loans for yourself', 'borrowerId is not the token profileId'],
    ['borrower-not-found', 400, 'Borrower not found', 'borrowerId names no user'],
  ],
  '#17': [
    ['loan-not-found', 404, 'Loan not found', 'no loan with this id'],
    ['not-pending', 400, 'Loan cannot be approved. Current status: <status>', 'the loan is not PENDING_APPROVAL'],
  ],
  '#18': [['not-owner', 403, 'You can only view your own loans', 'token profileId differs from :borrowerId']],
  '#19': [['loan-not-found', 404, 'Loan not found', 'unknown loanId, or the caller is not the borrower (byte-identical answers)']],
  '#20': [
    ['required', 400, 'targetParam, newValue, and proposerId are required', 'a required field missing or null'],
    ['not-owner', 403, 'You can only submit proposals as yourself', 'proposerId is not the token profileId'],
  ],
  '#21': [
    ['required', 400, 'proposalId and vote are required', 'vote missing'],
    ['vote-not-boolean', 400, 'vote must be a boolean', 'vote present but not true or false'],
    ['proposal-not-found', 404, 'Proposal not found', 'no such proposal', 'SHOULD'],
  ],
  '#22': [['proposal-not-found', 404, 'Proposal not found', 'no such proposal', 'SHOULD']],
  '#23': [['proposal-not-found', 404, 'Proposal not found', 'no such proposal']],
  '#26': [['invalid-field', 400, '<field> is required | <field> is invalid', 'countriesData missing or invalid (VAL-6: a message naming the field)']],
  '#27': [['invalid-field', 400, '<field> is required | <field> is invalid', 'paramId or newValue missing or invalid (VAL-6)']],
  '#28': [['invalid-field', 400, '<field> is required | <field> is invalid', 'reason missing or invalid (VAL-6)']],
  '#30': [
    ['invalid-field', 400, '<field> is required | <field> is invalid', 'newAdminId missing or invalid (VAL-6)'],
    ['user-not-found', 400, 'User not found', 'newAdminId names no user', 'SHOULD'],
  ],
  '#31': [['invalid-field', 400, '<field> is required | <field> is invalid', 'countryCode missing or invalid (VAL-6)']],
  '#32': [['status-not-found', 404, 'System status not found', 'before bootstrap']],
  '#33': [['parameter-not-found', 404, 'System parameter not found', 'no parameter with this key']],
  '#34': [
    ['invalid-country', 400, 'Invalid country code', 'countryCode not two letters'],
    ['country-not-found', 404, 'Country stats not found', 'unknown country'],
  ],
  '#37': [['invalid-amount', 400, 'amount must be a positive number', 'amount missing, non-numeric, zero, negative or over-precise']],
  '#38': [['invalid-field', 400, '<field> is required | <field> is invalid', 'accountId or taxRateBps missing or invalid (VAL-6)']],
  '#39': [['invalid-account-id', 400, 'Invalid accountId', 'accountId not an id']],
};

export const DOCUMENTED_ERRORS: ContractRule[] = Object.entries(ROWS).flatMap(([endpoint, rows]) =>
  rows.map(([slug, status, message, condition, strength = 'MUST', alsoAccepted]) => ({
    id: `${endpoint}:${status}:${slug}`,
    kind: 'documented-error' as const,
    section: sectionOf(endpoint),
    strength,
    text: condition,
    criteria: criteriaOf(endpoint, status, slug),
    endpoint, status, message,
    ...(alsoAccepted ? { alsoAccepted } : {}),
  })));
