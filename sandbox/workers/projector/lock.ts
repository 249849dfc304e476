import type pg from 'pg';

export interface HeldLock {
  release(): Promise<void>;
}

/**
 * PROJ-1: one active projector per (tenant, channel). The holder of a session advisory lock
 * consumes; another instance waits (polling every second) until the holder is gone.
 */
export async function acquireProjectorLock(pool: pg.Pool, name: string, stopped: () => boolean): Promise<HeldLock | null> {
  while (!stopped()) {
    const client = await pool.connect();
    let held = false;
    try {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [name]);
      held = rows[0].ok;
    } finally {
      if (!held) client.release();
    }
    if (held) {
      return {
        async release() {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
          client.release();
        },
      };
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return null;
}
