import { z } from 'zod';
import type { Endpoint } from './types';
import { accepted, ADMINS, err, NO_BODY, ok, roleDenied } from './helpers';
import { id, serverId } from './primitives';
import { proposalDto } from './dtos';

/** §6.5 svc-governance: #20–#24. */

const proposalParam = z.object({ proposalId: serverId });

export const governanceEndpoints: Endpoint[] = [
  {
    id: '#20', key: 'E20', service: 'governance', method: 'POST', path: '/api/v1/proposals',
    access: 'owner', roles: null, kind: 'command', commandType: 'SUBMIT_PROPOSAL',
    ownership: { kind: 'body', field: 'proposerId', message: 'You can only submit proposals as yourself' },
    request: { body: z.object({ targetParam: id, newValue: z.string().min(1).max(1024), proposerId: id }) },
    success: accepted('Proposal submitted. Voting period started.', { extra: ['proposalId'] }),
    errors: [
      err(400, 'targetParam, newValue, and proposerId are required', 'a required field missing or null'),
      err(403, 'You can only submit proposals as yourself', 'proposerId is not the token profileId'),
    ],
    example: (w) => ({ as: 'userA', body: { targetParam: w.paramId, newValue: `${w.namespace}-value`, proposerId: w.users.userA.profileId } }),
  },
  {
    id: '#21', key: 'E21', service: 'governance', method: 'POST', path: '/api/v1/proposals/:proposalId/vote',
    access: 'auth', roles: null, ownership: null, kind: 'command', commandType: 'CAST_VOTE',
    request: { params: proposalParam, body: z.object({ vote: z.boolean() }) },
    success: accepted('Vote recorded.'),
    errors: [
      err(400, 'proposalId and vote are required', 'vote missing'),
      err(400, 'vote must be a boolean', 'vote present but not true/false'),
      err(404, 'Proposal not found', 'SHOULD (CMD-6): no such proposal'),
    ],
    example: (w) => ({ as: 'userB', params: { proposalId: w.proposalId }, body: { vote: true } }),
  },
  {
    id: '#22', key: 'E22', service: 'governance', method: 'POST', path: '/api/v1/proposals/:proposalId/execute',
    access: 'roles', roles: ADMINS, ownership: null, kind: 'command', commandType: 'EXECUTE_PROPOSAL',
    request: { params: proposalParam, ...NO_BODY },
    success: accepted('Proposal execution initiated.'),
    errors: [roleDenied(ADMINS), err(404, 'Proposal not found', 'SHOULD (CMD-6): no such proposal')],
    example: (w) => ({ as: 'admin', params: { proposalId: w.proposalId } }),
  },
  {
    id: '#23', key: 'E23', service: 'governance', method: 'GET', path: '/api/v1/proposals/:proposalId',
    access: 'public', roles: null, ownership: null, kind: 'query',
    request: { params: proposalParam, ...NO_BODY },
    success: ok(z.looseObject({ proposal: proposalDto })),
    errors: [err(404, 'Proposal not found', 'no such proposal')],
    example: (w) => ({ as: null, params: { proposalId: w.proposalId } }),
  },
  {
    id: '#24', key: 'E24', service: 'governance', method: 'GET', path: '/api/v1/proposals',
    access: 'public', roles: null, ownership: null, kind: 'query',
    request: { ...NO_BODY },
    success: ok(z.looseObject({ proposals: z.array(proposalDto) })),
    errors: [],
    example: () => ({ as: null }),
  },
];
