import type pg from 'pg';
import type { FaultSwitchboard } from '../../faults/switchboard';

/** Connections the `db-pool-starved` fault leaves the services (shared by all seven, like the real pool). */
export const STARVED_POOL_SIZE = 4;
/** pg-pool's own text when connectionTimeoutMillis runs out; the error handler maps it to 503 (ERR-5). */
const ACQUIRE_TIMEOUT = 'timeout exceeded when trying to connect';

/** In-flight queries and checked-out clients per underlying pool. */
const inFlight = new WeakMap<pg.Pool, { count: number }>();

/**
 * The services' view of the shared pool. Clean, it only counts what is in flight. With the fault
 * `db-pool-starved` on, it behaves like a pool of STARVED_POOL_SIZE with an immediate acquire
 * timeout: a query or connect beyond that many in flight fails at once instead of waiting.
 */
export function guardPool(pool: pg.Pool, faults: FaultSwitchboard): pg.Pool {
  let slots = inFlight.get(pool);
  if (!slots) inFlight.set(pool, (slots = { count: 0 }));
  const counter = slots;
  const acquire = () => {
    if (faults.isOn('db-pool-starved') && counter.count >= STARVED_POOL_SIZE) throw new Error(ACQUIRE_TIMEOUT);
    counter.count++;
    let released = false;
    return () => {
      if (!released) { released = true; counter.count--; }
    };
  };
  return new Proxy(pool, {
    get(target, prop) {
      if (prop === 'query') {
        return async (...args: unknown[]) => {
          const release = acquire();
          try {
            return await (target.query as (...a: unknown[]) => Promise<unknown>)(...args);
          } finally {
            release();
          }
        };
      }
      if (prop === 'connect') {
        return async () => {
          const release = acquire();
          try {
            const client = await target.connect();
            const original = client.release.bind(client);
            client.release = (err?: Error | boolean) => { release(); return original(err); };
            return client;
          } catch (err) {
            release();
            throw err;
          }
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
