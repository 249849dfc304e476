import { PostgresContainer, RedisContainer } from './containers';
import { PostgresBinary, type StartedPostgres } from './postgres';
import { RedisBinary, type StartedRedis } from './redis';

export type InfraMode = 'binaries' | 'containers';
export type { StartedPostgres, StartedRedis };

/** Starts PostgreSQL and Redis in parallel, from binaries (default) or containers; stops both if either fails. */
export async function startInfra(mode: InfraMode, parentDir: string): Promise<{ postgres: StartedPostgres; redis: StartedRedis }> {
  const [postgres, redis] = await Promise.allSettled(
    mode === 'containers'
      ? [new PostgresContainer().start(), new RedisContainer().start()]
      : [new PostgresBinary().withParentDir(parentDir).start(), new RedisBinary().withParentDir(parentDir).start()],
  );
  if (postgres.status === 'fulfilled' && redis.status === 'fulfilled') {
    return { postgres: postgres.value as StartedPostgres, redis: redis.value as StartedRedis };
  }
  await Promise.all([postgres, redis].map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
  throw (postgres.status === 'rejected' ? postgres.reason : (redis as PromiseRejectedResult).reason) as Error;
}
