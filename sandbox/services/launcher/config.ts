import { SERVICES, type ServiceKey } from '../../../src/catalog/services';
import type { FaultSwitchboard } from '../../faults/switchboard';
import type { ServiceConfig } from '../deps';

/**
 * The standalone service process's configuration, read from its environment per contract §15 and
 * validated before it listens (SVC-1, SVC-2). Every problem is listed, never a value (secrets).
 */
export interface LaunchConfig {
  service: ServiceKey;
  port: number;
  /** Which variable gave the port (`TAX_SERVICE_PORT`, `PORT`, or `default`). */
  portFrom: string;
  databaseUrl: string;
  redisUrl: string | null;
  logLevel: string;
  /** What the app factories get (ServiceDeps.config). */
  config: ServiceConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const JWT_ALGORITHMS = ['HS256', 'HS384', 'HS512'];
const set = (v: string | undefined): v is string => v !== undefined && v !== '';

/** SVC-1: the service variable if set, else PORT, else the default; 1000–65535. */
export function resolvePort(service: ServiceKey, env: NodeJS.ProcessEnv, faults: FaultSwitchboard): { port: number; from: string; problem?: string } {
  const own = SERVICES[service].portVariable;
  // Fault `port-prefers-PORT`: the generic variable wins over the service's own.
  const order = faults.isOn('port-prefers-PORT') ? ['PORT', own] : [own, 'PORT'];
  const from = order.find((name) => set(env[name]));
  if (from === undefined) return { port: SERVICES[service].defaultPort, from: 'default' };
  const text = env[from]!.trim();
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port < 1000 || port > 65535) return { port: NaN, from, problem: `${from} must be a port number in 1000–65535` };
  return { port, from };
}

function scheme(url: string, schemes: string[]): boolean {
  try {
    return schemes.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

const positiveInt = (text: string) => /^\d+$/.test(text) && Number(text) > 0;

/**
 * Reads and validates §15. Fault `config-unvalidated` skips everything but the port (SVC-1 is
 * its own rule): the process then starts with whatever it was given.
 */
export function resolveLaunchConfig(service: ServiceKey, env: NodeJS.ProcessEnv, faults: FaultSwitchboard): LaunchConfig {
  const problems: string[] = [];
  const port = resolvePort(service, env, faults);
  if (port.problem) problems.push(port.problem);
  const check = !faults.isOn('config-unvalidated');
  const fail = (problem: string) => {
    if (check) problems.push(problem);
  };

  const databaseUrl = env.DATABASE_URL ?? '';
  if (!set(databaseUrl)) fail('DATABASE_URL is required');
  else if (!scheme(databaseUrl, ['postgresql:', 'postgres:'])) fail('DATABASE_URL must be a postgresql:// or postgres:// URL');
  const redisUrl = set(env.REDIS_URL) ? env.REDIS_URL : null;
  if (redisUrl !== null && !scheme(redisUrl, ['redis:', 'rediss:'])) fail('REDIS_URL must be a redis:// or rediss:// URL');
  const jwtSecret = env.JWT_SECRET ?? '';
  if (!set(jwtSecret)) fail('JWT_SECRET is required');
  else if (jwtSecret.length < 32) fail('JWT_SECRET must be at least 32 characters');
  const jwtAlgorithms = (set(env.JWT_ALGORITHMS) ? env.JWT_ALGORITHMS : 'HS256').split(',').map((a) => a.trim()).filter(Boolean);
  if (jwtAlgorithms.length === 0 || jwtAlgorithms.some((a) => !JWT_ALGORITHMS.includes(a))) fail(`JWT_ALGORITHMS must list only ${JWT_ALGORITHMS.join(', ')} (never none)`);
  const duration = /^\d+[smhd]$/;
  const jwtExpiry = set(env.JWT_EXPIRY) ? env.JWT_EXPIRY : '24h';
  const jwtRefreshExpiry = set(env.JWT_REFRESH_EXPIRY) ? env.JWT_REFRESH_EXPIRY : '7d';
  if (!duration.test(jwtExpiry)) fail('JWT_EXPIRY must be a duration such as 24h');
  if (!duration.test(jwtRefreshExpiry)) fail('JWT_REFRESH_EXPIRY must be a duration such as 7d');
  const enableIdempotency = set(env.ENABLE_IDEMPOTENCY) ? env.ENABLE_IDEMPOTENCY : 'true';
  if (!['true', 'false'].includes(enableIdempotency)) fail('ENABLE_IDEMPOTENCY must be true or false');
  const ttl = set(env.IDEMPOTENCY_TTL_HOURS) ? env.IDEMPOTENCY_TTL_HOURS : '24';
  if (!positiveInt(ttl)) fail('IDEMPOTENCY_TTL_HOURS must be a positive integer');
  const lag = set(env.PROJECTION_LAG_THRESHOLD_MS) ? env.PROJECTION_LAG_THRESHOLD_MS : '5000';
  if (!positiveInt(lag)) fail('PROJECTION_LAG_THRESHOLD_MS must be a positive integer');
  const logLevel = set(env.LOG_LEVEL) ? env.LOG_LEVEL : 'info';
  if (!LOG_LEVELS.includes(logLevel)) fail(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    service,
    port: port.port,
    portFrom: port.from,
    databaseUrl,
    redisUrl,
    logLevel,
    config: {
      tenantId: set(env.TENANT_ID) ? env.TENANT_ID : 'default',
      jwtSecret,
      jwtAlgorithms,
      jwtExpiry,
      jwtRefreshExpiry,
      allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      enableIdempotency: enableIdempotency !== 'false',
      idempotencyTtlHours: Number(ttl) || 24,
      projectionLagThresholdMs: Number(lag) || 5_000,
    },
  };
}
