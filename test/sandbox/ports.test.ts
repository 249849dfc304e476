import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Newcomer friction (issue 18): a GX developer's own stack already holds 3001. `sandbox up`
 * must say so at once and start nothing; interrupted while it boots, it leaves nothing behind.
 */
const BIN = path.resolve('bin/gx-verify');
const work = mkdtempSync(path.join(os.tmpdir(), 'gxv-ports-test-'));
chmodSync(work, 0o711); // as root the sandbox runs PostgreSQL as `postgres`, which must traverse it
const tmpRoot = path.join(work, 'data');
const env = { ...process.env, GX_VERIFY_STATE_DIR: path.join(work, 'state'), GX_VERIFY_TMPDIR: tmpRoot, GX_VERIFY_SANDBOX_PORTS: '' };

afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[], onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void) {
  const started = Date.now();
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; onStdout?.(stdout, (s) => child.kill(s)); });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** Processes whose command line names this test's data folder (postgres -D, redis conf, the daemon's children). */
function processesUnder(dir: string): string[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      return cmd.includes(dir) ? [`${pid}: ${cmd.slice(0, 120)}`] : [];
    } catch {
      return [];
    }
  });
}

async function hold(port: number): Promise<net.Server | null> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(null)); // already held by something else: just as good for this test
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('sandbox up with a contract port taken', () => {
  it('exits 2 within 3 s naming port 3001 and --ports free, starting nothing; --ports free then starts', async () => {
    const holder = await hold(3001);
    try {
      const r = await cli(['sandbox', 'up', '--detach']);
      expect(r.code).toBe(2);
      expect(r.ms).toBeLessThan(3_000);
      expect(r.stderr).toContain('port 3001 (svc-identity)');
      expect(r.stderr).toContain('--ports free');
      expect(processesUnder(tmpRoot)).toEqual([]);

      const up = await cli(['sandbox', 'up', '--detach', '--ports', 'free']);
      expect(up.stderr).toBe('');
      expect(up.code).toBe(0);
      expect(up.stdout).toMatch(/GX sandbox ready/);
      const down = await cli(['sandbox', 'down']);
      expect(down.code).toBe(0);
      expect(processesUnder(tmpRoot)).toEqual([]);
    } finally {
      holder?.close();
    }
  });

  it('interrupted while the detached sandbox boots, it stops what it started and leaves no process', async () => {
    const interrupted = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'sandbox', 'up', '--detach', '--ports', 'free'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => { stderr += d; });
      // Interrupt once its database exists: the daemon is mid-boot.
      const poll = setInterval(() => { if (processesUnder(tmpRoot).length > 0) { clearInterval(poll); child.kill('SIGINT'); } }, 50);
      child.on('exit', (code) => { clearInterval(poll); resolve({ code, stderr }); });
    });
    expect(interrupted.code).toBe(2);
    expect(interrupted.stderr).toContain('before the sandbox was ready; it stopped what it had started');
    expect(processesUnder(tmpRoot)).toEqual([]);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });
});
