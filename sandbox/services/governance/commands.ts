import { createId } from '@paralleldrive/cuid2';
import { accepted, ADMIN_ROLES, f, HttpError, withMessage, type ServiceRouter } from '../kit';
import { requireProposal } from './proposals';

const proposalParam = { fields: { proposalId: f.id(256) } };

/** #20–#22: submitting, voting on and executing proposals. */
export function mountProposalCommands(r: ServiceRouter): void {
  // #20: only as yourself; the server names the proposal (GOV-1).
  r.add({
    method: 'post',
    path: '/api/v1/proposals',
    access: 'auth',
    body: {
      required: 'targetParam, newValue, and proposerId are required',
      fields: { targetParam: f.id(), newValue: f.text(1, 1024), proposerId: f.id() },
    },
    handler: async ({ deps, principal, body, command }) => {
      if (body.proposerId !== principal!.profileId) throw new HttpError(403, 'You can only submit proposals as yourself');
      // Fault `proposal-id-unprefixed`: a bare cuid instead of proposal-<targetParam>-<suffix>.
      const proposalId = deps.faults.isOn('proposal-id-unprefixed') ? createId() : `proposal-${body.targetParam}-${createId()}`;
      const commandId = await command('SUBMIT_PROPOSAL', {
        proposalId,
        targetParam: body.targetParam,
        newValue: body.newValue,
        proposerId: body.proposerId,
      });
      return accepted(commandId, 'Proposal submitted. Voting period started.', { proposalId });
    },
  });

  // #21: the voter is the caller (GOV-1, AUTHZ-4); the vote travels as "true"/"false" (§7.2).
  r.add({
    method: 'post',
    path: '/api/v1/proposals/:proposalId/vote',
    access: 'auth',
    params: proposalParam,
    body: { required: 'proposalId and vote are required', fields: { vote: withMessage(f.boolean(), 'vote must be a boolean') } },
    handler: async ({ req, deps, principal, tenantId, params, body, command }) => {
      await requireProposal(deps.db, tenantId, params.proposalId);
      // Fault `voter-from-body`: a voterId in the body names the voter instead of the token.
      const named = (req.body as Record<string, unknown> | undefined)?.voterId;
      const voterId = deps.faults.isOn('voter-from-body') && typeof named === 'string' ? named : principal!.profileId;
      const commandId = await command('CAST_VOTE', {
        proposalId: params.proposalId,
        vote: body.vote ? 'true' : 'false',
        voterId,
      });
      return accepted(commandId, 'Vote recorded.');
    },
  });

  // #22: whether voting is over and the proposal passed is the ledger's decision.
  r.add({
    method: 'post',
    path: '/api/v1/proposals/:proposalId/execute',
    access: ADMIN_ROLES,
    params: proposalParam,
    handler: async ({ deps, tenantId, params, command }) => {
      await requireProposal(deps.db, tenantId, params.proposalId);
      const commandId = await command('EXECUTE_PROPOSAL', { proposalId: params.proposalId });
      return accepted(commandId, 'Proposal execution initiated.');
    },
  });
}
