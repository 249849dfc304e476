import YAML from 'yaml';
import type { ServiceKey } from '../../src/catalog/services';
import { SERVICES } from '../../src/catalog/services';

/** What Prometheus scrapes: the services and the workers, straight (the in-cluster view of MET-3). */
export interface ScrapeTargets {
  services: Record<ServiceKey, string>;
  submitters: string[];
  projector: string | null;
}

const hostOf = (url: string) => new URL(url).host;

export const SCRAPE_JOBS = ['gx-api', 'outbox-submitter', 'projector'] as const;
export type ScrapeJob = (typeof SCRAPE_JOBS)[number];

/**
 * 1 s scrape and evaluation: an induced condition is seen within seconds (the contract's 30 s is
 * for clusters). Targets come from one file per job (file_sd), written once the services and
 * workers listen: Prometheus starts before them, and its discovery only hands new targets to the
 * scrapers every 5 s, so starting it early keeps that delay out of the sandbox's boot.
 */
export function renderPrometheusConfig(sdFile: (job: ScrapeJob) => string, ruleFile: string, alertmanagerPort: number): string {
  return YAML.stringify({
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    rule_files: [ruleFile],
    alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${alertmanagerPort}`] }] }] },
    scrape_configs: SCRAPE_JOBS.map((job) => ({ job_name: job, file_sd_configs: [{ files: [sdFile(job)], refresh_interval: '1s' }] })),
  });
}

/** The file_sd target groups of each job. */
export function targetGroups(targets: ScrapeTargets): Record<ScrapeJob, Array<{ targets: string[]; labels?: Record<string, string> }>> {
  return {
    'gx-api': Object.entries(targets.services).map(([key, url]) => ({ targets: [hostOf(url)], labels: { service: SERVICES[key as ServiceKey].name } })),
    'outbox-submitter': targets.submitters.length ? [{ targets: targets.submitters.map(hostOf) }] : [],
    projector: targets.projector ? [{ targets: [hostOf(targets.projector)] }] : [],
  };
}

/**
 * One webhook receiver (the sandbox's sink) for every GX alert, grouped per alert and job, with
 * second-scale waits. Fault alertmanager-route-dropped adds a route that sends critical alerts to
 * a receiver without any integration: they fire, reach Alertmanager, and go nowhere.
 */
export function renderAlertmanagerConfig(webhookUrl: string, dropCritical: boolean): string {
  const route: Record<string, unknown> = {
    receiver: 'gx-webhook',
    group_by: ['alertname', 'job'],
    group_wait: '1s',
    group_interval: '1s',
    repeat_interval: '1h',
  };
  if (dropCritical) route.routes = [{ matchers: ['severity="critical"'], receiver: 'gx-oncall' }];
  return YAML.stringify({
    global: { resolve_timeout: '1m' },
    route,
    receivers: [
      { name: 'gx-webhook', webhook_configs: [{ url: webhookUrl, send_resolved: true, max_alerts: 0 }] },
      ...(dropCritical ? [{ name: 'gx-oncall' }] : []),
    ],
  });
}
