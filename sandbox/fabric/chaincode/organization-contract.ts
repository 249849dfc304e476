import * as arg from './args';
import { ChaincodeError, type Context } from './context';
import { formatAmount, parseAmount } from './decimal';
import { tx, type ContractDef } from './registry';
import { assertNotPaused, emit, key, mustGet, newWallet, createWallet, now, type AuthRule, type MultiSigRecord, type OrgRecord } from './state';
import { getWallet, transfer } from './tokenomics-contract';

const ORG_TYPES = ['BUSINESS', 'NGO', 'GOVERNMENT'];

const getOrg = (ctx: Context, orgId: string) => mustGet<OrgRecord>(ctx, key.org(orgId), `Organization ${orgId}`);

/** ORG-2: the rule with the highest amountThreshold ≤ amount (none counts as 0; ties → latest defined). */
export function matchRule(org: OrgRecord, amount: bigint, opts: { unthresholdedMatch?: boolean } = {}): AuthRule | null {
  let best: AuthRule | null = null;
  for (const rule of Object.values(org.rules)) {
    // Fault `ledger-rule-needs-threshold`: a rule without amountThreshold matches no amount.
    if (rule.amountThreshold === null && opts.unthresholdedMatch === false) continue;
    const threshold = rule.amountThreshold === null ? 0n : parseAmount('amountThreshold', rule.amountThreshold);
    if (threshold > amount) continue;
    const bestThreshold = best?.amountThreshold == null ? 0n : parseAmount('amountThreshold', best.amountThreshold);
    if (!best || threshold > bestThreshold || (threshold === bestThreshold && rule.seq > best.seq)) best = rule;
  }
  return best;
}

async function proposeOrganization(ctx: Context, orgId: string, orgName: string, orgType: string, stakeholderIdsJson: string) {
  arg.id('orgId', orgId);
  arg.text('orgName', orgName, 1, 100);
  if (!ORG_TYPES.includes(orgType)) throw new ChaincodeError(`orgType must be one of ${ORG_TYPES.join(', ')}`);
  const stakeholders = arg.idArray('stakeholderIdsJson', arg.json('stakeholderIdsJson', stakeholderIdsJson));
  if (await ctx.getState(key.org(orgId))) throw new ChaincodeError(`Organization ${orgId} already exists`);
  for (const id of stakeholders) {
    if (!(await ctx.getState(key.user(id)))) throw new ChaincodeError(`Stakeholder ${id} does not exist`);
  }
  const org: OrgRecord = {
    orgId, orgName, orgType, status: 'PROPOSED', stakeholders, endorsers: [], rules: {}, ruleSeq: 0, activatedAt: null, createdAt: now(ctx),
  };
  await ctx.putJson(key.org(orgId), org);
  emit(ctx, 'OrganizationProposed', { orgId, orgName, orgType, stakeholderIds: stakeholders });
}

async function endorseMembership(ctx: Context, orgId: string, endorserId: string) {
  arg.id('orgId', orgId);
  arg.id('endorserId', endorserId);
  const org = await getOrg(ctx, orgId);
  if (!org.stakeholders.includes(endorserId)) throw new ChaincodeError(`${endorserId} is not a stakeholder of ${orgId}`);
  if (org.endorsers.includes(endorserId)) throw new ChaincodeError(`${endorserId} has already endorsed ${orgId}`);
  org.endorsers.push(endorserId);
  await ctx.putJson(key.org(orgId), org);
  emit(ctx, 'MembershipEndorsed', { orgId, endorserId });
}

async function activateOrganization(ctx: Context, orgId: string) {
  arg.id('orgId', orgId);
  const org = await getOrg(ctx, orgId);
  if (org.status === 'ACTIVE') throw new ChaincodeError(`Organization ${orgId} is already active`);
  const missing = org.stakeholders.filter((s) => !org.endorsers.includes(s));
  if (missing.length > 0) throw new ChaincodeError(`Endorsements incomplete: waiting for ${missing.join(', ')}`);
  org.status = 'ACTIVE';
  org.activatedAt = now(ctx);
  await ctx.putJson(key.org(orgId), org);
  emit(ctx, 'OrganizationActivated', { orgId });
  if (!(await ctx.getState(key.wallet(orgId)))) await createWallet(ctx, newWallet(orgId, now(ctx)));
}

async function defineAuthRule(ctx: Context, orgId: string, ruleJson: string) {
  arg.id('orgId', orgId);
  const rule = arg.json('ruleJson', ruleJson) as Record<string, unknown> | null;
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) throw new ChaincodeError('ruleJson must be a JSON object');
  const required = rule.requiredApprovers;
  if (typeof required !== 'number' || !Number.isInteger(required) || required < 1) throw new ChaincodeError('requiredApprovers must be an integer of at least 1');
  const group = arg.idArray('approverGroup', rule.approverGroup);
  if (group.length < required) throw new ChaincodeError('approverGroup must have at least as many members as requiredApprovers');
  let threshold: string | null = null;
  if (rule.amountThreshold !== undefined && rule.amountThreshold !== null) {
    if (typeof rule.amountThreshold !== 'string' && typeof rule.amountThreshold !== 'number') throw new ChaincodeError('amountThreshold must be an amount');
    threshold = formatAmount(arg.amount('amountThreshold', String(rule.amountThreshold)));
  }
  const org = await getOrg(ctx, orgId);
  const outsider = group.find((id) => !org.stakeholders.includes(id));
  if (outsider) throw new ChaincodeError(`Approver ${outsider} is not a stakeholder of ${orgId}`);
  org.ruleSeq += 1;
  const ruleId = `rule-${org.ruleSeq}`;
  org.rules[ruleId] = { ruleId, requiredApprovers: required, approverGroup: group, amountThreshold: threshold, seq: org.ruleSeq };
  await ctx.putJson(key.org(orgId), org);
  emit(ctx, 'AuthRuleDefined', { orgId, ruleId, threshold: required, signers: group, amountThreshold: threshold });
  return { ruleId };
}

