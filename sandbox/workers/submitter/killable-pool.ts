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
  const guard = <T>(fn: () => Promise<T>): Promise<T> => (dead ? Promise.reject(new KilledError()) : fn());
  const pool = new Proxy(shared, {
    get(target, prop, receiver) {
      if (prop === 'query') return (...args: unknown[]) => guard(() => (target.query as (...a: unknown[]) => Promise<unknown>)(...args));
      if (prop === 'connect') {
        return () => guard(async () => {
          const client = await target.connect();
          if (dead) { client.release(true); throw new KilledError(); }
          held.add(client);
          const release = client.release.bind(client);
          client.release = (err?: Error | boolean) => { held.delete(client); release(err); };
          const query = client.query.bind(client) as (...a: unknown[]) => Promise<unknown>;
          client.query = ((...args: unknown[]) => guard(() => query(...args))) as typeof client.query;
          return client;
        });
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
