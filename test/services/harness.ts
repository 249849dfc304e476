import { expect } from 'vitest';
import type { Express } from 'express';
import request from 'supertest';
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { SignJWT } from 'jose';
import { Redis } from 'ioredis';
import pg from 'pg';
import { migrate } from '../../sandbox/db/migrate';
import { FaultSwitchboard } from '../../sandbox/faults/switchboard';
import { startInfra, type StartedPostgres, type StartedRedis } from '../../sandbox/infra';
import type { ServiceConfig, ServiceDeps } from '../../sandbox/services/deps';
import type { Role } from '../../sandbox/services/kit';

/** Real Postgres (migrated) and Redis for the service tests, with a live fault switchboard. */
export interface Harness {
  deps: ServiceDeps;
  pool: pg.Pool;
  redis: Redis;
  faults: FaultSwitchboard;
  config: ServiceConfig;
  logs: Record<string, unknown>[];
  postgres: StartedPostgres;
  stop(): Promise<void>;
}

export async function startHarness(overrides: Partial<ServiceConfig> = {}): Promise<Harness> {
  const { postgres, redis: redisServer } = await startInfra('binaries', os.tmpdir());
  const pool = new pg.Pool({ connectionString: postgres.url, max: 8 });
  // A stopped database must surface as a failed query, not as an unhandled 'error' event.
  pool.on('error', () => undefined);
  await migrate(pool);
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
  const faults = new FaultSwitchboard();
  const config: ServiceConfig = {
    tenantId: 'default',
    jwtSecret: randomBytes(32).toString('base64url'),
    jwtAlgorithms: ['HS256'],
    jwtExpiry: '24h',
    jwtRefreshExpiry: '7d',
    allowedOrigins: ['https://app.gxcoin.money'],
    enableIdempotency: true,
    idempotencyTtlHours: 24,
    projectionLagThresholdMs: 5000,
    ...overrides,
  };
  const logs: Record<string, unknown>[] = [];
  const deps: ServiceDeps = { db: pool, redis, faults, config, log: (entry) => logs.push(entry) };
  return {
    deps, pool, redis, faults, config, logs, postgres,
    async stop() {
      redis.disconnect();
      await pool.end().catch(() => undefined);
      await Promise.all([postgres.stop(), redisServer.stop()]);
    },
  };
}

export interface Claims {
  profileId?: unknown;
  role?: unknown;
  tenantId?: unknown;
  [claim: string]: unknown;
}

export interface MintOptions {
  audience?: string | string[] | null;
  issuer?: string | null;
  /** Seconds from now; null = no exp claim. */
  expiresIn?: number | null;
  notBefore?: number;
  secret?: string;
  alg?: string;
}

/** Mints a token like svc-identity would, with every knob a JWT test needs to turn. */
export async function mint(config: ServiceConfig, claims: Claims, options: MintOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' }).setIssuedAt(now).setJti(randomUUID());
  const audience = options.audience === undefined ? 'gx-api' : options.audience;
  const issuer = options.issuer === undefined ? 'gx-identity-service' : options.issuer;
  if (audience !== null) jwt.setAudience(audience);
  if (issuer !== null) jwt.setIssuer(issuer);
  const expiresIn = options.expiresIn === undefined ? 3600 : options.expiresIn;
  if (expiresIn !== null) jwt.setExpirationTime(now + expiresIn);
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
  return jwt.sign(new TextEncoder().encode(options.secret ?? config.jwtSecret));
}

/** An unsigned (alg none) token with the given claims. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.`;
}

export function bearerFor(config: ServiceConfig, profileId: string, role: Role, tenantId = config.tenantId): Promise<string> {
  return mint(config, { profileId, role, tenantId }).then((t) => `Bearer ${t}`);
}

/** A POST helper bound to the app a test file starts in beforeAll (read lazily, at call time). */
export function jsonPoster(appOf: () => Express) {
  return (path: string, token: string | null, body?: object) => {
    const req = request(appOf()).post(path);
    if (token !== null) req.set('Authorization', token);
    return body === undefined ? req : req.send(body);
  };
}

/** The E1 envelope as the kit answers it (requestId always set). */
export const e1 = (error: string, message: string) => ({ error, message, requestId: expect.any(String) });
