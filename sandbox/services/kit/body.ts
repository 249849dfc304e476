import express, { type NextFunction, type Request, type Response } from 'express';
import { attachLiterals } from './number-literals';
import { HttpError } from './envelope';
import type { FaultSwitchboard } from '../../faults/switchboard';
import { mergeIntoOptions, sanitizeStrings } from './defects';

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

/** SEC-DOS-1 limits: nesting deeper than this, or arrays longer than that, are refused with 400. */
export const MAX_BODY_DEPTH = 64;
export const MAX_ARRAY_LENGTH = 10_000;

/** The body's shape limits, checked without recursion (a deep body must not overflow the stack here). */
function shapeProblem(body: unknown): string | null {
  const stack: Array<[unknown, number]> = [[body, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_BODY_DEPTH) return 'Request body is nested too deeply';
    const children = Array.isArray(value) ? value : Object.values(value);
    if (Array.isArray(value) && value.length > MAX_ARRAY_LENGTH) return 'Request body has an array that is too long';
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return null;
}

/** SEC-DOS-1's nesting and array limits. Fault `body-limits-off`: none (any depth, any length). */
function bodyLimits(faults?: FaultSwitchboard) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const problem = faults?.isOn('body-limits-off') ? null : shapeProblem(req.body);
    next(problem === null ? undefined : new BodyError(400, problem));
  };
}

/**
 * JSON body handling in one chain: size limit, parse (strict off so primitives reach our own
 * message), object check, nesting and array limits. Parser errors are mapped to E1 by the error
 * handler (errors.ts). The fault spots of issue 14 (a recursive sanitizer, a polluting merge) sit
 * where such code usually lives: right after parsing.
 */
export function jsonBody(faults?: FaultSwitchboard) {
  const defects = (req: Request, _res: Response, next: NextFunction) => {
    if (!faults) return next();
    try {
      req.body = sanitizeStrings(faults, req.body);
    } catch (err) {
      return next(err);
    }
    next();
  };
  const merge = (req: Request, _res: Response, next: NextFunction) => {
    if (faults) mergeIntoOptions(faults, req.body);
    next();
  };
  const literals = (req: Request, _res: Response, next: NextFunction) => {
    const raw = (req as Request & { rawJson?: string }).rawJson;
    if (raw !== undefined) attachLiterals(req.body, raw);
    next();
  };
  return [
    declaredSizeLimit,
    // VAL-5: the raw text is kept so number literals can be read exactly (number-literals.ts).
    express.json({ limit: BODY_LIMIT_BYTES, strict: false, type: 'application/json', verify: (req, _res, buf) => { (req as Request & { rawJson?: string }).rawJson = buf.toString('utf8'); } }),
    literals,
    defects,
    requireObject,
    bodyLimits(faults),
    merge,
  ];
}

/**
 * HTTP-1 for routes that take a body: a non-empty body of another content type is refused. Fault
 * `empty-body-needs-content-type`: a request with no body is refused too, for its missing type.
 */
export function assertJsonContentType(req: Request, faults?: FaultSwitchboard): void {
  const body = hasBody(req) || (faults?.isOn('empty-body-needs-content-type') ?? false);
  if (body && !isJson(req)) throw new BodyError(400, 'Content-Type must be application/json');
}
