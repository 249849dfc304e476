import { describe, expect, it } from 'vitest';
import {
  API_METRICS, declaredMetrics, edgeHealthDoc, healthDoc, INFRA_ROUTES, livezDoc, projectorHealthDoc, readyzDoc,
  submitterHealthDoc, WORKER_METRICS,
} from '../../src/catalog/infra';
import { messageMatches } from '../../src/catalog/envelope';

const ts = '2025-01-31T12:00:00.000Z';

describe('infrastructure route schemas (§6.8, §9)', () => {
  it('INF-1 /health', () => {
    expect(healthDoc.safeParse({ status: 'ok', service: 'svc-tax', timestamp: ts, uptime: 12.5 }).success).toBe(true);
    expect(healthDoc.safeParse({ status: 'ok', service: 'tax', timestamp: ts, uptime: 1 }).success).toBe(false);
    expect(healthDoc.safeParse({ status: 'healthy', service: 'svc-tax', timestamp: ts, uptime: 1 }).success).toBe(false);
    expect(healthDoc.safeParse({ status: 'ok', service: 'svc-tax', timestamp: ts, uptime: '1' }).success).toBe(false);
  });

  it('INF-2 /readyz: ready, and not_ready only with the E1 keys', () => {
    const checks = {
      database: { status: 'healthy' },
      projectionLag: { status: 'healthy', value: { lagMs: 0, threshold: 5000 } },
    };
    expect(readyzDoc.safeParse({ status: 'ready', service: 'svc-identity', timestamp: ts, checks }).success).toBe(true);
    const down = { ...checks, database: { status: 'unhealthy', message: 'database unreachable' } };
    expect(readyzDoc.safeParse({ status: 'not_ready', service: 'svc-identity', timestamp: ts, checks: down }).success).toBe(false);
    expect(readyzDoc.safeParse({
      status: 'not_ready', service: 'svc-identity', timestamp: ts, checks: down, error: 'Service Unavailable', message: 'Not ready',
    }).success).toBe(true);
    expect(readyzDoc.safeParse({ status: 'ready', service: 'svc-identity', timestamp: ts, checks: { database: { status: 'healthy' } } }).success).toBe(false);
  });

  it('INF-3 /livez', () => {
    const mem = { rss: 1, heapTotal: 2, heapUsed: 3, external: 4, arrayBuffers: 5 };
    expect(livezDoc.safeParse({ status: 'alive', service: 'svc-admin', timestamp: ts, uptime: 3, memoryUsage: mem }).success).toBe(true);
    expect(livezDoc.safeParse({ status: 'alive', service: 'svc-admin', timestamp: ts, uptime: 3, memoryUsage: { rss: 1 } }).success).toBe(false);
  });

  it('worker and edge health documents', () => {
    expect(submitterHealthDoc.safeParse({
      status: 'healthy', fabricCircuitBreaker: { state: 'CLOSED', successes: 3, failures: 0, openCount: 0 }, queueDepth: 0,
    }).success).toBe(true);
    expect(submitterHealthDoc.safeParse({ status: 'healthy', fabricCircuitBreaker: { state: 'closed' }, queueDepth: 0 }).success).toBe(false);
    expect(projectorHealthDoc.safeParse({ status: 'healthy', lastProcessedBlock: '42', lastEventIndex: 0, eventCounter: 5, lagMs: 0 }).success).toBe(true);
    expect(projectorHealthDoc.safeParse({ status: 'healthy', lastProcessedBlock: 42, lastEventIndex: 0, eventCounter: 5, lagMs: 0 }).success).toBe(false);
    const backends = { identity: 'up', tokenomics: 'up', organization: 'up', loanpool: 'up', governance: 'up', admin: 'up', tax: 'down' };
    expect(edgeHealthDoc.safeParse({ status: 'unhealthy', region: 'europe', backends, timestamp: ts }).success).toBe(true);
    const { tax: _tax, ...six } = backends;
    expect(edgeHealthDoc.safeParse({ status: 'healthy', region: 'europe', backends: six, timestamp: ts }).success).toBe(false);
  });

  it('lists INF-1..INF-7 with /metrics as text', () => {
    expect(new Set(INFRA_ROUTES.map((r) => r.id))).toEqual(new Set(['INF-1', 'INF-2', 'INF-3', 'INF-4', 'INF-5', 'INF-6', 'INF-7']));
    expect(INFRA_ROUTES.filter((r) => r.path === '/metrics').every((r) => r.body === null)).toBe(true);
  });
});

describe('metrics (§10)', () => {
  it('names per process', () => {
    expect(API_METRICS.map((m) => m.name)).toEqual(['http_requests_total', 'http_request_duration_seconds']);
    expect(WORKER_METRICS['outbox-submitter'].map((m) => m.name)).toEqual(['outbox_queue_depth', 'outbox_commands_processed_total', 'fabric_submit_duration_seconds']);
    expect(WORKER_METRICS.projector.map((m) => m.name)).toEqual(['projector_lag_ms', 'projector_events_processed_total', 'projector_last_block']);
  });

  it('reads declared families from Prometheus text', () => {
    const text = [
      '# HELP http_requests_total Requests', '# TYPE http_requests_total counter',
      'http_requests_total{route="/x",method="GET",status="200"} 3',
      '# TYPE http_request_duration_seconds histogram', 'http_request_duration_seconds_bucket{le="0.5"} 1',
    ].join('\n');
    expect([...declaredMetrics(text)]).toEqual([['http_requests_total', 'counter'], ['http_request_duration_seconds', 'histogram']]);
  });
});

describe('messageMatches', () => {
  it('treats <placeholders> as any text and everything else literally', () => {
    const doc = 'Insufficient balance. Available: <balance>, Required: <amount + fee>';
    expect(messageMatches(doc, 'Insufficient balance. Available: 1.5, Required: 2.002')).toBe(true);
    expect(messageMatches(doc, 'Insufficient balance: 1.5')).toBe(false);
    expect(messageMatches('Loan not found', 'Loan not found')).toBe(true);
    expect(messageMatches('Loan not found', 'Loan not found.')).toBe(false);
    expect(messageMatches('Route <METHOD> <path> not found', 'Route GET /api/v1/x not found')).toBe(true);
  });
});
