import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createId } from '@paralleldrive/cuid2';
import { z } from 'zod';
import { accepted, badRequest, conflict, f, HttpError, notFound, ok, optional, withMessage, type ServiceRouter } from '../kit';
import { kycApproved, latestKyc } from './kyc';
import { loggedOut } from './revocation';
import { hashPassword } from './password-hasher';
import { phoneHeldByOther, userById, valueTaken, userDto } from './users';

const BCRYPT_COST = 12;
const USER_NOT_FOUND = 'User not found';
const idParam = { fields: { id: f.id() } };
const MIME = z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$/);

export function mountUserRoutes(r: ServiceRouter): void {
  const { deps } = r;

  // I4: registration becomes a CREATE_USER command; the profile appears once projected (ID-2).
  r.add({
    method: 'post',
    path: '/api/v1/users',
    access: 'public',
    body: {
      required: 'Email, password, firstName, and lastName are required',
      fields: {
        email: withMessage(f.email(), 'Invalid email format'),
        password: withMessage(f.password(), (v) =>
          typeof v === 'string' && v.length > 128 ? 'Password must be at most 128 characters long' : 'Password must be at least 8 characters long'),
        firstName: f.name(),
        lastName: f.name(),
        phoneNum: optional(f.text(1, 32)),
        identityNum: optional(f.text(1, 64)),
        nationalityCountryCode: optional(f.countryCode()),
        age: optional(f.integer(0, 150)),
      },
    },
    handler: async ({ body, command }) => {
      if (await valueTaken(deps.db, 'email', body.email)) throw badRequest('User with this email already exists');
      if (body.phoneNum !== undefined && (await valueTaken(deps.db, 'phoneNum', body.phoneNum))) throw badRequest('User with this phone number already exists');
      // Fault `profile-id-not-uuid`: a cuid instead of a UUID (ID-2).
      const profileId = deps.faults.isOn('profile-id-not-uuid') ? createId() : randomUUID();
      const biometricHash = createHash('sha256').update(`${profileId}:${randomBytes(16).toString('hex')}`).digest('hex');
      const passwordHash = await hashPassword(body.password, BCRYPT_COST);
      const commandId = await command('CREATE_USER', {
        userId: profileId,
        biometricHash,
        nationality: body.nationalityCountryCode ?? '',
        age: body.age === undefined ? '' : String(body.age),
        email: body.email,
        passwordHash,
        firstName: body.firstName,
        lastName: body.lastName,
        phoneNum: body.phoneNum ?? null,
        identityNum: body.identityNum ?? null,
      });
      // Fault `profile-id-reissued`: the 202 answers a profileId other than the one sent to the ledger (CMD-4).
      return accepted(commandId, 'User registration initiated. Check status with command ID.', { profileId: deps.faults.isOn('profile-id-reissued') ? randomUUID() : profileId });
    },
  });

  // I5
  r.add({
    method: 'get',
    path: '/api/v1/users/:id',
    access: 'auth',
    owner: { param: 'id', message: 'You can only view your own profile' },
    params: idParam,
    handler: async ({ params, tenantId }) => {
      if (deps.faults.isOn('logout-ends-access') && (await loggedOut(deps.redis, params.id))) throw new HttpError(401, 'Invalid or expired token');
      const user = await userById(deps.db, params.id, tenantId);
      if (user === null) throw notFound(USER_NOT_FOUND);
      if (deps.faults.isOn('response-exposes-hash')) return ok({ user: { ...userDto(user), passwordHash: user.passwordHash } });
      return ok({ user: userDto(user) });
    },
  });

  // I6
  r.add({
    method: 'patch',
    path: '/api/v1/users/:id',
    access: 'auth',
    owner: { param: 'id', message: 'You can only update your own profile' },
    params: idParam,
    body: {
      fields: {
        firstName: optional(f.name()),
        lastName: optional(f.name()),
        phoneNum: optional(f.text(1, 32)),
        identityNum: optional(f.text(1, 64)),
      },
    },
    handler: async ({ params, body, tenantId, command }) => {
      const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length === 0) throw badRequest('No updatable fields provided');
      if ((await userById(deps.db, params.id, tenantId)) === null) throw notFound(USER_NOT_FOUND);
      if (body.phoneNum !== undefined && (await phoneHeldByOther(deps.db, body.phoneNum, params.id))) {
        throw badRequest('User with this phone number already exists');
      }
      const commandId = await command('UPDATE_USER_PROFILE', { userId: params.id, changesJson: JSON.stringify(changes) });
      return accepted(commandId, 'Profile update initiated.');
    },
  });

  // I7: the server assigns the kycId (CMD-4).
  r.add({
    method: 'post',
    path: '/api/v1/users/:id/kyc',
    access: 'auth',
    owner: { param: 'id', message: 'You can only submit KYC for your own account' },
    params: idParam,
    body: {
      required: 'Evidence hash, size, and MIME type are required',
      fields: { evidenceHash: f.text(1, 128), evidenceSize: f.integer(1, 2_147_483_647), evidenceMime: { ...f.text(1, 128), schema: MIME } },
    },
    handler: async ({ params, body, tenantId, command }) => {
      if ((await userById(deps.db, params.id, tenantId)) === null) throw notFound(USER_NOT_FOUND);
      if (await kycApproved(deps.db, params.id)) throw conflict('KYC already approved');
      const kycId = randomUUID();
      const commandId = await command('SUBMIT_KYC', {
        userId: params.id,
        kycId,
        evidenceHash: body.evidenceHash,
        evidenceSize: String(body.evidenceSize),
        evidenceMime: body.evidenceMime,
      });
      return accepted(commandId, 'KYC submission initiated.', { kycId });
    },
  });

  // I8
  r.add({
    method: 'get',
    path: '/api/v1/users/:id/kyc',
    access: 'auth',
    owner: { param: 'id', message: 'You can only view your own KYC status' },
    params: idParam,
    handler: async ({ params, tenantId }) => {
      if ((await userById(deps.db, params.id, tenantId)) === null) throw notFound(USER_NOT_FOUND);
      return ok({ kycStatus: await latestKyc(deps.db, params.id) });
    },
  });
}
