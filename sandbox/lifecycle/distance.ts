import type { ServiceKey } from '../../src/catalog/services';
import { delayUrls } from '../edge/delay-proxy-set';
import type { ProfileWorkersSection } from '../ledger-stack';

/**
 * The direct `local` region from afar: the services and the workers' HTTP servers, each behind a
 * delay proxy `oneWayMs` away. The parts themselves keep listening where they are (the edges and
 * the control server use them directly); only the profile's URLs change.
 */
export interface DirectRoutes {
  services: Record<ServiceKey, string>;
  workers: ProfileWorkersSection | null;
  stop(): Promise<void>;
}

export async function delayDirectRoutes(
  services: Record<ServiceKey, string>, workers: ProfileWorkersSection | null, oneWayMs: number,
): Promise<DirectRoutes> {
  if (oneWayMs <= 0) return { services, workers, stop: async () => {} };
  const delayedServices = await delayUrls(services, oneWayMs);
  if (!workers) return { services: delayedServices.urls, workers: null, stop: delayedServices.stop };
  try {
    const named: Record<string, string> = { projector: workers.projector };
    workers.submitter.forEach((url, i) => { named[`submitter${i}`] = url; });
    const delayedWorkers = await delayUrls(named, oneWayMs);
    return {
      services: delayedServices.urls,
      workers: { submitter: workers.submitter.map((_, i) => delayedWorkers.urls[`submitter${i}`]), projector: delayedWorkers.urls.projector },
      stop: async () => { await Promise.all([delayedServices.stop(), delayedWorkers.stop()]); },
    };
  } catch (error) {
    await delayedServices.stop();
    throw error;
  }
}