async function initiateMultiSigTx(ctx: Context, pendingTxId: string, orgId: string, initiatorId: string, toUserId: string, amountArg: string, remark: string) {
  arg.id('pendingTxId', pendingTxId);
  arg.id('orgId', orgId);
  arg.id('initiatorId', initiatorId);
  arg.id('toUserId', toUserId);
  const amount = arg.amount('amount', amountArg);
  arg.text('remark', remark, 0, 256);
  const org = await getOrg(ctx, orgId);
  await getWallet(ctx, toUserId);
  if (org.status !== 'ACTIVE') throw new ChaincodeError(`Organization ${orgId} is not ACTIVE`);
  if (!org.stakeholders.includes(initiatorId)) throw new ChaincodeError(`${initiatorId} is not a stakeholder of ${orgId}`);
  if (await ctx.getState(key.multisig(pendingTxId))) throw new ChaincodeError(`Multi-signature transaction ${pendingTxId} already exists`);
  const rule = matchRule(org, amount, { unthresholdedMatch: !ctx.faultOn('ledger-rule-needs-threshold') });
  const record: MultiSigRecord = {
    txId: pendingTxId, orgId, proposerId: initiatorId, toUserId, amount: formatAmount(amount), remark,
    requiredSignatures: rule?.requiredApprovers ?? 1, ruleId: rule?.ruleId ?? null, approvers: [], status: 'PENDING', executedAt: null, createdAt: now(ctx),
  };
  await ctx.putJson(key.multisig(pendingTxId), record);
  emit(ctx, 'MultiSigTxInitiated', {
    txId: pendingTxId, orgId, proposerId: initiatorId, operation: 'TRANSFER',
    params: { toUserId, amount: record.amount, remark }, requiredSignatures: record.requiredSignatures, ruleId: record.ruleId,
  });
}

async function approveMultiSigTx(ctx: Context, pendingTxId: string, approverId: string) {
  arg.id('pendingTxId', pendingTxId);
  arg.id('approverId', approverId);
  const record = await mustGet<MultiSigRecord>(ctx, key.multisig(pendingTxId), `Multi-signature transaction ${pendingTxId}`);
  if (record.status !== 'PENDING') throw new ChaincodeError(`Multi-signature transaction ${pendingTxId} is ${record.status}, not PENDING`);
  const org = await getOrg(ctx, record.orgId);
  const allowed = record.ruleId && org.rules[record.ruleId] ? org.rules[record.ruleId].approverGroup : org.stakeholders;
  if (!allowed.includes(approverId)) throw new ChaincodeError(`${approverId} may not approve ${pendingTxId}`);
  if (record.approvers.includes(approverId)) throw new ChaincodeError(`${approverId} has already approved ${pendingTxId}`);
  record.approvers.push(approverId);
  emit(ctx, 'MultiSigTxApproved', { txId: pendingTxId, approverId });
  if (record.approvers.length >= record.requiredSignatures) {
    await assertNotPaused(ctx);
    record.status = 'EXECUTED';
    record.executedAt = now(ctx);
    emit(ctx, 'MultiSigTxExecuted', { txId: pendingTxId });
    await transfer(ctx, record.orgId, record.toUserId, parseAmount('amount', record.amount), record.remark);
  }
  await ctx.putJson(key.multisig(pendingTxId), record);
  return { status: record.status, approvals: record.approvers.length, required: record.requiredSignatures };
}

export const OrganizationContract: ContractDef = {
  name: 'OrganizationContract',
  functions: {
    ProposeOrganization: tx(['orgId', 'orgName', 'orgType', 'stakeholderIdsJson'], proposeOrganization),
    EndorseMembership: tx(['orgId', 'endorserId'], endorseMembership),
    ActivateOrganization: tx(['orgId'], activateOrganization),
    DefineAuthRule: tx(['orgId', 'ruleJson'], defineAuthRule),
    InitiateMultiSigTx: tx(['pendingTxId', 'orgId', 'initiatorId', 'toUserId', 'amount', 'remark'], initiateMultiSigTx),
    ApproveMultiSigTx: tx(['pendingTxId', 'approverId'], approveMultiSigTx),
    GetOrganization: tx(['orgId'], (ctx, orgId) => getOrg(ctx, arg.id('orgId', orgId))),
    GetMultiSigTx: tx(['pendingTxId'], (ctx, id) => mustGet<MultiSigRecord>(ctx, key.multisig(arg.id('pendingTxId', id)), `Multi-signature transaction ${id}`)),
  },
};
