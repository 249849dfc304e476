import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingInfraError, postgresBinDir, redisServerBinary } from '../../sandbox/infra/binaries';
import { DockerUnavailableError, dockerReachable, PostgresContainer } from '../../sandbox/infra/containers';
import { TcpGate, type StartedGate } from '../../sandbox/infra/gate';
import { isListening } from '../../sandbox/infra/ports';
import { PostgresBinary, type StartedPostgres } from '../../sandbox/infra/postgres';
import { RedisBinary } from '../../sandbox/infra/redis';

/** Sends one inline command over a bare socket (no client library handshake) and returns the reply line. */
async function rawCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(`${command}\r\n`));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString());
    });
    socket.once('error', reject);
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('throwaway PostgreSQL and Redis from the machine binaries', () => {
  it('PostgreSQL 15 answers on loopback and leaves no process, port or directory after stop', async () => {
    const postgres = await new PostgresBinary().start();
    try {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      const { rows } = await client.query<{ version: string; db: string; fsync: string }>(
        "SELECT current_setting('server_version') AS version, current_database() AS db, current_setting('fsync') AS fsync",
      );
      await client.end();
      expect(rows[0].version).toMatch(/^15\./);
      expect(rows[0].db).toBe('gx_protocol');
      expect(rows[0].fsync).toBe('off');
      expect(new URL(postgres.url).hostname).toBe('127.0.0.1');
    } finally {
      await postgres.stop();
    }
    expect(processAlive(postgres.pid!)).toBe(false);
    expect(await isListening(postgres.port)).toBe(false);
    expect(existsSync(postgres.dataRoot!)).toBe(false);
  });

  it('redis-server answers with its password only and leaves nothing after stop', async () => {
    const redis = await new RedisBinary().start();
    try {
      const client = new Redis(redis.url, { lazyConnect: true });
      await client.connect();
      expect(await client.set('k', 'v')).toBe('OK');
      expect(await client.config('GET', 'save')).toEqual(['save', '']);
      client.disconnect();
      expect(await rawCommand(redis.port, 'GET k')).toMatch(/^-NOAUTH/);
    } finally {
      await redis.stop();
    }
    expect(processAlive(redis.pid!)).toBe(false);
    expect(await isListening(redis.port)).toBe(false);
  });

  it('a watchdog kills the server and removes its dir when the Node process dies without stopping it', async () => {
    const script = "import { RedisBinary } from './sandbox/infra/redis';" +
      'const r = await new RedisBinary().start();' +
      "process.stdout.write(JSON.stringify({ pid: r.pid, dir: r.dataDir }) + '\\n', () => process.kill(process.pid, 'SIGKILL'));";
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    const out = child.stdout.trim();
    const { pid, dir } = JSON.parse(out) as { pid: number; dir: string };
    const deadline = Date.now() + 5_000;
    while ((processAlive(pid) || existsSync(dir)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(processAlive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('says how to install missing binaries', () => {
    expect(() => postgresBinDir(['/nonexistent/bin'])).toThrow(MissingInfraError);
    expect(() => postgresBinDir(['/nonexistent/bin'])).toThrow(/apt-get install postgresql-15 redis-server/);
    const saved = process.env.GX_REDIS_SERVER;
    process.env.GX_REDIS_SERVER = '/nonexistent/redis-server';
    try {
      expect(() => redisServerBinary()).toThrow(/apt-get install postgresql-15 redis-server/);
    } finally {
      if (saved === undefined) delete process.env.GX_REDIS_SERVER;
      else process.env.GX_REDIS_SERVER = saved;
    }
  });
});

describe('--infra containers without a Docker engine', async () => {
  const docker = await dockerReachable();
  it.runIf(!docker.ok)('fails with one clear error naming the fallback', async () => {
    const error = await new PostgresContainer().start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerUnavailableError);
    expect((error as Error).message).toMatch(/needs a reachable Docker engine.*drop --infra containers/s);
  });
});

describe('database gate', () => {
  let postgres: StartedPostgres;
  let gate: StartedGate;
  beforeAll(async () => {
    postgres = await new PostgresBinary().start();
    gate = await new TcpGate({ host: postgres.host, port: postgres.port }).start();
  });
  afterAll(async () => {
    await gate?.stop();
    await postgres?.stop();
  });

  it('relays queries, cuts open and new connections, and restores', async () => {
    const pool = new pg.Pool({ connectionString: gate.rewrite(postgres.url), max: 2, connectionTimeoutMillis: 2_000 });
    const poolErrors: Error[] = [];
    pool.on('error', (e) => poolErrors.push(e));
    try {
      expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
      expect(gate.openConnections).toBe(1);

      gate.cut();
      expect(gate.isCut).toBe(true);
      await expect(pool.query('SELECT 1')).rejects.toThrow();
      await expect(pool.query('SELECT 1')).rejects.toThrow();
      // the database itself kept running: only the path through the gate is cut
      const direct = new pg.Client({ connectionString: postgres.url });
      await direct.connect();
      expect((await direct.query('SELECT 2 AS two')).rows[0].two).toBe(2);
      await direct.end();

      gate.restore();
      expect((await pool.query('SELECT 3 AS three')).rows[0].three).toBe(3);
    } finally {
      await pool.end();
    }
  });
});
