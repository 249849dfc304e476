import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { postgresAccount, postgresBinDir } from './binaries';
import { OwnedProcess, trackDir } from './child';
import { freePort, LOOPBACK } from './ports';
import { tempRoot } from './temp-root';

export interface StartedPostgres extends AsyncDisposable {
  /** postgresql:// URL with URL-encoded credentials (a secret: never log it). */
  url: string;
  host: string;
  port: number;
  database: string;
  /** Where the cluster lives; removed by stop(). Null for containers. */
  dataRoot: string | null;
  pid: number | null;
  /**
   * Disaster-recovery drills (OPS-4), binaries only: `kill` sends SIGKILL to the postmaster (no
   * shutdown, crash recovery on the next start); `restart` starts it again on the same port and
   * data directory once the old backends are gone. Both absent for containers.
   */
  kill?(): Promise<void>;
  restart?(): Promise<void>;
  stop(): Promise<void>;
}

const READY = /database system is ready to accept connections/;
const BIND_FAILED = /could not bind|Address already in use|could not create any TCP\/IP sockets/;

/**
 * A throwaway PostgreSQL 15 cluster from the machine's binaries: initdb into a temp dir, tuned
 * for tests (no fsync), listening on a free loopback port and a socket inside the temp dir.
 * Builder: settings are recorded here; start() does the work and returns a StartedPostgres.
 */
export class PostgresBinary {
  private database = 'gx_protocol';
  private parentDir = tempRoot();
  private startTimeoutMs = 20_000;

  withDatabase(name: string): this {
    this.database = name;
    return this;
  }

  /** Directory under which the cluster's temp dir is made (must be traversable by the postgres account). */
  withParentDir(dir: string): this {
    this.parentDir = dir;
    return this;
  }

  async start(): Promise<StartedPostgres> {
    const binDir = postgresBinDir();
    const account = postgresAccount();
    const root = mkdtempSync(path.join(this.parentDir, 'pg-'));
    const untrack = trackDir(root);
    const password = randomBytes(18).toString('base64url');
    const asAccount = account ? { uid: account.uid, gid: account.gid } : {};
    try {
      if (account) chownSync(root, account.uid, account.gid);
      chmodSync(root, 0o700);
      const pwfile = path.join(root, 'pwfile');
      writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
      if (account) chownSync(pwfile, account.uid, account.gid);
      const initdb = new OwnedProcess(path.join(binDir, 'initdb'), [
        '-D', path.join(root, 'data'), '-U', 'postgres', `--pwfile=${pwfile}`,
        '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions',
      ], { cwd: root, env: { PATH: process.env.PATH ?? '', LANG: 'C' }, ...asAccount });
      const code = await initdb.waitForExit(60_000);
      if (code !== 0) throw new Error(`initdb failed (exit ${code}):\n${initdb.tail()}`);
      rmSync(pwfile, { force: true });

      let { server, port } = await this.launch(binDir, root, asAccount);
      const url = `postgresql://postgres:${encodeURIComponent(password)}@${LOOPBACK}:${port}/${this.database}`;
      await createDatabase(`postgresql://postgres:${encodeURIComponent(password)}@${LOOPBACK}:${port}/postgres`, this.database);

      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        // SIGINT = "fast" shutdown: disconnects clients instead of waiting for them.
        await server.stop('SIGINT', 10_000);
        rmSync(root, { recursive: true, force: true });
        untrack();
      };
      const kill = async () => { await server.stop('SIGKILL', 1_000); };
      const restart = async () => {
        if (stopped) throw new Error('PostgreSQL was stopped');
        if (server.running) await kill();
        // Orphaned backends hold the old shared memory until they notice the postmaster died.
        const deadline = Date.now() + 15_000;
        for (;;) {
          try {
            server = (await this.launch(binDir, root, asAccount, port)).server;
            return;
          } catch (err) {
            if (Date.now() > deadline) throw err;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      };
      return {
        url, host: LOOPBACK, port, database: this.database, dataRoot: root,
        get pid() { return server.pid ?? null; },
        kill, restart, stop, [Symbol.asyncDispose]: stop,
      };
    } catch (err) {
      rmSync(root, { recursive: true, force: true });
      untrack();
      throw err;
    }
  }

  /** Starts the server on a free port, retrying with a new port when another program took it. */
  private async launch(binDir: string, root: string, asAccount: object, fixedPort?: number): Promise<{ server: OwnedProcess; port: number }> {
    for (let attempt = 1; ; attempt++) {
      const port = fixedPort ?? await freePort();
      const server = new OwnedProcess(path.join(binDir, 'postgres'), [
        '-D', path.join(root, 'data'), '-p', String(port), '-k', root, '-h', LOOPBACK,
        // fsync off: nothing survives an OS crash, which the sandbox never needs. Commits stay synchronous:
        // with them asynchronous a killed postmaster (the OPS-4 drill) loses the last committed transactions.
        '-c', 'fsync=off', '-c', 'full_page_writes=off',
        '-c', 'max_connections=200', '-c', 'logging_collector=off',
        // PERF-3 under load reads per-statement times from pg_stat_statements (load layer, issue 11)
        '-c', 'shared_preload_libraries=pg_stat_statements',
        // shared-memory segments inside the data dir, so even a killed server leaves nothing in /dev/shm
        '-c', 'dynamic_shared_memory_type=mmap',
      ], { cwd: root, env: { PATH: process.env.PATH ?? '', LANG: 'C' }, ...asAccount }, root);
      try {
        await server.waitForOutput(READY, this.startTimeoutMs);
        return { server, port };
      } catch (err) {
        await server.stop('SIGKILL', 1_000);
        if (fixedPort === undefined && attempt < 3 && BIND_FAILED.test(server.tail(50))) continue;
        throw new Error(`PostgreSQL did not start: ${(err as Error).message}`);
      }
    }
  }
}

async function createDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
  const db = new pg.Client({ connectionString: withDatabase(adminUrl, database) });
  await db.connect();
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  } finally {
    await db.end();
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
