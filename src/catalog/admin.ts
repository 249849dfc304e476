import { z } from 'zod';
import type { Endpoint } from './types';
import { accepted, err, NO_BODY, ok, roleDenied, SUPER } from './helpers';
import { countryCode, id, name, optional, reason } from './primitives';
import { countersDto, countryDto, parameterDto, systemStatusDto } from './dtos';

/**
 * §6.6 svc-admin: #25–#36. Invalid bodies of #25–#31 answer 400 naming the field (VAL-6); the
 * messages below are the sandbox wording, checks accept any message that names the field.
 */

const required = (field: string) => err(400, `${field} is required`, `${field} missing or null (VAL-6; any message naming the field)`);
const invalid = (field: string) => err(400, `${field} is invalid`, `${field} present but invalid (VAL-6; any message naming the field)`);

const countriesData = z.array(z.object({ code: countryCode, name, region: optional(name) })).min(1).max(300)
  .refine((list) => new Set(list.map((c) => c.code.toUpperCase())).size === list.length, 'codes unique after upper-casing');

const superCommand = (
  num: number, path: string, commandType: string, message: string, body: z.ZodType | null,
  fields: string[], example: Endpoint['example'], extraErrors: Endpoint['errors'] = [],
): Endpoint => ({
  id: `#${num}`, key: `E${num}`, service: 'admin', method: 'POST', path,
  access: 'roles', roles: SUPER, ownership: null, kind: 'command', commandType,
  request: { body },
  success: accepted(message),
  errors: [roleDenied(SUPER), ...fields.flatMap((f) => [required(f), invalid(f)]), ...extraErrors],
  example,
});

export const adminEndpoints: Endpoint[] = [
  superCommand(25, '/api/v1/bootstrap', 'BOOTSTRAP_SYSTEM', 'System bootstrap initiated.', null, [],
    () => ({ as: 'superAdmin' })),
  superCommand(26, '/api/v1/countries/initialize', 'INITIALIZE_COUNTRY', 'Country data initialization initiated.',
    z.object({ countriesData }), ['countriesData'],
    // A reserved user-assigned code: the example never renames a real or fixture country.
    (w) => ({ as: 'superAdmin', body: { countriesData: [{ code: w.spareCountryCode, name: 'GXV Test Country', region: 'Test' }] } })),
  superCommand(27, '/api/v1/parameters', 'UPDATE_SYSTEM_PARAMETER', 'System parameter update initiated.',
    z.object({ paramId: id, newValue: z.string().max(1024) }), ['paramId', 'newValue'],
    (w) => ({ as: 'superAdmin', body: { paramId: w.paramId, newValue: `${w.namespace}-value` } })),
  superCommand(28, '/api/v1/system/pause', 'PAUSE_SYSTEM', 'System pause initiated.',
    z.object({ reason }), ['reason'],
    (w) => ({ as: 'superAdmin', body: { reason: `${w.namespace} verification` } })),
  superCommand(29, '/api/v1/system/resume', 'RESUME_SYSTEM', 'System resume initiated.', null, [],
    () => ({ as: 'superAdmin' })),
  superCommand(30, '/api/v1/admins', 'APPOINT_ADMIN', 'Admin appointment initiated.',
    z.object({ newAdminId: id }), ['newAdminId'],
    (w) => ({ as: 'superAdmin', body: { newAdminId: w.users.userB.profileId } }),
    [err(400, 'User not found', 'SHOULD: newAdminId names no existing user')]),
  superCommand(31, '/api/v1/treasury/activate', 'ACTIVATE_TREASURY', 'Treasury activation initiated.',
    z.object({ countryCode }), ['countryCode'],
    (w) => ({ as: 'superAdmin', body: { countryCode: w.countryCode } })),
  {
    id: '#32', key: 'E32', service: 'admin', method: 'GET', path: '/api/v1/system/status',
    access: 'public', roles: null, ownership: null, kind: 'query',
    request: { ...NO_BODY },
    success: ok(z.looseObject({ status: systemStatusDto })),
    errors: [err(404, 'System status not found', 'before bootstrap')],
    example: () => ({ as: null }),
  },
  {
    id: '#33', key: 'E33', service: 'admin', method: 'GET', path: '/api/v1/parameters/:paramId',
    access: 'public', roles: null, ownership: null, kind: 'query',
    request: { params: z.object({ paramId: id }), ...NO_BODY },
    success: ok(z.looseObject({ parameter: parameterDto })),
    errors: [err(404, 'System parameter not found', 'no parameter with this key')],
    example: (w) => ({ as: null, params: { paramId: w.paramId } }),
  },
  {
    id: '#34', key: 'E34', service: 'admin', method: 'GET', path: '/api/v1/countries/:countryCode/stats',
    access: 'public', roles: null, ownership: null, kind: 'query',
    request: { params: z.object({ countryCode }), ...NO_BODY },
    success: ok(z.looseObject({ stats: countryDto })),
    errors: [err(400, 'Invalid country code', 'countryCode not two letters'), err(404, 'Country stats not found', 'unknown country')],
    example: (w) => ({ as: null, params: { countryCode: w.countryCode } }),
  },
  {
    id: '#35', key: 'E35', service: 'admin', method: 'GET', path: '/api/v1/countries',
    access: 'public', roles: null, ownership: null, kind: 'query',
    request: { ...NO_BODY },
    success: ok(z.looseObject({ countries: z.array(countryDto) })),
    errors: [],
    example: () => ({ as: null }),
  },
  {
    id: '#36', key: 'E36', service: 'admin', method: 'GET', path: '/api/v1/counters',
    access: 'public', roles: null, ownership: null, kind: 'query',
    request: { ...NO_BODY },
    success: ok(z.looseObject({ counters: countersDto })),
    errors: [],
    example: () => ({ as: null }),
  },
];
