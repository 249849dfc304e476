import { z } from 'zod';
import { SERVICE_KEYS, SERVICES, type WorkerName } from './services';
import { count, timestamp } from './primitives';

/** §6.8 infrastructure routes, §9 health documents and §10 metric names. */

const serviceName = z.enum(SERVICE_KEYS.map((k) => SERVICES[k].name) as [string, ...string[]]);
const healthy = z.enum(['healthy', 'unhealthy']);
const notReadyExtras = { error: z.string().optional(), message: z.string().optional() };

/** INF-1 `/health` of an API service. */
export const healthDoc = z.looseObject({ status: z.literal('ok'), service: serviceName, timestamp, uptime: z.number().nonnegative() });

/** INF-2 `/readyz` (§9): 200 ready, 503 not_ready with the E1 keys added. */
export const readyzDoc = z.looseObject({
  status: z.enum(['ready', 'not_ready']),
  service: serviceName,
  timestamp,
  checks: z.looseObject({
    database: z.looseObject({ status: healthy, message: z.string().optional() }),
    projectionLag: z.looseObject({
      status: healthy,
      message: z.string().optional(),
      // lagMs is null only when the ProjectorState row is missing (RDY-2 makes that unhealthy).
      value: z.looseObject({ lagMs: z.number().nonnegative().nullable(), threshold: z.number().int().positive() }),
    }),
  }),
  ...notReadyExtras,
}).refine((d) => d.status === 'ready' || (typeof d.error === 'string' && typeof d.message === 'string'),
  'a not_ready document carries error and message');

/** INF-3 `/livez`. */
export const livezDoc = z.looseObject({
  status: z.literal('alive'),
  service: serviceName,
  timestamp,
  uptime: z.number().nonnegative(),
  memoryUsage: z.looseObject({ rss: count, heapTotal: count, heapUsed: count, external: count, arrayBuffers: count }),
});

/** WRK-1: outbox-submitter `/health`. */
export const submitterHealthDoc = z.looseObject({
  status: healthy,
  fabricCircuitBreaker: z.looseObject({
    state: z.enum(['CLOSED', 'OPEN', 'HALF_OPEN']), successes: count, failures: count, openCount: count,
    lastFailure: z.unknown().optional(),
  }),
  queueDepth: count,
});

/** WRK-2: projector `/health`. */
export const projectorHealthDoc = z.looseObject({
  status: healthy,
  lastProcessedBlock: z.string().regex(/^\d+$/).nullable(),
  lastEventIndex: z.number().int(),
  eventCounter: count,
  lagMs: z.number().nonnegative(),
});

/** EDGE-8: regional edge `/health` (not prefixed). */
export const edgeHealthDoc = z.looseObject({
  status: healthy,
  region: z.enum(['asia', 'north-america', 'europe']),
  backends: z.looseObject(Object.fromEntries(SERVICE_KEYS.map((k) => [k, z.enum(['up', 'down'])]))),
  timestamp,
  ...notReadyExtras,
});

export interface MetricSpec { name: string; type: 'counter' | 'gauge' | 'histogram'; labels: string[] }

/** §10: the metric names each process must export (MET-1: exact, no prefix). */
export const API_METRICS: MetricSpec[] = [
  { name: 'http_requests_total', type: 'counter', labels: ['route', 'method', 'status'] },
  { name: 'http_request_duration_seconds', type: 'histogram', labels: ['route', 'method', 'status'] },
];
export const WORKER_METRICS: Record<WorkerName, MetricSpec[]> = {
  'outbox-submitter': [
    { name: 'outbox_queue_depth', type: 'gauge', labels: [] },
    { name: 'outbox_commands_processed_total', type: 'counter', labels: ['status'] },
    { name: 'fabric_submit_duration_seconds', type: 'histogram', labels: ['command_type'] },
  ],
  projector: [
    { name: 'projector_lag_ms', type: 'gauge', labels: [] },
    { name: 'projector_events_processed_total', type: 'counter', labels: ['event_name', 'status'] },
    { name: 'projector_last_block', type: 'gauge', labels: [] },
  ],
};

/** Metric families declared in a Prometheus text exposition (`# TYPE name type`). */
export function declaredMetrics(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^# TYPE (\S+) (\S+)/.exec(line);
    if (m) found.set(m[1], m[2]);
  }
  return found;
}

export interface InfraRoute {
  id: 'INF-1' | 'INF-2' | 'INF-3' | 'INF-4' | 'INF-5' | 'INF-6' | 'INF-7';
  method: 'GET';
  path: string;
  where: 'api' | 'outbox-submitter' | 'projector' | 'edge';
  /** Statuses a correct deployment may answer (503 where §9 allows "not ready"). */
  statuses: number[];
  /** JSON document schema; null for the Prometheus text of /metrics. */
  body: z.ZodType | null;
}

export const INFRA_ROUTES: InfraRoute[] = [
  { id: 'INF-1', method: 'GET', path: '/health', where: 'api', statuses: [200], body: healthDoc },
  { id: 'INF-2', method: 'GET', path: '/readyz', where: 'api', statuses: [200, 503], body: readyzDoc },
  { id: 'INF-3', method: 'GET', path: '/livez', where: 'api', statuses: [200], body: livezDoc },
  { id: 'INF-4', method: 'GET', path: '/metrics', where: 'api', statuses: [200], body: null },
  { id: 'INF-5', method: 'GET', path: '/health', where: 'outbox-submitter', statuses: [200, 503], body: submitterHealthDoc },
  { id: 'INF-5', method: 'GET', path: '/metrics', where: 'outbox-submitter', statuses: [200], body: null },
  { id: 'INF-6', method: 'GET', path: '/health', where: 'projector', statuses: [200, 503], body: projectorHealthDoc },
  { id: 'INF-6', method: 'GET', path: '/metrics', where: 'projector', statuses: [200], body: null },
  { id: 'INF-7', method: 'GET', path: '/health', where: 'edge', statuses: [200, 503], body: edgeHealthDoc },
];
