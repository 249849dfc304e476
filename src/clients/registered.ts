import type { HttpExchange, HttpRequest } from './http';

/**
 * The HTTP client of the suite that is running. A user's check module is loaded in its own module
 * namespace (tsx), so importing the client there would give it a second copy: one that records
 * into no run's exchange log, and a second undici, which cannot construct itself twice in one
 * process. The client registers itself here when it loads; the public API sends through it.
 */
type Send = (req: HttpRequest) => Promise<HttpExchange>;

const KEY = Symbol.for('gx-verify.http.send');
const slot = globalThis as unknown as Record<symbol, Send | undefined>;

export function registerSend(send: Send): void {
  slot[KEY] ??= send;
}

export function registeredSend(): Send | undefined {
  return slot[KEY];
}
