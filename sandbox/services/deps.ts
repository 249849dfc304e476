import type pg from 'pg';
import type { Redis } from 'ioredis';
import type { ServiceKey } from '../../src/catalog/services';
import type { FaultSwitchboard } from '../faults/switchboard';

/** Configuration of the API services (§15), resolved once by the sandbox. */
export interface ServiceConfig {
  tenantId: string;
  jwtSecret: string;
  jwtAlgorithms: string[];
  jwtExpiry: string;
  jwtRefreshExpiry: string;
  allowedOrigins: string[];
  enableIdempotency: boolean;
  idempotencyTtlHours: number;
  projectionLagThresholdMs: number;
}

/** What the sandbox hands the services: shared pools, the fault switchboard and the config. */
export interface ServiceDeps {
  db: pg.Pool;
  redis: Redis;
  faults: FaultSwitchboard;
  config: ServiceConfig;
  /** Structured log sink (JSON lines); never receives secrets. */
  log(entry: Record<string, unknown>): void;
}

export interface StartedServices {
  urls: Record<ServiceKey, string>;
  stop(): Promise<void>;
  /** Stop / restart one service on its port (the control endpoint's backend cut, EDGE-8 checks). */
  stopService?(key: ServiceKey): Promise<void>;
  startService?(key: ServiceKey): Promise<void>;
}
