import pg from 'pg';
import { Redis } from 'ioredis';
import { SERVICE_KEYS, SERVICES, type ServiceKey } from '../../../src/catalog/services';
import { FaultSwitchboard } from '../../faults/switchboard';
import { close, listen, SERVICE_APPS } from '../index';
import { ConfigError, resolveLaunchConfig } from './config';

/**
 * One API service as a standalone process, the way a container runs it (contract §1, §15):
 * `node --import tsx sandbox/services/launcher/main.ts <service>`. It reads its configuration from
 * the environment and validates it before listening (exit 1 otherwise, SVC-2), listens on
 * 127.0.0.1 at the port SVC-1 says, and on SIGTERM/SIGINT stops accepting, drains in-flight
 * requests (≤ 10 s), closes its pool and exits 0 (SVC-3). Logs are JSON lines on stdout (LOG-1:
 * never a value of the configuration).
 *
 * Fault switches come from the environment: GXV_FAULTS (comma-separated names) and, when
 * GXV_SANDBOX_CONTROL is set, the faults a running sandbox has on (its GET /faults).
 */
const log = (entry: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);

async function faultsFromEnv(env: NodeJS.ProcessEnv): Promise<FaultSwitchboard> {
  const names = (env.GXV_FAULTS ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  if (env.GXV_SANDBOX_CONTROL) {
    const res = await fetch(`${env.GXV_SANDBOX_CONTROL.replace(/\/+$/, '')}/faults`, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) throw new Error(`sandbox control answered ${res.status} to GET /faults`);
    names.push(...((await res.json()) as { faults: string[] }).faults);
  }
  return new FaultSwitchboard(new Set(names));
}

async function main(): Promise<void> {
  const service = process.argv[2] as ServiceKey;
  if (!SERVICE_KEYS.includes(service) || !SERVICE_APPS[service]) {
    log({ level: 'fatal', msg: `usage: main.ts <service>, one of ${SERVICE_KEYS.join(', ')}` });
    process.exit(2);
  }
  const name = SERVICES[service].name;
  const faults = await faultsFromEnv(process.env);
  let config;
  try {
    config = resolveLaunchConfig(service, process.env, faults);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    log({ level: 'fatal', service: name, msg: 'invalid configuration', problems: err.problems });
    process.exit(1);
  }

  const db = new pg.Pool({ connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 10_000 });
  db.on('error', () => undefined);
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 })
    : new Redis({ lazyConnect: true, port: 1, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  redis.on('error', () => undefined);
  const app = SERVICE_APPS[service]!({ db, redis, faults, config: config.config, log: (entry) => log({ service: name, ...entry }) });
  const server = await listen(app, config.port);
  log({ level: 'info', service: name, msg: 'listening', port: config.port, portFrom: config.portFrom });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log({ level: 'info', service: name, msg: 'stopping', signal });
    // Fault `sigterm-exits-at-once`: no drain, in-flight requests are cut.
    if (faults.isOn('sigterm-exits-at-once')) process.exit(0);
    await close(server);
    await db.end().catch(() => undefined);
    redis.disconnect();
    log({ level: 'info', service: name, msg: 'stopped' });
    process.exit(0);
  };
  process.on('SIGTERM', (s) => void stop(s));
  process.on('SIGINT', (s) => void stop(s));
}

main().catch((err: unknown) => {
  log({ level: 'fatal', msg: 'start failed', error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
