import type { NextFunction, Request, Response } from 'express';
import type { ServiceDeps } from '../deps';

/**
 * One structured JSON log entry per answered request (LOG-1): method, path, status, duration and
 * request id — never the Authorization header, body or query values. The `secret-in-logs` fault
 * adds the Authorization header, as a careless request logger would.
 */
export function requestLog(deps: ServiceDeps, service: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.on('finish', () => {
      const entry: Record<string, unknown> = {
        level: 'info', service, msg: 'request', method: req.method, path: req.path,
        status: res.statusCode, durationMs: Math.round(performance.now() - started), requestId: res.locals.requestId,
      };
      if (deps.faults.isOn('secret-in-logs') && req.get('authorization')) entry.authorization = req.get('authorization');
      deps.log(entry);
    });
    next();
  };
}
