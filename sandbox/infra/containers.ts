import { randomBytes } from 'node:crypto';
import { GenericContainer, getContainerRuntimeClient, Wait } from 'testcontainers';
import { IMAGES } from './images';
import type { StartedPostgres } from './postgres';
import type { StartedRedis } from './redis';

/** Raised when `--infra containers` is asked for but no Docker engine answers. */
export class DockerUnavailableError extends Error {
  constructor(reason: string) {
    super(`--infra containers needs a reachable Docker engine, and none was found (${reason}). ` +
      'Start Docker or set DOCKER_HOST, or drop --infra containers to use the machine\'s PostgreSQL 15 and redis-server binaries.');
    this.name = 'DockerUnavailableError';
  }
}

export async function dockerReachable(): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await getContainerRuntimeClient();
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

async function requireDocker(): Promise<void> {
  const probe = await dockerReachable();
  if (!probe.ok) throw new DockerUnavailableError(probe.reason);
}

/** Network safety: a container host other than loopback would send traffic off the machine. */
function loopbackHost(host: string): string {
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return host === 'localhost' ? '127.0.0.1' : host;
  throw new Error(`The Docker engine publishes ports on ${host}, not on loopback; gx-verify only talks to 127.0.0.0/8.`);
}

export class PostgresContainer {
  async start(): Promise<StartedPostgres> {
    await requireDocker();
    const password = randomBytes(18).toString('base64url');
    const container = await new GenericContainer(IMAGES.postgres)
      .withEnvironment({ POSTGRES_PASSWORD: password, POSTGRES_USER: 'postgres', POSTGRES_DB: 'gx_protocol' })
      .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'])
      .withExposedPorts(5432)
      .withTmpFs({ '/var/lib/postgresql/data': 'rw' })
      // The entrypoint starts a temporary server first: the second "ready" line is the real one.
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    const host = loopbackHost(container.getHost());
    const port = container.getMappedPort(5432);
    const stop = async () => {
      await container.stop({ remove: true, removeVolumes: true });
    };
    return {
      url: `postgresql://postgres:${encodeURIComponent(password)}@${host}:${port}/gx_protocol`,
      host, port, database: 'gx_protocol', dataRoot: null, pid: null, stop, [Symbol.asyncDispose]: stop,
    };
  }
}

export class RedisContainer {
  async start(): Promise<StartedRedis> {
    await requireDocker();
    const password = randomBytes(18).toString('base64url');
    const container = await new GenericContainer(IMAGES.redis)
      .withCommand(['redis-server', '--save', '', '--appendonly', 'no', '--requirepass', password])
      .withExposedPorts(6379)
      .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/))
      .start();
    const host = loopbackHost(container.getHost());
    const port = container.getMappedPort(6379);
    const stop = async () => {
      await container.stop({ remove: true, removeVolumes: true });
    };
    return { url: `redis://:${encodeURIComponent(password)}@${host}:${port}/0`, host, port, pid: null, dataDir: null, stop, [Symbol.asyncDispose]: stop };
  }
}
