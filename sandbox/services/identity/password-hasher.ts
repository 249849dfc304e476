import { Piscina } from 'piscina';

/**
 * bcrypt off the event loop, as a production Node service gets it (native bcrypt hashes on
 * libuv's thread pool). bcryptjs on the main thread blocks it in slices of up to 100 ms; the
 * sandbox shares that thread with every service, its workers and the test runner measuring them,
 * so one login's hash used to stall unrelated requests and the runner's own clock: an unknown
 * email sent beside a known one (SEC-PROBE-AUTH's pairs) waited out the other's hash and looked
 * just as slow. Worker threads keep each hash's cost on the request that pays it.
 *
 * Four threads like libuv's default pool; idle threads are unref'd and never hold the process.
 */
let pool: Piscina | null = null;

function hasher(): Piscina {
  pool ??= new Piscina({ filename: new URL('./bcrypt-worker.mjs', import.meta.url).href, minThreads: 2, maxThreads: 4 });
  return pool;
}

/** Starts the pool's threads (with the identity service), so the first login does not pay for their start. */
export function startPasswordHasher(): void {
  hasher();
}

export function comparePassword(password: string, hash: string): Promise<boolean> {
  return hasher().run({ password, hash }, { name: 'compare' });
}

export function hashPassword(password: string, cost: number): Promise<string> {
  return hasher().run({ password, cost }, { name: 'hash' });
}
