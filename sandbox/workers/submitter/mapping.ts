import type { FaultSwitchboard } from '../../faults/switchboard';

/** One row of the §7.2 table: the chaincode function a command type calls and its argument order. */
export interface CommandMapping {
  fn: string;
  args: readonly string[];
}

/** §7.2: command type → `Contract:Function` with argument names in order (= payload keys). */
export const COMMAND_MAP: Readonly<Record<string, CommandMapping>> = {
  CREATE_USER: { fn: 'IdentityContract:CreateUser', args: ['userId', 'biometricHash', 'nationality', 'age'] },
  UPDATE_USER_PROFILE: { fn: 'IdentityContract:UpdateUserProfile', args: ['userId', 'changesJson'] },
  SUBMIT_KYC: { fn: 'IdentityContract:SubmitKYC', args: ['userId', 'kycId', 'evidenceHash', 'evidenceSize', 'evidenceMime'] },
  TRANSFER_TOKENS: { fn: 'TokenomicsContract:TransferTokens', args: ['fromUserId', 'toUserId', 'amount', 'remark'] },
  DISTRIBUTE_GENESIS: { fn: 'TokenomicsContract:DistributeGenesis', args: ['userId', 'nationality'] },
  FREEZE_WALLET: { fn: 'TokenomicsContract:FreezeWallet', args: ['userId', 'reason'] },
  UNFREEZE_WALLET: { fn: 'TokenomicsContract:UnfreezeWallet', args: ['userId'] },
  PROPOSE_ORGANIZATION: { fn: 'OrganizationContract:ProposeOrganization', args: ['orgId', 'orgName', 'orgType', 'stakeholderIdsJson'] },
  ENDORSE_MEMBERSHIP: { fn: 'OrganizationContract:EndorseMembership', args: ['orgId', 'endorserId'] },
  ACTIVATE_ORGANIZATION: { fn: 'OrganizationContract:ActivateOrganization', args: ['orgId'] },
  DEFINE_AUTH_RULE: { fn: 'OrganizationContract:DefineAuthRule', args: ['orgId', 'ruleJson'] },
  INITIATE_MULTISIG_TX: { fn: 'OrganizationContract:InitiateMultiSigTx', args: ['pendingTxId', 'orgId', 'initiatorId', 'toUserId', 'amount', 'remark'] },
  APPROVE_MULTISIG_TX: { fn: 'OrganizationContract:ApproveMultiSigTx', args: ['pendingTxId', 'approverId'] },
  APPLY_FOR_LOAN: { fn: 'LoanPoolContract:ApplyForLoan', args: ['loanId', 'borrowerId', 'amount', 'collateralHash'] },
  APPROVE_LOAN: { fn: 'LoanPoolContract:ApproveLoan', args: ['loanId', 'approverId'] },
  SUBMIT_PROPOSAL: { fn: 'GovernanceContract:SubmitProposal', args: ['proposalId', 'targetParam', 'newValue', 'proposerId'] },
  CAST_VOTE: { fn: 'GovernanceContract:VoteOnProposal', args: ['proposalId', 'vote', 'voterId'] },
  EXECUTE_PROPOSAL: { fn: 'GovernanceContract:ExecuteProposal', args: ['proposalId'] },
  BOOTSTRAP_SYSTEM: { fn: 'AdminContract:BootstrapSystem', args: [] },
  INITIALIZE_COUNTRY: { fn: 'AdminContract:InitializeCountryData', args: ['countriesJson'] },
  UPDATE_SYSTEM_PARAMETER: { fn: 'AdminContract:UpdateSystemParameter', args: ['paramId', 'newValue'] },
  PAUSE_SYSTEM: { fn: 'AdminContract:PauseSystem', args: ['reason'] },
  RESUME_SYSTEM: { fn: 'AdminContract:ResumeSystem', args: [] },
  APPOINT_ADMIN: { fn: 'AdminContract:AppointAdmin', args: ['newAdminId'] },
  ACTIVATE_TREASURY: { fn: 'AdminContract:ActivateTreasuryAccount', args: ['countryCode'] },
  APPLY_VELOCITY_TAX: { fn: 'TaxAndFeeContract:ApplyVelocityTax', args: ['accountId', 'taxRateBps'] },
};

/** With fault `submitter-wrong-function`, TRANSFER_TOKENS calls a function the chaincode does not have. */
export const WRONG_TRANSFER_FUNCTION = 'TokenomicsContract:Transfer';

/** A command that can never be sent as it is (unknown type, missing or non-string argument): fails without a ledger call. */
export class MappingError extends Error {}

export interface LedgerCall {
  fn: string;
  args: string[];
}

/** Build the ledger call of a command from its payload: each argument is the payload value of the same name (§7.2). */
export function toLedgerCall(commandType: string, payload: unknown, faults?: FaultSwitchboard): LedgerCall {
  const mapping = Object.hasOwn(COMMAND_MAP, commandType) ? COMMAND_MAP[commandType] : undefined;
  if (!mapping) throw new MappingError(`Command type ${commandType} has no ledger function`);
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new MappingError('Command payload must be a JSON object');
  const values = payload as Record<string, unknown>;
  const args = mapping.args.map((name) => {
    const value = values[name];
    if (typeof value !== 'string') throw new MappingError(`Command payload lacks string argument ${name}`);
    return value;
  });
  const fn = commandType === 'TRANSFER_TOKENS' && faults?.isOn('submitter-wrong-function') ? WRONG_TRANSFER_FUNCTION : mapping.fn;
  return { fn, args };
}
