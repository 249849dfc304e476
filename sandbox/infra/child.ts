import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * A child process owned by the sandbox (postgres, redis-server). Its output is kept in memory
 * (bounded) so a failed start can say why. Every live child and temp dir is also registered with
 * the exit hook below, so a crashing test process does not leave a database running.
 */
export class OwnedProcess {
  readonly child: ChildProcess;
  private output = '';
  private exited: Promise<number | null>;
  private waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];

  /** `ownedDir`: removed by the watchdog too when it has to kill the process. */
  constructor(command: string, args: string[], options: SpawnOptions, ownedDir?: string) {
    // Own process group: a Ctrl-C in the terminal reaches us, and we stop the database only
    // after the services have drained, instead of both at once.
    this.child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const watchdog = this.child.pid ? startWatchdog(this.child.pid, ownedDir) : null;
    const onData = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
      this.waiters = this.waiters.filter((w) => (w.pattern.test(this.output) ? (w.resolve(), false) : true));
    };
    this.child.stdout?.on('data', onData);
    this.child.stderr?.on('data', onData);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code) => resolve(code));
      this.child.once('error', (err) => {
        this.output += `\n${err.message}`;
        resolve(null);
      });
    });
    liveChildren.add(this.child);
    void this.exited.then(() => {
      liveChildren.delete(this.child);
      watchdog?.kill();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined;
  }

  tail(lines = 15): string {
    return this.output.trim().split('\n').slice(-lines).join('\n');
  }

  /** Resolves when the output matches; rejects when the process exits first or time runs out. */
  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
    if (pattern.test(this.output)) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => this.waiters.push({ pattern, resolve })),
        this.exited.then((code) => {
          throw new Error(`exited (code ${code}) before it was ready:\n${this.tail()}`);
        }),
        new Promise<void>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms:\n${this.tail()}`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves with the exit code (null when killed by a signal); rejects after timeoutMs. */
  async waitForExit(timeoutMs: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.exited,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms:\n${this.tail()}`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends `signal`, waits up to graceMs, then SIGKILL. Resolves once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 5_000): Promise<void> {
    if (!this.running) return;
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const killed = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (killed && this.running) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

/**
 * A tiny shell loop that kills `pid` if this Node process disappears without stopping it
 * (SIGKILL, a test worker torn down): the exit hook below cannot run in those cases, and neither
 * PostgreSQL nor Redis notices its parent is gone. It ends on its own once `pid` is gone.
 */
const WATCHDOG = 'while [ -d /proc/$1 ] && [ -d /proc/$2 ]; do sleep 0.5; done; '
  + '[ -d /proc/$1 ] || { kill -9 $2 2>/dev/null; sleep 0.5; [ -z "$3" ] || rm -rf -- "$3"; }';

function startWatchdog(pid: number, dir = ''): ChildProcess | null {
  if (process.platform !== 'linux') return null;
  const watchdog = spawn('sh', ['-c', WATCHDOG, 'gxv-watchdog', String(process.pid), String(pid), dir], { detached: true, stdio: 'ignore' });
  watchdog.on('error', () => undefined);
  watchdog.unref();
  return watchdog;
}

const liveChildren = new Set<ChildProcess>();
const liveDirs = new Set<string>();

/** Registers a temp dir to be removed if the process exits without stopping its owner. */
export function trackDir(dir: string): () => void {
  liveDirs.add(dir);
  return () => liveDirs.delete(dir);
}

process.once('exit', () => {
  for (const child of liveChildren) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
});
