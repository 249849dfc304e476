import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OwnedProcess } from '../infra/child';
import { LOOPBACK } from '../infra/ports';

/** Debian's binaries (packages prometheus, prometheus-alertmanager). */
export const PROMETHEUS_BIN = process.env.GXV_PROMETHEUS ?? '/usr/bin/prometheus';
export const ALERTMANAGER_BIN = process.env.GXV_ALERTMANAGER ?? '/usr/bin/prometheus-alertmanager';

/** A Prometheus-family server we started: its config file, a reload that waits, and a stop by pid. */
export interface Daemon {
  port: number;
  pid: number | null;
  configPath: string;
  /** Rewrites the config file and asks the server to re-read it (POST /-/reload). */
  reload(config: string): Promise<void>;
  stop(): Promise<void>;
}

async function waitReady(proc: OwnedProcess, port: number, name: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!proc.running) throw new Error(`${name} exited before it was ready:\n${proc.tail()}`);
    const ok = await fetch(`http://${LOOPBACK}:${port}/-/ready`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} not ready on port ${port} after ${timeoutMs} ms:\n${proc.tail()}`);
}

async function startDaemon(name: string, bin: string, dir: string, port: number, config: string, args: (configPath: string) => string[]): Promise<Daemon> {
  mkdirSync(dir, { recursive: true });
  const configPath = path.join(dir, `${name}.yml`);
  writeFileSync(configPath, config);
  const proc = new OwnedProcess(bin, args(configPath), { cwd: dir, env: { PATH: process.env.PATH ?? '' } }, undefined);
  try {
    await waitReady(proc, port, name);
  } catch (err) {
    await proc.stop('SIGKILL', 1_000);
    throw err;
  }
  return {
    port,
    pid: proc.pid ?? null,
    configPath,
    async reload(next: string) {
      writeFileSync(configPath, next);
      const res = await fetch(`http://${LOOPBACK}:${port}/-/reload`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`${name} refused its new config (${res.status}): ${(await res.text()).trim()}`);
    },
    stop: () => proc.stop('SIGTERM', 5_000),
  };
}

export function startPrometheus(dir: string, port: number, config: string, externalUrl: string): Promise<Daemon> {
  return startDaemon('prometheus', PROMETHEUS_BIN, dir, port, config, (configPath) => [
    `--config.file=${configPath}`, `--storage.tsdb.path=${path.join(dir, 'tsdb')}`, '--storage.tsdb.retention.time=2h',
    `--web.listen-address=${LOOPBACK}:${port}`, '--web.enable-lifecycle', `--web.external-url=${externalUrl}`,
    // Firing alerts are re-sent every second, so Alertmanager hears of a state change at once.
    '--rules.alert.resend-delay=1s', '--log.level=warn',
  ]);
}

export function startAlertmanager(dir: string, port: number, config: string, externalUrl: string): Promise<Daemon> {
  return startDaemon('alertmanager', ALERTMANAGER_BIN, dir, port, config, (configPath) => [
    `--config.file=${configPath}`, `--storage.path=${path.join(dir, 'data')}`, `--web.listen-address=${LOOPBACK}:${port}`,
    // No gossip port: a single instance, nothing listening beyond loopback.
    '--cluster.listen-address=', `--web.external-url=${externalUrl}`, '--log.level=warn',
  ]);
}
