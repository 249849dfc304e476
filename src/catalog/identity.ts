import { z } from 'zod';
import type { Endpoint } from './types';
import { accepted, err, NO_BODY, ok, uniqueSuffix } from './helpers';
import { countryCode, email, id, name, optional, password } from './primitives';
import { kycDto, userDto } from './dtos';

/** §6.1 svc-identity: I1–I8. */

const idParam = z.object({ id });
const REFRESH_PLACEHOLDER = '<refresh token of the example identity>';
const refreshBody = z.object({ refreshToken: z.string().min(1) });

const userExists = err(404, 'User not found', 'no profile with this id');

export const identityEndpoints: Endpoint[] = [
  {
    id: 'I1', key: 'I1', service: 'identity', method: 'POST', path: '/api/v1/auth/login',
    access: 'public', roles: null, ownership: null, kind: 'query',
    request: { body: z.object({ email: z.string(), password: z.string() }) },
    success: ok(z.looseObject({ accessToken: z.string().min(1), refreshToken: z.string().min(1), user: userDto })),
    errors: [
      err(400, 'Email and password are required', 'email or password missing, null or not a string'),
      err(401, 'Invalid email or password', 'unknown email, wrong password or malformed email (identical answers)'),
      err(401, 'Account is inactive. Please contact support.', 'SUSPENDED or CLOSED user, after the password verifies'),
    ],
    example: (w) => ({ as: null, body: { email: w.users.userA.email, password: w.users.userA.password } }),
  },
  {
    id: 'I2', key: 'I2', service: 'identity', method: 'POST', path: '/api/v1/auth/refresh',
    access: 'public', roles: null, ownership: null, kind: 'query',
    request: { body: refreshBody },
    success: ok(z.looseObject({ accessToken: z.string().min(1), refreshToken: z.string().min(1).optional() })),
    errors: [
      err(400, 'Refresh token is required', 'refreshToken missing'),
      err(401, 'Invalid or expired refresh token', 'invalid, expired, revoked, an access token, user gone or inactive'),
    ],
    example: () => ({ as: null, body: { refreshToken: REFRESH_PLACEHOLDER }, refreshTokenOf: 'userA' }),
  },
  {
    id: 'I3', key: 'I3', service: 'identity', method: 'POST', path: '/api/v1/auth/logout',
    access: 'public', roles: null, ownership: null, kind: 'revoke',
    request: { body: refreshBody },
    success: ok(z.looseObject({ message: z.literal('Logout successful') })),
    errors: [
      err(400, 'Refresh token is required', 'refreshToken missing'),
      err(401, 'Invalid or expired refresh token', 'a token that fails verification (200 with no effect also acceptable, AUTH-7)'),
    ],
    example: () => ({ as: null, body: { refreshToken: REFRESH_PLACEHOLDER }, refreshTokenOf: 'userB' }),
  },
  {
    id: 'I4', key: 'I4', service: 'identity', method: 'POST', path: '/api/v1/users',
    access: 'public', roles: null, ownership: null, kind: 'command', commandType: 'CREATE_USER',
    request: {
      body: z.object({
        email, password, firstName: name, lastName: name,
        phoneNum: optional(z.string().min(1).max(32)),
        identityNum: optional(z.string().min(1).max(64)),
        nationalityCountryCode: optional(countryCode),
        age: optional(z.number().int().min(0).max(150)),
      }),
    },
    success: accepted('User registration initiated. Check status with command ID.'),
    errors: [
      err(400, 'Email, password, firstName, and lastName are required', 'a required field missing or null'),
      err(400, 'Invalid email format', 'email not shaped local@domain.tld'),
      err(400, 'Password must be at least 8 characters long', 'password shorter than 8'),
      err(400, 'Password must be at most 128 characters long', 'password longer than 128'),
      err(400, 'User with this email already exists', 'a profile (deleted or not) or a non-FAILED CREATE_USER row has the email'),
      err(400, 'User with this phone number already exists', 'same test for phoneNum'),
    ],
    example: (w) => {
      const suffix = uniqueSuffix();
      return {
        as: null,
        body: {
          email: `${w.namespace}-new-${suffix}@example.test`, password: 'gxv-Passw0rd!',
          firstName: 'Gxv', lastName: `New${suffix}`, nationalityCountryCode: w.countryCode,
        },
      };
    },
  },
  {
    id: 'I5', key: 'I5', service: 'identity', method: 'GET', path: '/api/v1/users/:id',
    access: 'owner', roles: null, kind: 'query',
    ownership: { kind: 'path', param: 'id', message: 'You can only view your own profile' },
    request: { params: idParam, ...NO_BODY },
    success: ok(z.looseObject({ user: userDto })),
    errors: [err(403, 'You can only view your own profile', 'token profileId differs from :id'), userExists],
    example: (w) => ({ as: 'userA', params: { id: w.users.userA.profileId } }),
  },
  {
    id: 'I6', key: 'I6', service: 'identity', method: 'PATCH', path: '/api/v1/users/:id',
    access: 'owner', roles: null, kind: 'command', commandType: 'UPDATE_USER_PROFILE',
    ownership: { kind: 'path', param: 'id', message: 'You can only update your own profile' },
    request: {
      params: idParam,
      body: z.object({
        firstName: optional(name), lastName: optional(name),
        phoneNum: optional(z.string().min(1).max(32)), identityNum: optional(z.string().min(1).max(64)),
      }).refine((b) => [b.firstName, b.lastName, b.phoneNum, b.identityNum].some((v) => v != null),
        'at least one of firstName, lastName, phoneNum, identityNum'),
    },
    success: accepted('Profile update initiated.', { literal: false }),
    errors: [
      err(403, 'You can only update your own profile', 'token profileId differs from :id'),
      err(400, 'No updatable fields provided', 'none of firstName, lastName, phoneNum, identityNum given'),
      userExists,
      err(400, 'User with this phone number already exists', 'another profile has the phoneNum'),
    ],
    example: (w) => ({ as: 'userA', params: { id: w.users.userA.profileId }, body: { lastName: 'Verified' } }),
  },
  {
    id: 'I7', key: 'I7', service: 'identity', method: 'POST', path: '/api/v1/users/:id/kyc',
    access: 'owner', roles: null, kind: 'command', commandType: 'SUBMIT_KYC',
    ownership: { kind: 'path', param: 'id', message: 'You can only submit KYC for your own account' },
    request: {
      params: idParam,
      body: z.object({
        evidenceHash: z.string().min(1).max(128),
        evidenceSize: z.number().int().min(1).max(2147483647),
        evidenceMime: z.string().min(1).max(128).regex(/^[^\s/]+\/[^\s/]+$/, 'type/subtype'),
      }),
    },
    success: accepted('KYC submission initiated.', { literal: false }),
    errors: [
      err(403, 'You can only submit KYC for your own account', 'token profileId differs from :id'),
      err(400, 'Evidence hash, size, and MIME type are required', 'a field missing or invalid'),
      userExists,
      err(409, 'KYC already approved', 'the user has an APPROVED KYC record'),
    ],
    example: (w) => ({
      as: 'userA', params: { id: w.users.userA.profileId },
      body: { evidenceHash: `sha256-${w.namespace}-kyc`.slice(0, 128), evidenceSize: 2048, evidenceMime: 'application/pdf' },
    }),
  },
  {
    id: 'I8', key: 'I8', service: 'identity', method: 'GET', path: '/api/v1/users/:id/kyc',
    access: 'owner', roles: null, kind: 'query',
    ownership: { kind: 'path', param: 'id', message: 'You can only view your own KYC status' },
    request: { params: idParam, ...NO_BODY },
    success: ok(z.looseObject({ kycStatus: kycDto.nullable() })),
    errors: [err(403, 'You can only view your own KYC status', 'token profileId differs from :id'), userExists],
    example: (w) => ({ as: 'userA', params: { id: w.users.userA.profileId } }),
  },
];
