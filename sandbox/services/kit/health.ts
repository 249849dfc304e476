import type { Router } from 'express';
import type { ServiceDeps } from '../deps';
import { reasonPhrase } from './envelope';

type CheckStatus = 'healthy' | 'unhealthy';
interface LagReading { lagMs: number; heartbeatAgeMs: number }

const DB_TIMEOUT_MS = 2_000;
const PROJECTOR = 'main-projector';
const CHANNEL = 'gxchannel';

/** Resolves with the query result, or rejects after ms (RDY-1: slower than 2 s is unhealthy). */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * INF-1..3 and §9. /health and /livez touch nothing external (RDY-5); /readyz checks the
 * database and the projector's heartbeat row. Fault `readyz-ignores-db` answers from the last
 * reading without querying, so an unreachable database still looks ready.
 */
export function mountHealth(router: Router, deps: ServiceDeps, serviceName: string): void {
  let lastReading: LagReading = { lagMs: 0, heartbeatAgeMs: 0 };
  const base = () => ({ service: serviceName, timestamp: new Date().toISOString(), uptime: process.uptime() });

  // Fault `health-depends-on-db`: /health and /livez ask the database first and answer 503 when it does not answer (RDY-5).
  const databaseAnswers = async () => {
    if (!deps.faults.isOn('health-depends-on-db')) return true;
    return withTimeout(deps.db.query('SELECT 1'), DB_TIMEOUT_MS, 'database check').then(() => true, () => false);
  };
  const unavailable = (res: import('express').Response) => res.status(503).json({ error: reasonPhrase(503), message: 'Database is unreachable' });

  router.get('/health', async (_req, res) => {
    if (!(await databaseAnswers())) return void unavailable(res);
    res.json({ status: 'ok', ...base() });
  });

  router.get('/livez', async (_req, res) => {
    if (!(await databaseAnswers())) return void unavailable(res);
    const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
    res.json({ status: 'alive', ...base(), memoryUsage: { rss, heapTotal, heapUsed, external, arrayBuffers } });
  });

  router.get('/readyz', async (_req, res) => {
    const threshold = deps.config.projectionLagThresholdMs;
    const ignoreDb = deps.faults.isOn('readyz-ignores-db');
    let database: { status: CheckStatus; message?: string } = { status: 'healthy' };
    if (!ignoreDb) {
      try {
        await withTimeout(deps.db.query('SELECT 1'), DB_TIMEOUT_MS, 'database check');
      } catch {
        database = { status: 'unhealthy', message: 'Database is unreachable or slow' };
      }
    }
    let reading: LagReading | null = null;
    let lagMessage: string | undefined;
    if (ignoreDb) {
      reading = lastReading;
    } else if (database.status === 'healthy') {
      try {
        reading = await withTimeout(readLag(deps), DB_TIMEOUT_MS, 'projection check');
        // Fault `readyz-ignores-missing-projector`: no row reads as an idle projector.
        if (reading === null && deps.faults.isOn('readyz-ignores-missing-projector')) reading = { lagMs: 0, heartbeatAgeMs: 0 };
        if (reading === null) lagMessage = 'Projector state not found';
        else lastReading = reading;
      } catch {
        lagMessage = 'Projection lag check failed';
      }
    } else {
      lagMessage = 'Projection lag check failed: database unavailable';
    }
    // Fault `readyz-ignores-heartbeat`: a stale heartbeat is not looked at (only lagMs is).
    if (reading !== null && reading.heartbeatAgeMs > threshold && !deps.faults.isOn('readyz-ignores-heartbeat')) {
      lagMessage = Number.isFinite(reading.heartbeatAgeMs) ? `Projector heartbeat is ${reading.heartbeatAgeMs} ms old` : 'Projector heartbeat missing';
    }
    else if (reading !== null && reading.lagMs > threshold && !deps.faults.isOn('readyz-ignores-lag')) lagMessage = `Projection lag ${reading.lagMs} ms exceeds ${threshold} ms`;
    const projectionLag = {
      status: (lagMessage === undefined ? 'healthy' : 'unhealthy') as CheckStatus,
      ...(lagMessage === undefined ? {} : { message: lagMessage }),
      value: { lagMs: reading?.lagMs ?? null, threshold },
    };
    const ready = database.status === 'healthy' && projectionLag.status === 'healthy';
    const doc = { status: ready ? 'ready' : 'not_ready', service: serviceName, timestamp: new Date().toISOString(), checks: { database, projectionLag } };
    if (ready) res.json(doc);
    else res.status(503).json({ ...doc, error: reasonPhrase(503), message: 'Service not ready' });
  });
}

async function readLag(deps: ServiceDeps): Promise<LagReading | null> {
  // The row as JSON: a deployment without the advisory (†) heartbeatAt/lagMs columns still reads,
  // and then its updatedAt stands for the heartbeat.
  const { rows } = await deps.db.query<{ state: { lagMs?: number | null; heartbeatAt?: string | null; updatedAt?: string | null }; ageMs: string }>(
    `SELECT to_jsonb(p) AS state, (EXTRACT(EPOCH FROM (now() - COALESCE((to_jsonb(p) ->> 'heartbeatAt')::timestamptz,
              CASE WHEN to_jsonb(p) ? 'heartbeatAt' THEN NULL ELSE (to_jsonb(p) ->> 'updatedAt')::timestamptz END))) * 1000)::bigint::text AS "ageMs"
       FROM "ProjectorState" p WHERE "tenantId" = $1 AND "projectorName" = $2 AND "channel" = $3`,
    [deps.config.tenantId, PROJECTOR, CHANNEL],
  );
  const row = rows[0];
  if (row === undefined) return null;
  // Fault `readyz-idle-not-ready`: freshness read from when the row last changed (updatedAt), not
  // from the heartbeat, so an idle projector whose checkpoint has not moved for a while reads as stale (RDY-4).
  if (deps.faults.isOn('readyz-idle-not-ready') && row.state.updatedAt) {
    return { lagMs: Number(row.state.lagMs ?? 0), heartbeatAgeMs: Math.max(0, Date.now() - new Date(row.state.updatedAt).getTime()) };
  }
  // A row without a heartbeat has never been refreshed: treat it as infinitely old.
  const age = row.ageMs === null ? Number.POSITIVE_INFINITY : Math.max(0, Number(row.ageMs));
  return { lagMs: Number(row.state.lagMs ?? 0), heartbeatAgeMs: age };
}
