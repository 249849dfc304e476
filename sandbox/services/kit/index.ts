/** The service kit: everything a GX service needs besides its own handlers. */
export { createServiceApp, type ServiceApp } from './app';
export { accepted, ok, type Reply, type RouteContext, type RouteSpec, type ServiceRouter } from './route';
export { f, optional, parseFields, withBypass, withMessage, withOperators, type Field, type Fields, type Parsed } from './validation';
export { HttpError, badRequest, conflict, forbidden, notFound, unauthorized, envelope, reasonPhrase } from './envelope';
export { ADMIN_ROLES, ROLES, authenticate, requireRole, verifyToken, type Principal, type Role } from './auth';
export { issueToken, type TokenSubject } from './tokens';
export { insertCommand, type CommandPayload, type NewCommand } from './outbox';
export { Idempotency, canonicalJson } from './idempotency';
export { bigintString, isoTime, money } from './json';
export { feeOf, fromScaled, normalizeDecimal, parseAmount, toScaled } from './decimal';
export { userExists } from './users';
