import type { NextFunction, Request, Response } from 'express';
import { SHED_LIMIT } from '../../faults/load-faults';
import type { ServiceDeps } from '../deps';
import { sendError } from './envelope';

/**
 * Business requests of one service under load: it sheds what it cannot take (more than
 * SHED_LIMIT in flight → 429 E1 with Retry-After: a service's own limit, RL-4; 503 is only for an
 * unreachable dependency, ERR-5), which is §16's graceful degradation. The load faults switch at
 * their one spot each: `no-backpressure` (hang, then 500 instead of 429),
 * `error-burst` (every 50th request 500), `slow-endpoint` (#24 600 ms late).
 */
const HANG_MS = 3_000;
/** Business requests served by every service of this process: error-burst's 2 % is of all of them. */
let served = 0;

export function loadGuards(deps: ServiceDeps) {
  let inFlight = 0;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (inFlight >= SHED_LIMIT) {
      if (deps.faults.isOn('no-backpressure')) {
        setTimeout(() => sendError(res, 500, 'Internal server error'), HANG_MS);
        return;
      }
      sendError(res, 429, 'Too many requests', { 'Retry-After': '1' });
      return;
    }
    inFlight++;
    let done = false;
    const release = () => { if (!done) { done = true; inFlight--; } };
    res.on('finish', release);
    res.on('close', release);
    served++;
    if (deps.faults.isOn('error-burst') && served % 50 === 0) {
      sendError(res, 500, 'Internal server error');
      return;
    }
    if (deps.faults.isOn('slow-endpoint') && req.method === 'GET' && req.path.replace(/\/$/, '') === '/api/v1/proposals') {
      setTimeout(next, 600);
      return;
    }
    next();
  };
}
