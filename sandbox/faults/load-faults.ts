import type { FaultSpec } from './spec';

/**
 * Faults of the load layer (issue 11): each breaks what one load check guards, at one guarded
 * spot of the part it breaks (services kit, edge delay proxy, one read-model query, the projector).
 */
export const LOAD_FAULTS = {
  'slow-endpoint': { part: 'services', breaks: 'GET /api/v1/proposals (#24) answers 600 ms late.', checks: ['LOAD-P95', 'LOAD-ENDPOINTS'] },
  'slow-region': { part: 'edge', breaks: 'The north-america edge is 400 ms further away each way (its delay proxy holds every chunk 400 ms longer).', checks: ['LOAD-P95'] },
  'error-burst': { part: 'services', breaks: 'Every 50th business request (2 %) is answered 500 "Internal server error".', checks: ['LOAD-ERRORS', 'LOAD-ENDPOINTS', 'STRESS-BREAKING-POINT', 'STRESS-DEGRADATION'] },
  'no-backpressure': { part: 'services', breaks: 'Overload (more than 64 requests in flight in a service) hangs 3 s and is answered 500 instead of 429 with Retry-After.', checks: ['STRESS-DEGRADATION'] },
  'db-slow-query': { part: 'database', breaks: 'The read-model query behind #35 (countries) takes 80 ms longer (pg_sleep inside the statement).', checks: ['LOAD-DB-P95'] },
  'latency-creep': { part: 'services', breaks: 'Every business request served while it is on adds 1 ms to each later answer (a leak that grows with the work done).', checks: ['LOAD-SOAK'] },
  'projector-slow-under-load': { part: 'workers', breaks: 'The projector waits 10 ms per event it applied in the last second (at least 150 ms) before each event: lag grows with the event rate.', checks: ['LOAD-PROJECTOR-LAG'] },
} as const satisfies Record<string, FaultSpec>;

/** latency-creep: added per business request served since the fault went on (ms). */
export const CREEP_MS_PER_REQUEST = 1;

/** The edge the slow-region fault moves away, and how far (ms each way). */
export const SLOW_REGION = 'north-america';
export const SLOW_REGION_EXTRA_MS = 400;
/**
 * In-flight business requests per service beyond which it sheds (429 with Retry-After, RL-4; or the
 * no-backpressure fault's hang + 500). Above the integration layer's bursts (50 parallel
 * transfers to one service), below what stress-500 sends a service.
 */
export const SHED_LIMIT = 64;
