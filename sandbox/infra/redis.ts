import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { redisServerBinary } from './binaries';
import { OwnedProcess, trackDir } from './child';
import { freePort, LOOPBACK } from './ports';
import { tempRoot } from './temp-root';

export interface StartedRedis extends AsyncDisposable {
  /** redis:// URL carrying the password (a secret: never log it). */
  url: string;
  host: string;
  port: number;
  pid: number | null;
  /** Its working dir; removed by stop(). Null for containers. */
  dataDir: string | null;
  stop(): Promise<void>;
}

const READY = /Ready to accept connections/;
const BIND_FAILED = /Address already in use|Could not create server TCP listening socket/;

/**
 * A throwaway redis-server from the machine's binary: loopback only, free port, no persistence
 * (no RDB snapshots, no AOF), password-protected, its working dir a temp dir removed on stop.
 */
export class RedisBinary {
  private parentDir = tempRoot();

  withParentDir(dir: string): this {
    this.parentDir = dir;
    return this;
  }

  async start(): Promise<StartedRedis> {
    const binary = redisServerBinary();
    const dir = mkdtempSync(path.join(this.parentDir, 'redis-'));
    const untrack = trackDir(dir);
    const password = randomBytes(18).toString('base64url');
    try {
      for (let attempt = 1; ; attempt++) {
        const port = await freePort();
        // Settings go in a 0600 file so the password is not visible in `ps`.
        const conf = path.join(dir, 'redis.conf');
        writeFileSync(conf, [
          `port ${port}`, `bind ${LOOPBACK}`, `dir ${dir}`, 'save ""', 'appendonly no', 'protected-mode yes',
          `requirepass ${password}`, 'daemonize no', 'loglevel notice',
        ].join('\n') + '\n', { mode: 0o600 });
        const server = new OwnedProcess(binary, [conf], { cwd: dir, env: { PATH: process.env.PATH ?? '' } }, dir);
        try {
          await server.waitForOutput(READY, 10_000);
        } catch (err) {
          await server.stop('SIGKILL', 1_000);
          if (attempt < 3 && BIND_FAILED.test(server.tail(50))) continue;
          throw new Error(`redis-server did not start: ${(err as Error).message}`);
        }
        let stopped = false;
        const stop = async () => {
          if (stopped) return;
          stopped = true;
          await server.stop('SIGTERM', 5_000);
          rmSync(dir, { recursive: true, force: true });
          untrack();
        };
        const url = `redis://:${encodeURIComponent(password)}@${LOOPBACK}:${port}/0`;
        return { url, host: LOOPBACK, port, pid: server.pid ?? null, dataDir: dir, stop, [Symbol.asyncDispose]: stop };
      }
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      untrack();
      throw err;
    }
  }
}
