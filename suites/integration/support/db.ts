import pg from 'pg';
import type { CheckContext } from '../../../src/checks/define';

/** A short-lived database connection for one check (the profile's `database.url`). */
export async function withDb<T>(ctx: CheckContext, task: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!ctx.target.database) throw new Error('this check needs the profile database section');
  const client = new pg.Client({ connectionString: ctx.target.database.url, connectionTimeoutMillis: 10_000, statement_timeout: 15_000 });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value other than undefined, or gives up after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 200): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) return undefined;
    await sleep(everyMs);
  }
}
