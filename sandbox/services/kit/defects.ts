import type { NextFunction, Request, Response } from 'express';
import type { FaultSwitchboard } from '../../faults/switchboard';
import type { ServiceDeps } from '../deps';

/**
 * The deliberate defects of the issue 14 fault switches (sandbox/faults/probe-faults.ts), each
 * written the way the bug shows up in real services, and each live only while its switch is on.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The prototype the polluting merge reaches. The sandbox shares its process with the tests and the
 * metrics library, so the pollution is real but contained: every object the merge walks inherits
 * from `optionsProto` (whose `__proto__` and `constructor.prototype` lead back to itself), and the
 * answers are built over it, exactly where a polluted Object.prototype would show.
 */
const optionsProto: Json = Object.create(Object.prototype) as Json;
function Options(): void { /* the "class" of the defaults objects */ }
Options.prototype = optionsProto;
Object.defineProperty(optionsProto, 'constructor', { value: Options, enumerable: false, writable: true });
Object.defineProperty(optionsProto, '__proto__', { get: () => optionsProto, set: () => undefined, enumerable: false });

/** Keys the polluting merge put on the shared prototype, removed when the fault goes off. */
const polluted = new Set<string>();

/** Fault `prototype-pollution`: a "defaults" merge with no guard for __proto__/constructor keys. */
function naiveMerge(target: Json, source: Json): void {
  for (const key in source) {
    const value = source[key];
    if (isObject(value)) {
      if (!isObject(target[key]) && typeof target[key] !== 'function') target[key] = Object.create(optionsProto);
      naiveMerge(target[key] as Json, value);
    } else {
      if (target === optionsProto && !Object.hasOwn(optionsProto, key)) polluted.add(key);
      target[key] = value;
    }
  }
}

const sharedOptions: Json = Object.create(optionsProto) as Json;

/** Merges the parsed body into the shared options (pollutes their prototype through `__proto__`). */
export function mergeIntoOptions(faults: FaultSwitchboard, body: unknown): void {
  if (faults.isOn('prototype-pollution') && isObject(body)) naiveMerge(sharedOptions, body);
}

/** Answers built over the defaults and copied key by key with for…in: inherited (polluted) keys come along. */
export function copyForAnswer(faults: FaultSwitchboard, body: unknown): unknown {
  if (!faults.isOn('prototype-pollution') || !isObject(body)) return body;
  const source = Object.assign(Object.create(optionsProto) as Json, body);
  const out: Json = {};
  for (const key in source) out[key] = source[key];
  return out;
}

const watched = new WeakSet<FaultSwitchboard>();

/** Undoes the pollution when the fault is switched off (the sandbox shares its process with tests); once per switchboard. */
export function watchPollution(faults: FaultSwitchboard): void {
  if (watched.has(faults)) return;
  watched.add(faults);
  faults.onChange(() => {
    if (faults.isOn('prototype-pollution')) return;
    for (const key of polluted) delete optionsProto[key];
    polluted.clear();
    for (const key of Object.keys(sharedOptions)) delete sharedOptions[key];
  });
}

/** Fault `deep-json-crash`: a recursive trim of every string, no depth limit, a few frames per level. */
export function sanitizeStrings(faults: FaultSwitchboard, body: unknown): unknown {
  if (!faults.isOn('deep-json-crash')) return body;
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return value.trim() === value ? value : value.trim();
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(body);
}

/** Response headers of the header faults: version banners, cacheable authenticated answers, links from Host, a loose cookie. */
export function faultHeaders(deps: ServiceDeps) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const { faults } = deps;
    if (faults.isOn('x-powered-by')) {
      res.setHeader('X-Powered-By', 'Express 5.1.0');
      res.setHeader('Server', 'gx-svc/1.4.2 Node.js/20');
    }
    if (faults.isOn('auth-answers-cacheable') && req.get('authorization')) res.setHeader('Cache-Control', 'public, max-age=300');
    if (faults.isOn('host-header-links')) {
      const host = req.get('x-forwarded-host') ?? req.get('host') ?? 'localhost';
      res.setHeader('Link', `<http://${host}${req.originalUrl.split('?')[0]}>; rel="self"`);
    }
    if (faults.isOn('insecure-cookie')) res.setHeader('Set-Cookie', 'gx_session=s%3Agxv-session-id; Path=/');
    next();
  };
}

/** Fault `debug-errors`: the unknown-route answer gains a debug block with internals. */
export function debugBlock(faults: FaultSwitchboard, req: Request): Json {
  if (!faults.isOn('debug-errors')) return {};
  const address = req.socket.localAddress ?? '10.42.3.17';
  return {
    debug: {
      stack: `Error: Route not found\n    at notFoundFallback (/app/dist/kit/errors.js:12:11)\n    at Layer.handle (/app/node_modules/router/lib/layer.js:152:17)`,
      lastQuery: 'SELECT "profileId", "email" FROM "UserProfile" WHERE "deletedAt" IS NULL LIMIT 1',
      upstream: `${address === '127.0.0.1' ? '10.42.3.17' : address}:${req.socket.localPort ?? 3001}`,
    },
  };
}
