import { SERVICE_KEYS, SERVICES, WORKERS } from '../../catalog/services';

/**
 * The §13.1 replica plan: every API Deployment at 3 replicas, outbox-submitter at 2, projector at
 * 1 — 24 pods at minimum scale (svc-identity's HPA may add up to 7 more). One table for the
 * manifest check and the live pod count.
 */

export interface PlannedWorkload {
  name: string;
  component: 'api' | 'worker';
  minReplicas: number;
  /** The container port and its name (§13.1: API `http` = service port; workers `metrics`). */
  port: number;
  portName: 'http' | 'metrics';
}

export const REPLICA_PLAN: readonly PlannedWorkload[] = [
  ...SERVICE_KEYS.map((k): PlannedWorkload => ({ name: SERVICES[k].name, component: 'api', minReplicas: 3, port: SERVICES[k].defaultPort, portName: 'http' })),
  { name: 'outbox-submitter', component: 'worker', minReplicas: 2, port: WORKERS['outbox-submitter'].defaultPort, portName: 'metrics' },
  { name: 'projector', component: 'worker', minReplicas: 1, port: WORKERS.projector.defaultPort, portName: 'metrics' },
];

/** 21 API + 2 outbox-submitter + 1 projector. */
export const MIN_HEALTHY_PODS = REPLICA_PLAN.reduce((n, w) => n + w.minReplicas, 0);
