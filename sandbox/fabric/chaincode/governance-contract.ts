import * as arg from './args';
import { ChaincodeError, type Context } from './context';
import { tx, type ContractDef } from './registry';
import { emit, isWellKnownParam, key, mustGet, now, putParam, type GovernanceConfig, type ProposalRecord } from './state';

/** Default voting period when the ledger has no governance config (the emulator seeds one at boot). */
export const DEFAULT_VOTING_PERIOD_MS = 3_000;

const getProposal = (ctx: Context, id: string) => mustGet<ProposalRecord>(ctx, key.proposal(id), `Proposal ${id}`);

async function submitProposal(ctx: Context, proposalId: string, targetParam: string, newValue: string, proposerId: string) {
  arg.id('proposalId', proposalId);
  arg.id('targetParam', targetParam);
  arg.text('newValue', newValue, 1, 1024);
  arg.id('proposerId', proposerId);
  if (isWellKnownParam(targetParam)) throw new ChaincodeError(`${targetParam} is a well-known parameter and cannot be changed by a proposal`);
  if (!(await ctx.getState(key.param(targetParam)))) throw new ChaincodeError(`System parameter ${targetParam} does not exist`);
  if (await ctx.getState(key.proposal(proposalId))) throw new ChaincodeError(`Proposal ${proposalId} already exists`);
  const config = await ctx.getJson<GovernanceConfig>(key.config('governance'));
  const endTime = new Date(ctx.getTxTimestamp().getTime() + (config?.votingPeriodMs ?? DEFAULT_VOTING_PERIOD_MS)).toISOString();
  const proposal: ProposalRecord = {
    proposalId, proposerId, targetParam, newValue, endTime, status: 'ACTIVE', votesFor: 0, votesAgainst: 0, voters: [], executedAt: null, createdAt: now(ctx),
  };
  await ctx.putJson(key.proposal(proposalId), proposal);
  emit(ctx, 'ProposalSubmitted', { proposalId, proposerId, targetParam, newValue, endTime });
}

async function voteOnProposal(ctx: Context, proposalId: string, voteArg: string, voterId: string) {
  arg.id('proposalId', proposalId);
  const support = arg.bool('vote', voteArg);
  arg.id('voterId', voterId);
  const proposal = await getProposal(ctx, proposalId);
  if (proposal.status !== 'ACTIVE') throw new ChaincodeError(`Proposal ${proposalId} is ${proposal.status}, not ACTIVE`);
  if (ctx.getTxTimestamp().getTime() > Date.parse(proposal.endTime)) throw new ChaincodeError(`Voting period of ${proposalId} ended at ${proposal.endTime}`);
  if (proposal.voters.includes(voterId)) throw new ChaincodeError(`${voterId} has already voted on ${proposalId}`);
  proposal.voters.push(voterId);
  if (support) proposal.votesFor += 1;
  else proposal.votesAgainst += 1;
  await ctx.putJson(key.proposal(proposalId), proposal);
  emit(ctx, 'VoteCast', { proposalId, voterId, support });
}

async function executeProposal(ctx: Context, proposalId: string) {
  arg.id('proposalId', proposalId);
  const proposal = await getProposal(ctx, proposalId);
  if (proposal.status !== 'ACTIVE') throw new ChaincodeError(`Proposal ${proposalId} is ${proposal.status}, not ACTIVE`);
  if (ctx.getTxTimestamp().getTime() <= Date.parse(proposal.endTime)) throw new ChaincodeError(`Voting on ${proposalId} is still open until ${proposal.endTime}`);
  if (proposal.votesFor <= proposal.votesAgainst) throw new ChaincodeError(`Proposal ${proposalId} did not pass (${proposal.votesFor} for, ${proposal.votesAgainst} against)`);
  proposal.status = 'EXECUTED';
  proposal.executedAt = now(ctx);
  await ctx.putJson(key.proposal(proposalId), proposal);
  await putParam(ctx, proposal.targetParam, proposal.newValue);
  emit(ctx, 'ProposalExecuted', { proposalId });
}

export const GovernanceContract: ContractDef = {
  name: 'GovernanceContract',
  functions: {
    SubmitProposal: tx(['proposalId', 'targetParam', 'newValue', 'proposerId'], submitProposal),
    VoteOnProposal: tx(['proposalId', 'vote', 'voterId'], voteOnProposal),
    ExecuteProposal: tx(['proposalId'], executeProposal),
    GetProposal: tx(['proposalId'], (ctx, id) => getProposal(ctx, arg.id('proposalId', id))),
  },
};
