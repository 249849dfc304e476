import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { FAULT_NAMES } from '../../sandbox/faults/catalog';
import type { SandboxState } from '../../sandbox/lifecycle/state';
import { inspectMachine } from '../../src/cli/commands/doctor';
import { leftovers } from './leftovers';

const BIN = path.resolve('bin/gx-verify');
const work = mkdtempSync(path.join(os.tmpdir(), 'gxv-cli-test-'));
const env = { ...process.env, GX_VERIFY_STATE_DIR: path.join(work, 'state'), GX_VERIFY_SANDBOX_PORTS: 'free' };

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the real CLI; resolves with its exit code and output. `onLine` may act on stdout as it comes. */
function cli(args: string[], onLine?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      onLine?.(stdout, child);
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function partsOf(state: SandboxState) {
  return {
    pids: [state.pid, state.infra.postgres.pid, state.infra.redis.pid],
    ports: [state.infra.postgres.port, state.infra.redis.port, state.gatePort, Number(new URL(state.controlUrl).port), ...Object.values(state.services).map((u) => Number(new URL(u).port))],
    dirs: [state.tempDir],
  };
}

describe('gx-verify sandbox up --detach / down', () => {
  it('starts in the background, writes the profile, refuses a second one, and goes down leaving nothing', async () => {
    const profile = path.join(work, 'p.yaml');
    const up = await cli(['sandbox', 'up', '--detach', '--write-profile', profile]);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/GX sandbox ready in [\d.]+ s/);
    const state = JSON.parse(readFileSync(path.join(work, 'state', 'state.json'), 'utf8')) as SandboxState;
    const doc = YAML.parse(readFileSync(profile, 'utf8'));
    expect(doc.regions[0].services).toEqual(state.services);
    expect(doc.sandbox.control).toBe(state.controlUrl);
    expect((await fetch(`${state.services.identity}/health`)).status).toBe(200);

    const again = await cli(['sandbox', 'up', '--detach']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already running .*sandbox down/);

    const down = await cli(['sandbox', 'down']);
    expect(down.code).toBe(0);
    expect(down.stdout).toMatch(/stopped; no process, port or temp dir is left/);
    expect(await leftovers(partsOf(state))).toEqual([]);
    expect(existsSync(path.join(work, 'state', 'state.json'))).toBe(false);

    const idle = await cli(['sandbox', 'down']);
    expect(idle.code).toBe(0);
    expect(idle.stdout).toMatch(/No detached sandbox is running/);
  });

  it('runs in the foreground until SIGINT, then stops cleanly', async () => {
    let tempDir = '';
    const run = await cli(['sandbox', 'up', '--faults', 'idempotency-off'], (text, child) => {
      const match = /temp dir\s+(\S+)/.exec(text);
      if (match && text.includes('Press Ctrl-C') && !tempDir) {
        tempDir = match[1];
        child.kill('SIGINT');
      }
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/faults\s+idempotency-off/);
    expect(run.stdout).toMatch(/Sandbox stopped/);
    expect(tempDir).not.toBe('');
    expect(existsSync(tempDir)).toBe(false);
  });

  it('fails with exit 2 and the catalog\'s message for an unknown fault', async () => {
    const run = await cli(['sandbox', 'up', '--faults', 'no-such-fault']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown fault "no-such-fault"/);
  });
});

describe('gx-verify sandbox faults', () => {
  it('lists every fault switch with what it breaks and its checks (--json)', async () => {
    const run = await cli(['sandbox', 'faults', '--json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ name: string; breaks: string; checks: string[] }>;
    expect(rows.map((r) => r.name)).toEqual([...FAULT_NAMES].sort());
    for (const r of rows) {
      expect(r.breaks.length).toBeGreaterThan(0);
      expect(r.checks.length).toBeGreaterThan(0);
    }
  });
});

describe('gx-verify doctor', () => {
  it('reports each layer\'s tools with an install command, and finds the sandbox binaries here', async () => {
    const items = await inspectMachine();
    expect(new Set(items.map((i) => i.layer))).toEqual(new Set(['sandbox', 'security', 'e2e', 'reports']));
    for (const name of ['PostgreSQL 15', 'redis-server', 'Docker engine', 'nginx', 'openssl', 'testssl.sh', 'Chromium', 'Java']) {
      const item = items.find((i) => i.name.startsWith(name));
      expect(item, name).toBeDefined();
      expect(item!.install.length).toBeGreaterThan(0);
    }
    expect(items.find((i) => i.name.startsWith('PostgreSQL'))!.install).toBe('apt-get install postgresql-15 redis-server');
    // the other sandbox tests need these binaries, so on this machine they must be found
    expect(items.filter((i) => /PostgreSQL|redis/.test(i.name)).every((i) => i.ok)).toBe(true);
  });
});
