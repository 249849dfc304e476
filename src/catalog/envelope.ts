import { z } from 'zod';

/** §2.2 E1: the one error shape of every 4xx/5xx answer. */
export const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** E1 itself: `error` and `message` strings, optional `requestId`. Extra keys are ERR-2 (SHOULD). */
export const errorEnvelope = z.looseObject({
  error: z.string().min(1),
  message: z.string(),
  requestId: z.string().optional(),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

/** ERR-2 (advisory): the keys an envelope should be limited to. */
export const ENVELOPE_KEYS = ['error', 'message', 'requestId'] as const;

/** E1 for one status: `error` must be that status's reason phrase. */
export function envelopeFor(status: number) {
  const phrase = REASON_PHRASES[status];
  if (!phrase) throw new Error(`no E1 reason phrase for status ${status}`);
  return errorEnvelope.extend({ error: z.literal(phrase) });
}

/** Messages the contract fixes for cross-cutting failures (§2.1, §3.2, §5). */
export const MESSAGES = {
  noAuthHeader: 'No authorization header provided',
  badAuthFormat: 'Invalid authorization header format. Expected: Bearer <token>',
  invalidToken: 'Invalid or expired token',
  expiredTokenAlt: 'Token has expired',
  invalidPayload: 'Invalid token payload',
  forbiddenRole: 'Insufficient permissions to access this resource',
  contentType: 'Content-Type must be application/json',
  bodyNotObject: 'Request body must be a JSON object',
  malformedJson: 'Malformed JSON in request body',
  tooLarge: 'Request body too large',
  idemKeyInvalid: 'X-Idempotency-Key must be 16 to 128 visible ASCII characters',
  idemKeyReused: 'Idempotency key reused with a different request',
  idemInProgress: 'A request with this idempotency key is in progress',
  tooManyRequests: 'Too many requests',
  unavailable: 'Service temporarily unavailable',
  internal: 'Internal server error',
  /** HTTP-4: `Route <METHOD> <path> not found`. */
  routeNotFound: (method: string, path: string) => `Route ${method} ${path} not found`,
} as const;

/**
 * Whether an answered message fits a documented one whose `<placeholders>` stand for any text
 * (`"Insufficient balance. Available: <balance>, Required: <amount + fee>"`).
 */
export function messageMatches(documented: string, actual: string): boolean {
  const pattern = documented
    .split(/<[^<>]+>/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${pattern}$`, 's').test(actual);
}
