import type { Response } from 'express';
// The §2.2 reason phrases are a contract fact with one home, the catalog.
import { REASON_PHRASES } from '../../../src/catalog/envelope';

export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
}

/**
 * A client-facing failure: thrown anywhere in a route, answered by the error handler as E1.
 * The message is shown to the client verbatim, so it must never carry internals.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const unauthorized = (message: string) => new HttpError(401, message);
export const forbidden = (message: string) => new HttpError(403, message);
export const notFound = (message: string) => new HttpError(404, message);
export const conflict = (message: string) => new HttpError(409, message);

/** The E1 body: `{error, message, requestId}`. */
export function envelope(status: number, message: string, requestId: string | undefined) {
  return requestId === undefined
    ? { error: reasonPhrase(status), message }
    : { error: reasonPhrase(status), message, requestId };
}

export function sendError(res: Response, status: number, message: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(status).json(envelope(status, message, res.locals.requestId as string | undefined));
}
