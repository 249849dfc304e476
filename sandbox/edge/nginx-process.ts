import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const NGINX_BIN = '/usr/sbin/nginx';

/**
 * One nginx master started by us (daemon off, so the child is the master and we own its pid).
 * Reloads are SIGHUP; `reloaded(generation)` waits until the new workers answer and the old ones are gone.
 */
export class NginxProcess {
  private child?: ChildProcess;
  private stderr = '';

  constructor(private readonly prefixDir: string, private readonly internalPort: number) {}

  get confPath(): string {
    return join(this.prefixDir, 'nginx.conf');
  }

  async writeAndTest(conf: string): Promise<void> {
    for (const dir of ['tmp/body', 'tmp/proxy', 'tmp/fastcgi', 'tmp/uwsgi', 'tmp/scgi', 'acme/.well-known/acme-challenge']) {
      await mkdir(join(this.prefixDir, dir), { recursive: true });
    }
    await writeFile(this.confPath, conf);
    try {
      await run(NGINX_BIN, ['-t', '-q', '-c', this.confPath, '-p', this.prefixDir], { timeout: 15_000 });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? String(error);
      throw new Error(`nginx rejected the generated config ${this.confPath}: ${stderr.trim()}`);
    }
  }

  async start(generation: number): Promise<void> {
    const child = spawn(NGINX_BIN, ['-c', this.confPath, '-p', this.prefixDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString()).slice(-4000); });
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`nginx exited with ${code}: ${this.stderr.trim()}`))));
    await Promise.race([this.waitForGeneration(generation), exited]);
    exited.catch(() => undefined);
  }

  async reload(generation: number): Promise<void> {
    if (!this.child?.pid || this.child.exitCode !== null) throw new Error('nginx is not running');
    this.child.kill('SIGHUP');
    await this.waitForGeneration(generation);
  }

  /** Polls the internal generation marker until it matches and only one worker remains (bounded: 10 s). */
  private async waitForGeneration(generation: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) break;
      const current = await fetch(`http://127.0.0.1:${this.internalPort}/__edge_generation`, { signal: AbortSignal.timeout(1000) })
        .then((response) => response.text()).catch(() => '');
      if (current.trim() === String(generation) && (await this.workerCount()) === 1) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`nginx did not serve config generation ${generation} within 10 s: ${this.stderr.trim()}`);
  }

  private async workerCount(): Promise<number> {
    return (await this.workerPids()).length;
  }

  private async workerPids(): Promise<number[]> {
    const pid = this.child?.pid;
    if (!pid) return [];
    const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
    return children.trim().split(/\s+/).filter(Boolean).map(Number);
  }

  /** SIGQUIT (graceful), then SIGKILL after 5 s; only our own child pid is signalled. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const workers = await this.workerPids();
    child.kill('SIGQUIT');
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      for (const pid of workers) process.kill(pid, 'SIGKILL');
    }, 5000);
    await exited;
    clearTimeout(timer);
  }
}
