import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { isListening } from '../../../src/clients/loopback';
import type { ServiceProcessTarget } from '../../../src/profile/target';

/**
 * Starting the profile's `serviceProcess` locally, bounded in time: every process started here
 * is killed (its whole process group) when the check is done with it, stopped, or times out.
 */

/** What the started process inherits from gx-verify's own environment; the rest comes from the profile. */
const INHERITED = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'USER', 'SHELL'];
const OUTPUT_LIMIT = 64 * 1024;

export interface Exit { code: number | null; signal: NodeJS.Signals | null }

export class ServiceProcess {
  readonly exited: Promise<Exit>;
  private output = '';
  private exit: Exit | null = null;

  private constructor(readonly child: ChildProcess, readonly description: string) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('error', (err) => {
        keep(Buffer.from(`spawn failed: ${err.message}\n`));
        this.exit = { code: null, signal: null };
        resolve(this.exit);
      });
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  /**
   * Starts the declared command with the base environment changed by `vary` (a value of
   * `undefined` removes the variable).
   */
  static start(spec: ServiceProcessTarget, vary: Record<string, string | undefined>, description: string): ServiceProcess {
    const env: Record<string, string> = {};
    for (const name of INHERITED) if (process.env[name] !== undefined) env[name] = process.env[name]!;
    Object.assign(env, spec.env);
    for (const [name, value] of Object.entries(vary)) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
    const child = spawn(spec.command[0], spec.command.slice(1), { cwd: spec.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    return new ServiceProcess(child, description);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === null;
  }

  /** The last lines of its stdout and stderr (the runner redacts evidence). */
  tail(lines = 12): string {
    return this.output.trimEnd().split('\n').slice(-lines).join('\n');
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running && this.child.pid) process.kill(this.child.pid, signal);
  }

  /** SIGKILL to its process group (wrappers and children too), then waits for the exit. */
  async kill(): Promise<void> {
    const pid = this.child.pid;
    if (pid !== undefined) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (pid !== undefined) await Promise.race([this.exited, delay(5_000)]);
  }
}

export type StartOutcome =
  | { kind: 'listening'; port: number; afterMs: number }
  | { kind: 'exited'; exit: Exit; afterMs: number }
  | { kind: 'timeout'; afterMs: number };

/**
 * Waits until the process accepts connections on one of `ports`, exits, or `timeoutMs` passes.
 * A port that accepted before the start (someone else's) must be left out by the caller.
 */
export async function awaitStart(proc: ServiceProcess, ports: number[], timeoutMs: number, signal: AbortSignal): Promise<StartOutcome> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  let exit: Exit | null = null;
  void proc.exited.then((e) => {
    exit = e;
  });
  while (elapsed() < timeoutMs && !signal.aborted) {
    for (const port of ports) {
      if (await isListening(port)) return { kind: 'listening', port, afterMs: elapsed() };
    }
    if (exit) return { kind: 'exited', exit, afterMs: elapsed() };
    await Promise.race([delay(100), proc.exited]);
  }
  return { kind: 'timeout', afterMs: elapsed() };
}

/** Starts, hands the process to `use`, and always kills it afterwards (also when the check is stopped). */
export async function withProcess<R>(spec: ServiceProcessTarget, vary: Record<string, string | undefined>, description: string, signal: AbortSignal, use: (proc: ServiceProcess) => Promise<R>): Promise<R> {
  const proc = ServiceProcess.start(spec, vary, description);
  const onAbort = () => void proc.kill();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await use(proc);
  } finally {
    signal.removeEventListener('abort', onAbort);
    await proc.kill();
  }
}

export function describeExit(exit: Exit): string {
  return exit.code !== null ? `exit code ${exit.code}` : exit.signal ? `killed by ${exit.signal}` : 'could not be started';
}
