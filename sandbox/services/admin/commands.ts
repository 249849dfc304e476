import { accepted, f, HttpError, userExists, type Role, type ServiceRouter } from '../kit';
import { countriesField } from './countries';

const SUPER_ADMIN: readonly Role[] = ['SUPER_ADMIN'];

/**
 * #25–#31: SUPER_ADMIN system commands. Invalid bodies name the field (VAL-6: "<field> is
 * required" / "<field> is invalid"); whether the ledger accepts the change is its own decision.
 */
export function mountAdminCommands(r: ServiceRouter): void {
  r.add({
    method: 'post', path: '/api/v1/bootstrap', access: SUPER_ADMIN,
    handler: async ({ command }) => accepted(await command('BOOTSTRAP_SYSTEM', {}), 'System bootstrap initiated.'),
  });

  r.add({
    method: 'post', path: '/api/v1/countries/initialize', access: SUPER_ADMIN,
    body: { fields: { countriesData: countriesField() } },
    handler: async ({ body, command }) =>
      accepted(await command('INITIALIZE_COUNTRY', { countriesJson: JSON.stringify(body.countriesData) }), 'Country data initialization initiated.'),
  });

  r.add({
    method: 'post', path: '/api/v1/parameters', access: SUPER_ADMIN,
    body: { fields: { paramId: f.id(), newValue: f.text(0, 1024) } },
    handler: async ({ body, command }) =>
      accepted(await command('UPDATE_SYSTEM_PARAMETER', { paramId: body.paramId, newValue: body.newValue }), 'System parameter update initiated.'),
  });

  r.add({
    method: 'post', path: '/api/v1/system/pause', access: SUPER_ADMIN,
    body: { fields: { reason: f.reason() } },
    handler: async ({ body, command }) => accepted(await command('PAUSE_SYSTEM', { reason: body.reason }), 'System pause initiated.'),
  });

  r.add({
    method: 'post', path: '/api/v1/system/resume', access: SUPER_ADMIN,
    handler: async ({ command }) => accepted(await command('RESUME_SYSTEM', {}), 'System resume initiated.'),
  });

  // #30: the appointee SHOULD exist, so the sandbox looks it up.
  r.add({
    method: 'post', path: '/api/v1/admins', access: SUPER_ADMIN,
    body: { fields: { newAdminId: f.id() } },
    handler: async ({ deps, tenantId, body, command }) => {
      if (!(await userExists(deps.db, tenantId, body.newAdminId))) throw new HttpError(400, 'User not found');
      return accepted(await command('APPOINT_ADMIN', { newAdminId: body.newAdminId }), 'Admin appointment initiated.');
    },
  });

  r.add({
    method: 'post', path: '/api/v1/treasury/activate', access: SUPER_ADMIN,
    body: { fields: { countryCode: f.countryCode() } },
    handler: async ({ body, command }) => accepted(await command('ACTIVATE_TREASURY', { countryCode: body.countryCode }), 'Treasury activation initiated.'),
  });
}
