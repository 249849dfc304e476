import type { NextFunction, Request, Response } from 'express';
import type { FaultSwitchboard } from '../../faults/switchboard';
import type { ServiceDeps } from '../deps';
import { HttpError } from './envelope';
import { notFoundFallback } from './errors';

/**
 * The serializer and wording defects of the convention faults (sandbox/faults/contract-faults.ts),
 * each the way it shows up in real services: a money column read as a float, a block number from a
 * driver that returns numbers, timestamps formatted without milliseconds, counts read as text, a
 * body sent as a Buffer with a bare content type, a validator's generic "missing field" message.
 */

// §11 field names (SER-2, SER-3, SER-5).
const MONEY = new Set(['balance', 'amount', 'fee', 'cachedBalance', 'totalSupply', 'taxAmount', 'initialBalance', 'amountThreshold']);
const BIG = new Set(['blockNumber', 'commitBlock', 'lastBlock', 'lastProcessedBlock']);
const COUNTS = new Set(['forVotes', 'againstVotes', 'evidenceSize', 'requiredApprovals', 'totalUsers', 'totalOrganizations']);
const ISO_MS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.\d{3}Z$/;

type Change = (key: string, value: unknown) => unknown;

function rewrite(value: unknown, change: Change): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, change));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'object' && v !== null ? rewrite(v, change) : change(k, v)]));
}

/** Applies every serializer fault that is on to a success body. */
export function serializerDefects(faults: FaultSwitchboard, body: unknown): unknown {
  const changes: Change[] = [];
  if (faults.isOn('money-as-number')) changes.push((k, v) => (MONEY.has(k) && typeof v === 'string' ? Number(v) : v));
  if (faults.isOn('bigint-as-number')) changes.push((k, v) => (BIG.has(k) && typeof v === 'string' ? Number(v) : v));
  if (faults.isOn('count-as-string')) changes.push((k, v) => (COUNTS.has(k) && typeof v === 'number' ? String(v) : v));
  if (faults.isOn('timestamp-no-millis')) changes.push((_k, v) => (typeof v === 'string' ? v.replace(ISO_MS, '$1Z') : v));
  if (changes.length === 0) return body;
  return rewrite(body, (k, v) => changes.reduce((acc, change) => change(k, acc), v));
}

/** Sends a JSON answer; faults `json-charset-missing` and `json-latin1` send other bytes or labels. */
export function sendJson(faults: FaultSwitchboard, res: Response, status: number, body: unknown): void {
  // Fault `json-latin1`: a legacy serializer writes ISO-8859-1 and says so.
  if (faults.isOn('json-latin1')) {
    res.status(status).setHeader('Content-Type', 'application/json; charset=iso-8859-1');
    res.send(Buffer.from(JSON.stringify(body), 'latin1'));
    return;
  }
  if (!faults.isOn('json-charset-missing')) {
    res.status(status).json(body);
    return;
  }
  // setHeader, not res.type/res.set: express adds the charset to those.
  res.status(status).setHeader('Content-Type', 'application/json');
  res.send(Buffer.from(JSON.stringify(body), 'utf8'));
}

/** Fault `required-message-generic`: a missing field gets a validator's generic text naming no field (VAL-6). */
export function requiredMessage(faults: FaultSwitchboard, message: string): string {
  return faults.isOn('required-message-generic') ? 'Validation failed' : message;
}

/**
 * HTTP-5 defects in front of the routes: HEAD refused (`head-not-answered`), strict routing that
 * misses a trailing slash (`trailing-slash-404`).
 */
export function getFormFaults(deps: ServiceDeps) {
  const notFound = notFoundFallback(deps);
  return (req: Request, res: Response, next: NextFunction): void => {
    const api = req.path.startsWith('/api/');
    if (api && req.method === 'HEAD' && deps.faults.isOn('head-not-answered')) return next(new HttpError(405, 'Method not allowed'));
    if (api && req.path.endsWith('/') && deps.faults.isOn('trailing-slash-404')) return notFound(req, res);
    next();
  };
}

/** Fault `unknown-query-400`: a strict query validator refuses parameters the route does not declare (HTTP-5). */
export function assertKnownQuery(faults: FaultSwitchboard, declared: Record<string, unknown> | undefined, query: Record<string, unknown>): void {
  if (!faults.isOn('unknown-query-400')) return;
  const unknown = Object.keys(query).find((k) => !Object.hasOwn(declared ?? {}, k));
  if (unknown !== undefined) throw new HttpError(400, `Unknown query parameter: ${unknown}`);
}

/** Fault `idempotency-key-before-auth`: the key's format is checked before authentication and the role gate (ERR-6). */
export function keyBeforeAuth(faults: FaultSwitchboard, req: Request): void {
  if (!faults.isOn('idempotency-key-before-auth') || req.method === 'GET' || req.method === 'HEAD') return;
  const key = req.get('x-idempotency-key');
  if (key !== undefined && !/^[\x21-\x7e]{16,128}$/.test(key)) throw new HttpError(400, 'X-Idempotency-Key must be 16 to 128 visible ASCII characters');
}
