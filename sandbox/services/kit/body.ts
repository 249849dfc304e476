import express, { type NextFunction, type Request, type Response } from 'express';
import { HttpError } from './envelope';

export const BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** A request refused at the body stage (HTTP-1 to HTTP-3), before any route logic. */
export class BodyError extends HttpError {}

/** True when the request carries a body (a length above zero or a chunked stream). */
export function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}

export function isJson(req: Request): boolean {
  return req.is('application/json') === 'application/json';
}

/** HTTP-3 for bodies the JSON parser does not read (other content types): refuse by declared length. */
function declaredSizeLimit(req: Request, _res: Response, next: NextFunction): void {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > BODY_LIMIT_BYTES) return next(new BodyError(413, 'Request body too large'));
  next();
}

/** HTTP-1: a parsed JSON body must be an object; an absent body counts as {}. */
function requireObject(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (body === undefined) {
    req.body = {};
    return next();
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return next(new BodyError(400, 'Request body must be a JSON object'));
  }
  next();
}

/**
 * JSON body handling in one chain: size limit, parse (strict off so primitives reach our own
 * message), object check. Parser errors are mapped to E1 by the error handler (errors.ts).
 */
export function jsonBody() {
  return [
    declaredSizeLimit,
    express.json({ limit: BODY_LIMIT_BYTES, strict: false, type: 'application/json' }),
    requireObject,
  ];
}

/** HTTP-1 for routes that take a body: a non-empty body of another content type is refused. */
export function assertJsonContentType(req: Request): void {
  if (hasBody(req) && !isJson(req)) throw new BodyError(400, 'Content-Type must be application/json');
}
