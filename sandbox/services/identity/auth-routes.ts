import bcrypt from 'bcryptjs';
import { f, HttpError, issueToken, ok, verifyToken, withMessage, type Role, type ServiceRouter } from '../kit';
import { comparePassword } from './password-hasher';
import { isRevoked, markLoggedOut, revoke } from './revocation';
import { clearFailures, recordFailure, throttledFor } from './throttle';
import { INACTIVE_STATUSES, userById, userByEmail, userDto } from './users';

const INVALID_LOGIN = 'Invalid email or password';
const INVALID_REFRESH = 'Invalid or expired refresh token';
// Compared against when no account matches, so unknown emails cost the same time as wrong passwords.
const DUMMY_HASH = bcrypt.hashSync('gx-dummy-password', 12);
const EMAIL_SHAPE = f.email().schema;

export function mountAuthRoutes(r: ServiceRouter): void {
  const { deps } = r;
  const refreshBody = { fields: { refreshToken: withMessage(f.string(), 'Refresh token is required') }, required: 'Refresh token is required' };

  // I1: identical 401 for unknown email, wrong password and malformed email.
  r.add({
    method: 'post',
    path: '/api/v1/auth/login',
    access: 'public',
    body: {
      fields: { email: withMessage(f.string(), 'Email and password are required'), password: withMessage(f.string(), 'Email and password are required') },
      required: 'Email and password are required',
    },
    handler: async ({ body }) => {
      const tenantId = deps.config.tenantId;
      // SEC-AUTH-2; fault `login-no-throttle` never refuses.
      const wait = deps.faults.isOn('login-no-throttle') ? 0 : await throttledFor(deps.redis, tenantId, body.email);
      if (wait > 0) throw new HttpError(429, 'Too many failed login attempts. Try again later.', { 'Retry-After': String(wait) });
      const user = EMAIL_SHAPE.safeParse(body.email).success ? await userByEmail(deps.db, tenantId, body.email, deps.faults.isOn('login-ignores-deleted')) : null;
      // Fault `login-enumeration-timing`: the slow hash runs only when the email is known.
      const skipHash = user === null && deps.faults.isOn('login-enumeration-timing');
      const matches = skipHash ? false : await comparePassword(body.password, user?.passwordHash ?? DUMMY_HASH);
      if (user === null || !matches) {
        await recordFailure(deps.redis, tenantId, body.email);
        throw new HttpError(401, INVALID_LOGIN);
      }
      await clearFailures(deps.redis, tenantId, body.email);
      if (INACTIVE_STATUSES.has(user.status)) throw new HttpError(401, 'Account is inactive. Please contact support.');
      // Fault `login-role-default`: the tokens carry the default role USER, not the profile's (AUTH-5).
      const role = deps.faults.isOn('login-role-default') ? 'USER' : user.role as Role;
      const subject = { profileId: user.profileId, role, tenantId: user.tenantId };
      const [accessToken, refreshToken] = await Promise.all([
        issueToken(deps.config, subject, 'access'),
        issueToken(deps.config, subject, 'refresh'),
      ]);
      return ok({ accessToken, refreshToken, user: userDto(user) });
    },
  });

  // I2: a new access token with role and tenant re-read from the profile (AUTH-6); no rotation.
  // Fault `auth-refresh-accepts-access`: a token refused as a refresh token is retried as an access token.
  r.add({
    method: 'post',
    path: '/api/v1/auth/refresh',
    access: 'public',
    body: refreshBody,
    handler: async ({ body }) => {
      let verified = await verifyToken(deps, body.refreshToken, 'refresh');
      if (!verified.ok && deps.faults.isOn('auth-refresh-accepts-access')) verified = await verifyToken(deps, body.refreshToken, 'access');
      if (!verified.ok || (await isRevoked(deps.redis, verified.principal, body.refreshToken))) throw new HttpError(401, INVALID_REFRESH);
      const user = await userById(deps.db, verified.principal.profileId);
      // Fault `refresh-ignores-status`: SUSPENDED and CLOSED accounts keep refreshing.
      if (user === null || (INACTIVE_STATUSES.has(user.status) && !deps.faults.isOn('refresh-ignores-status'))) throw new HttpError(401, INVALID_REFRESH);
      const accessToken = await issueToken(deps.config, { profileId: user.profileId, role: user.role as Role, tenantId: user.tenantId }, 'access');
      return ok({ accessToken });
    },
  });

  // I3: revokes the refresh token until its exp (AUTH-7). Fault `auth-logout-no-revoke` skips it.
  r.add({
    method: 'post',
    path: '/api/v1/auth/logout',
    access: 'public',
    body: refreshBody,
    handler: async ({ body }) => {
      const verified = await verifyToken(deps, body.refreshToken, 'refresh');
      if (!verified.ok) throw new HttpError(401, INVALID_REFRESH);
      if (!deps.faults.isOn('auth-logout-no-revoke')) await revoke(deps.redis, verified.principal, body.refreshToken);
      // Fault `logout-ends-access`: logout also ends the user's access tokens on I5 (AUTH-8).
      if (deps.faults.isOn('logout-ends-access')) await markLoggedOut(deps.redis, verified.principal.profileId);
      return ok({ message: 'Logout successful' });
    },
  });
}
