import type pg from 'pg';

/**
 * A view of a shared pool that one submitter replica uses, so that replica can die the way a
 * `kill -9`ed process does (OPS-4 drill): after `kill()` every query it tries fails, and the
 * connections it had checked out are cut, so PostgreSQL rolls back whatever they had open.
 * Nothing it does after its death reaches the database.
 */
export interface KillablePool {
  pool: pg.Pool;
  kill(): void;
}

export class KilledError extends Error {
  constructor() {
    super('this worker was killed');
    this.name = 'KilledError';
  }
}

export function killablePool(shared: pg.Pool): KillablePool {
  let dead = false;
  const held = new Set<pg.PoolClient>();
  // Callback-style calls (pg-pool's own) get the error through their callback, promise calls a rejection.
  const guarded = (fn: (...a: unknown[]) => unknown) => (...args: unknown[]) => {
    if (!dead) return fn(...args);
    const callback = args.find((a) => typeof a === 'function') as ((err: Error) => void) | undefined;
    if (callback) return void callback(new KilledError());
    return Promise.reject(new KilledError());
  };
  const pool = new Proxy(shared, {
    get(target, prop, receiver) {
      if (prop === 'query') return guarded((...a) => (target.query as (...x: unknown[]) => unknown)(...a));
      if (prop === 'connect') {
        return async () => {
          if (dead) throw new KilledError();
          const client = await target.connect();
          if (dead) { client.release(true); throw new KilledError(); }
          held.add(client);
          // The wrappers live only while this replica holds the client; the pool gets it back as it was.
          const { query, release } = client;
          client.query = guarded(query.bind(client) as (...a: unknown[]) => unknown) as typeof client.query;
          client.release = (err?: Error | boolean) => {
            held.delete(client);
            client.query = query;
            client.release = release;
            return release.call(client, dead ? true : err);
          };
          return client;
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  return {
    pool,
    kill() {
      dead = true;
      // The socket is cut, not closed politely: the server sees the connection drop mid-transaction.
      for (const client of held) (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    },
  };
}
