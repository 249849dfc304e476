import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/**
 * The few system commands the network-namespace cluster uses (`ip`, `nft`), found on PATH or in
 * the sbin folders, run with their input on stdin, and what is missing to run them at all.
 */

const SBIN = ['/usr/sbin', '/sbin', '/usr/bin', '/bin'];

export function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SBIN];
  for (const dir of dirs) {
    try {
      accessSync(`${dir}/${name}`, constants.X_OK);
      return `${dir}/${name}`;
    } catch {
      // not here
    }
  }
  return null;
}

export interface ClusterTools {
  ip: string;
  nft: string;
}

/** The tools, or why the cluster cannot be built on this machine (one sentence per missing part). */
export function clusterTools(): ClusterTools | { missing: string } {
  const missing: string[] = [];
  if (process.platform !== 'linux') missing.push(`network namespaces need Linux (this is ${process.platform})`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) missing.push('creating network namespaces needs root');
  const ip = findBinary('ip');
  const nft = findBinary('nft');
  if (!ip) missing.push('`ip` is missing (Debian package iproute2)');
  if (!nft) missing.push('`nft` is missing (Debian package nftables)');
  if (missing.length > 0) return { missing: `${missing.join('; ')}.` };
  return { ip: ip!, nft: nft! };
}

export function run(command: string, args: readonly string[], input = '', timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}): ${err.trim().split('\n').slice(0, 5).join(' | ')}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(workers);
}
