import { f, ok, type ServiceRouter } from '../kit';
import { activeProposals, proposalDto, requireProposal } from './proposals';

/** #23–#24: public reads of the deployment tenant (TEN-2). */
export function mountProposalQueries(r: ServiceRouter): void {
  // Fault `proposals-any-tenant`: the reads drop their tenant filter (TEN-3).
  const scope = (tenantId: string) => (r.deps.faults.isOn('proposals-any-tenant') ? null : tenantId);
  r.add({
    method: 'get',
    path: '/api/v1/proposals/:proposalId',
    access: 'public',
    params: { fields: { proposalId: f.id(256) } },
    handler: async ({ deps, tenantId, params }) => ok({ proposal: proposalDto(await requireProposal(deps.db, scope(tenantId), params.proposalId)) }),
  });

  r.add({
    method: 'get',
    path: '/api/v1/proposals',
    access: 'public',
    handler: async ({ deps, tenantId }) => ok({ proposals: (await activeProposals(deps.db, scope(tenantId), deps.faults.isOn('proposals-filter-dropped'))).map(proposalDto) }),
  });
}
