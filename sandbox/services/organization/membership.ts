import { accepted, f, HttpError, withMessage, type ServiceRouter } from '../kit';
import { orgForAdminOrStakeholder, findOrg, requireOrg, unknownUsers } from './store';
import { ruleField } from './rule';

const orgParam = { fields: { orgId: f.id() } };

/** #8–#11: proposing, endorsing, activating an organization and defining its rules. */
export function mountMembershipRoutes(r: ServiceRouter): void {
  // #8: the caller must be one of the proposed stakeholders, who must all exist.
  r.add({
    method: 'post',
    path: '/api/v1/organizations',
    access: 'auth',
    body: {
      required: 'orgId, orgName, orgType, and stakeholderIds are required',
      fields: {
        orgId: f.id(),
        orgName: f.name(),
        orgType: f.oneOf(['BUSINESS', 'NGO', 'GOVERNMENT'] as const),
        stakeholderIds: withMessage(f.idArray(), (value) =>
          Array.isArray(value) && value.length === 0 ? 'At least one stakeholder is required' : 'stakeholderIds is invalid'),
      },
    },
    handler: async ({ deps, principal, tenantId, body, command }) => {
      if (!body.stakeholderIds.includes(principal!.profileId)) {
        throw new HttpError(403, 'You must be a stakeholder to propose an organization');
      }
      const unknown = await unknownUsers(deps.db, tenantId, body.stakeholderIds);
      if (unknown.length > 0) throw new HttpError(400, `Some stakeholders not found: ${unknown.join(', ')}`);
      if ((await findOrg(deps.db, tenantId, body.orgId)) !== null) throw new HttpError(409, 'Organization already exists');
      const commandId = await command('PROPOSE_ORGANIZATION', {
        orgId: body.orgId,
        orgName: body.orgName,
        orgType: body.orgType,
        stakeholderIdsJson: JSON.stringify(body.stakeholderIds),
      });
      return accepted(commandId, 'Organization proposal initiated. All stakeholders must endorse.');
    },
  });

  // #9: the endorser is the caller (AUTHZ-4); whether they are a stakeholder is the ledger's call.
  r.add({
    method: 'post',
    path: '/api/v1/organizations/:orgId/endorse',
    access: 'auth',
    params: orgParam,
    handler: async ({ deps, principal, tenantId, params, command }) => {
      await requireOrg(deps.db, tenantId, params.orgId);
      const commandId = await command('ENDORSE_MEMBERSHIP', { orgId: params.orgId, endorserId: principal!.profileId });
      return accepted(commandId, 'Membership endorsement initiated.');
    },
  });

  // #10
  r.add({
    method: 'post',
    path: '/api/v1/organizations/:orgId/activate',
    access: 'auth',
    params: orgParam,
    handler: async ({ deps, principal, params, command }) => {
      await orgForAdminOrStakeholder(deps.db, principal!, params.orgId);
      const commandId = await command('ACTIVATE_ORGANIZATION', { orgId: params.orgId });
      return accepted(commandId, 'Organization activation initiated.');
    },
  });

  // #11: shape first (the sandbox's ERR-6 order), then the admin-or-stakeholder gate.
  r.add({
    method: 'post',
    path: '/api/v1/organizations/:orgId/rules',
    access: 'auth',
    params: orgParam,
    body: { required: 'orgId and rule are required', fields: { rule: ruleField(r.deps.faults) } },
    handler: async ({ deps, principal, params, body, command }) => {
      await orgForAdminOrStakeholder(deps.db, principal!, params.orgId);
      const commandId = await command('DEFINE_AUTH_RULE', { orgId: params.orgId, ruleJson: JSON.stringify(body.rule) });
      return accepted(commandId, 'Authorization rule definition initiated.');
    },
  });
}
