import { z } from 'zod';
import type { Endpoint } from './types';
import { accepted, ADMINS, err, NO_BODY, ok, uniqueSuffix } from './helpers';
import { amountInput, id, idArray, name, optional, remark, serverId } from './primitives';
import { organizationDto, pendingTxDto } from './dtos';
import { MESSAGES } from './envelope';

/** §6.3 svc-organization: #8–#15. */

const orgParam = z.object({ orgId: id });
const orgNotFound = err(404, 'Organization not found', 'no organization with this id');
const orgNotFoundShould = err(404, 'Organization not found', 'SHOULD (CMD-6): no organization with this id');
// §3.5: #10 and #11 admit ADMIN/SUPER_ADMIN or a stakeholder; others get the role message, even for unknown orgs.
const stakeholderRule = { kind: 'stakeholder', message: MESSAGES.forbiddenRole } as const;
const notStakeholder = err(403, MESSAGES.forbiddenRole, 'caller neither ADMIN/SUPER_ADMIN nor a stakeholder (also for an unknown orgId)');

const ruleBody = z.object({
  rule: z.object({
    requiredApprovers: z.number().int().min(1),
    approverGroup: idArray,
    amountThreshold: optional(amountInput),
  }).refine((r) => r.approverGroup.length >= r.requiredApprovers,
    'approverGroup must have at least as many members as requiredApprovers'),
});

export const organizationEndpoints: Endpoint[] = [
  {
    id: '#8', key: 'E08', service: 'organization', method: 'POST', path: '/api/v1/organizations',
    access: 'owner', roles: null, kind: 'command', commandType: 'PROPOSE_ORGANIZATION',
    ownership: { kind: 'body-array', field: 'stakeholderIds', message: 'You must be a stakeholder to propose an organization' },
    request: { body: z.object({ orgId: id, orgName: name, orgType: z.enum(['BUSINESS', 'NGO', 'GOVERNMENT']), stakeholderIds: idArray }) },
    success: accepted('Organization proposal initiated. All stakeholders must endorse.'),
    errors: [
      err(400, 'orgId, orgName, orgType, and stakeholderIds are required', 'a required field missing or null'),
      err(400, 'At least one stakeholder is required', 'stakeholderIds empty'),
      err(403, 'You must be a stakeholder to propose an organization', 'token profileId not in stakeholderIds'),
      err(400, 'Some stakeholders not found: <id, id>', 'a stakeholder id names no user'),
      err(409, 'Organization already exists', 'SHOULD: orgId taken'),
    ],
    example: (w) => ({
      as: 'userA',
      body: {
        orgId: `${w.namespace}-org-${uniqueSuffix()}`, orgName: 'GXV Example Org', orgType: 'BUSINESS',
        stakeholderIds: [w.users.userA.profileId, w.users.userB.profileId],
      },
    }),
  },
  {
    id: '#9', key: 'E09', service: 'organization', method: 'POST', path: '/api/v1/organizations/:orgId/endorse',
    access: 'auth', roles: null, ownership: null, kind: 'command', commandType: 'ENDORSE_MEMBERSHIP',
    request: { params: orgParam, ...NO_BODY },
    success: accepted('Membership endorsement initiated.'),
    errors: [orgNotFoundShould],
    example: (w) => ({ as: 'userA', params: { orgId: w.proposedOrgId } }),
  },
  {
    id: '#10', key: 'E10', service: 'organization', method: 'POST', path: '/api/v1/organizations/:orgId/activate',
    access: 'roles', roles: ADMINS, ownership: stakeholderRule, kind: 'command', commandType: 'ACTIVATE_ORGANIZATION',
    request: { params: orgParam, ...NO_BODY },
    success: accepted('Organization activation initiated.'),
    errors: [notStakeholder, { ...orgNotFound, when: 'admin caller, no organization with this id' }],
    example: (w) => ({ as: 'admin', params: { orgId: w.proposedOrgId } }),
  },
  {
    id: '#11', key: 'E11', service: 'organization', method: 'POST', path: '/api/v1/organizations/:orgId/rules',
    access: 'roles', roles: ADMINS, ownership: stakeholderRule, kind: 'command', commandType: 'DEFINE_AUTH_RULE',
    request: { params: orgParam, body: ruleBody },
    success: accepted('Authorization rule definition initiated.'),
    errors: [
      err(400, 'orgId and rule are required', 'rule missing or null'),
      err(400, 'requiredApprovers must be at least 1', 'requiredApprovers < 1 or not an integer'),
      err(400, 'approverGroup must have at least as many members as requiredApprovers', 'approverGroup too small'),
      notStakeholder,
      { ...orgNotFound, when: 'admin caller, no organization with this id' },
    ],
    example: (w) => ({
      as: 'admin', params: { orgId: w.org.orgId },
      body: { rule: { requiredApprovers: 1, approverGroup: [w.users.userA.profileId, w.users.userB.profileId] } },
    }),
  },
  {
    id: '#12', key: 'E12', service: 'organization', method: 'POST', path: '/api/v1/organizations/:orgId/transactions',
    access: 'auth', roles: null, ownership: null, kind: 'command', commandType: 'INITIATE_MULTISIG_TX',
    request: { params: orgParam, body: z.object({ toUserId: id, amount: amountInput, remark: optional(remark) }) },
    success: accepted('Multi-signature transaction initiated. Waiting for approvals.', { extra: ['pendingTxId'] }),
    errors: [
      err(400, 'orgId, toUserId, and amount are required', 'a required field missing or null'),
      err(400, 'Amount must be greater than 0', 'invalid amount (§4)'),
      orgNotFoundShould,
    ],
    example: (w) => ({ as: 'userA', params: { orgId: w.org.orgId }, body: { toUserId: w.users.userB.profileId, amount: '1' } }),
  },
  {
    id: '#13', key: 'E13', service: 'organization', method: 'POST', path: '/api/v1/transactions/:pendingTxId/approve',
    access: 'auth', roles: null, ownership: null, kind: 'command', commandType: 'APPROVE_MULTISIG_TX',
    request: { params: z.object({ pendingTxId: serverId }), ...NO_BODY },
    success: accepted('Multi-signature transaction approval initiated.'),
    errors: [err(404, 'Pending transaction not found', 'SHOULD (CMD-6): no such pending transaction')],
    example: (w) => ({ as: 'userB', params: { pendingTxId: w.org.pendingTxId } }),
  },
  {
    id: '#14', key: 'E14', service: 'organization', method: 'GET', path: '/api/v1/organizations/:orgId',
    access: 'public', roles: null, ownership: null, kind: 'query',
    request: { params: orgParam, ...NO_BODY },
    success: ok(z.looseObject({ organization: organizationDto })),
    errors: [orgNotFound],
    example: (w) => ({ as: null, params: { orgId: w.org.orgId } }),
  },
  {
    id: '#15', key: 'E15', service: 'organization', method: 'GET', path: '/api/v1/organizations/:orgId/transactions/pending',
    access: 'public', roles: null, ownership: null, kind: 'query',
    request: { params: orgParam, ...NO_BODY },
    success: ok(z.looseObject({ pendingTransactions: z.array(pendingTxDto) })),
    errors: [err(404, 'Organization not found', 'SHOULD: unknown organization (an empty list is acceptable)')],
    example: (w) => ({ as: null, params: { orgId: w.org.orgId } }),
  },
];
