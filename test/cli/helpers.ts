import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SERVICE_KEYS } from '../../src/catalog/services';
import { CRITERION_IDS } from '../../src/criteria/registry';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SECRET = 'cli-test-secret-7d41b9e0a2c5';

export interface CliResult { code: number | null; stdout: string; stderr: string; ms: number }

/** Runs `node bin/gx-verify ...` from the repo root. */
export function cli(
  args: string[], env: Record<string, string> = {},
  onStderr?: (text: string, kill: (sig: NodeJS.Signals) => void) => void,
  onSpawn?: (kill: (sig: NodeJS.Signals) => void) => void,
): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/gx-verify', ...args], {
      cwd: ROOT, env: { ...process.env, GXV_TEST_SECRET: SECRET, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += String(d); });
    child.stderr.on('data', (d) => { stderr += String(d); onStderr?.(stderr, (sig) => child.kill(sig)); });
    onSpawn?.((sig) => child.kill(sig));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** A local HTTP server answering /health; counts the requests it got. */
export async function healthServer(): Promise<{ server: Server; port: number; requests: () => number }> {
  let count = 0;
  const server = createServer((req, res) => {
    count++;
    res.writeHead(req.url?.endsWith('/health') ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, requests: () => count };
}

/** A profile with one region of per-service URLs, mint auth by env reference, and waivers for every criterion but `keep`. */
export async function writeProfile(dir: string, port: number, keep: string[] = ['OPS-3'], extra: Record<string, unknown> = {}): Promise<string> {
  const services = Object.fromEntries(SERVICE_KEYS.map((k) => [k, `http://127.0.0.1:${port}/${k}`]));
  const profile = {
    name: 'cli-test',
    regions: [{ name: 'local', services }, { name: 'second', services }],
    auth: { mode: 'mint', secret: { env: 'GXV_TEST_SECRET' } },
    waivers: CRITERION_IDS.filter((id) => !keep.includes(id)).map((criterion) => ({ criterion, reason: 'not under test here', approvedBy: 'cli test' })),
    ...extra,
  };
  const file = path.join(dir, 'profile.json');
  await writeFile(file, JSON.stringify(profile, null, 2));
  return file;
}

export async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

export async function readJson<T = any>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}
