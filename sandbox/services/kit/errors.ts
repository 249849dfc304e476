import type { NextFunction, Request, Response } from 'express';
import type { ServiceDeps } from '../deps';
import { BodyError } from './body';
import { envelope, HttpError, reasonPhrase, sendError } from './envelope';
import { debugBlock } from './defects';

/** HTTP-4: every unmatched request. Fault `envelope-drift` answers another shape. */
export function notFoundFallback(deps: ServiceDeps) {
  return (req: Request, res: Response): void => {
    const path = req.originalUrl.split('?')[0];
    const message = `Route ${req.method} ${path} not found`;
    if (deps.faults.isOn('envelope-drift')) {
      res.status(404).json({ statusCode: 404, msg: message });
      return;
    }
    const debug = debugBlock(deps.faults, req);
    if (Object.keys(debug).length > 0) {
      res.status(404).json({ ...envelope(404, message, res.locals.requestId as string | undefined), ...debug });
      return;
    }
    sendError(res, 404, message);
  };
}

/** Errors raised by express' body parser carry a `type`; map them to the contract's messages. */
function parserError(err: { type?: string; status?: number }): HttpError | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return new BodyError(400, 'Malformed JSON in request body');
    case 'entity.too.large':
      return new BodyError(413, 'Request body too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new BodyError(400, 'Content-Type must be application/json');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new BodyError(400, 'Malformed JSON in request body');
  }
  // Other client errors raised by express itself (for example an undecodable path parameter).
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) return new HttpError(400, 'Bad request');
  return null;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const UNREACHABLE_TEXT = /Connection terminated|timeout exceeded when trying to connect|Reached the max retries per request limit|Connection is closed/i;

/** ERR-5: a dependency (database, Redis) that cannot be reached is a 503, not an internal error. */
function dependencyDown(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] };
  if (typeof e?.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  if (typeof e?.message === 'string' && UNREACHABLE_TEXT.test(e.message)) return true;
  // AggregateError from a dual-stack connect attempt.
  return Array.isArray(e?.errors) && e.errors.some(dependencyDown);
}

/**
 * The last middleware: HttpError → its status and message; an unreachable dependency is 503; anything else is an
 * internal failure, logged (without request data) and answered 500 "Internal server error". Fault `error-leak`
 * puts the raw error text (database driver messages) into the response.
 */
export function errorHandler(deps: ServiceDeps, service: string) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const known = err instanceof HttpError ? err : parserError((err ?? {}) as { type?: string; status?: number });
    if (res.headersSent) {
      res.end();
      return;
    }
    if (known instanceof BodyError && deps.faults.isOn('body-errors-html')) {
      // Fault `body-errors-html`: body-stage refusals fall through to a framework-style HTML page.
      res.status(known.status).type('html').send(`<!DOCTYPE html><html><body><h1>${known.status} ${reasonPhrase(known.status)}</h1></body></html>`);
      return;
    }
    if (known) {
      // Fault `oversize-error-stack`: the 413 of an oversized body carries the parser's stack trace.
      const stack = known.status === 413 && deps.faults.isOn('oversize-error-stack') ? `\n${(err as Error)?.stack ?? new Error(known.message).stack}` : '';
      sendError(res, known.status, known.message + stack, known.headers);
      return;
    }
    const text = err instanceof Error ? err.message : String(err);
    deps.log({ level: 'error', service, msg: 'unhandled error', error: text, method: req.method, route: req.route?.path ?? null, requestId: res.locals.requestId });
    const leak = deps.faults.isOn('error-leak');
    if (dependencyDown(err)) sendError(res, 503, leak ? text : 'Service temporarily unavailable');
    else sendError(res, 500, leak ? text : 'Internal server error');
  };
}
