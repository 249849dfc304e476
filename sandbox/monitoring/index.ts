import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EdgeCerts } from '../edge/certs';
import { freePorts } from '../edge/ports';
import type { FaultSwitchboard } from '../faults/switchboard';
import { renderAlertmanagerConfig, renderPrometheusConfig, SCRAPE_JOBS, targetGroups, type ScrapeJob, type ScrapeTargets } from './configs';
import { startAlertmanager, startPrometheus, type Daemon } from './daemons';
import { writeDashboards } from './dashboards';
import { htpasswdLine } from './front';
import { startFront, type FrontPorts } from './front-process';
import { createSandboxRelease, type SandboxRelease } from './release';
import { gxAlertRules, renderRuleFile } from './rules';
import { startWebhookSink, type WebhookSink } from './webhook-sink';

export const RUNBOOKS_DIR = fileURLToPath(new URL('../../fixtures/runbooks', import.meta.url));
export const MONITORING_USER = 'gxv-monitor';
/** The sandbox's rule `for`: with 1 s scrapes and evaluations an induced condition fires within seconds. */
const RULE_FOR = '1s';

export interface MonitoringOptions {
  /** The sandbox temp dir; monitoring lives in `<dir>/monitoring`. */
  tempDir: string;
  faults: FaultSwitchboard;
  lagThresholdMs: number;
}

/** The profile's `monitoring` and `release` sections for the sandbox (secrets by file). */
export interface MonitoringProfileSections {
  monitoring: {
    ca: string;
    prometheus: { url: string; httpUrl: string; username: string; password: { file: string } };
    alertmanager: { url: string; httpUrl: string; username: string; password: { file: string } };
    dashboards: string[];
    runbookBase: string;
  };
  release: { repository: string; branch: string; versionUrl: string; versionField: string };
}

/** Prometheus, Alertmanager and the webhook sink running, before the targets and the front exist. */
export interface BootingMonitoring {
  /** Hands Prometheus its targets and starts the TLS + basic-auth front. */
  attach(parts: { targets: ScrapeTargets; certs: EdgeCerts }): Promise<StartedMonitoring>;
  stop(): Promise<void>;
}

export interface StartedMonitoring {
  prometheus: Daemon;
  alertmanager: Daemon;
  sink: WebhookSink;
  release: SandboxRelease;
  urls: { prometheus: string; alertmanager: string; runbooks: string };
  /** `versionUrl`: where the deployment reports its commit (the control server's route). */
  profileSections(versionUrl: string): MonitoringProfileSections;
  stop(): Promise<void>;
}

const MONITORING_FAULTS = ['monitoring-plain-http', 'monitoring-anonymous', 'runbook-missing', 'alert-rule-missing',
  'alertmanager-route-dropped', 'dashboard-metric-unknown', 'deployment-behind-remote'] as const;

/**
 * Prometheus and Alertmanager from the machine's Debian binaries, a webhook sink receiving the
 * notifications, and (on attach) the TLS + basic-auth nginx front: FUNC-6's secured state. All
 * on free loopback ports under `<tempDir>/monitoring`, stopped by pid. Started early in the
 * sandbox boot (Prometheus needs seconds before its first scrape); monitoring faults regenerate
 * the part they break and reload it, and `faults.set` resolves once the change is live.
 */
export async function startMonitoring(opts: MonitoringOptions): Promise<BootingMonitoring> {
  const dir = path.join(opts.tempDir, 'monitoring');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const undo: Array<() => Promise<unknown>> = [];
  const unwind = async () => { while (undo.length) await undo.pop()!().catch(() => undefined); };
  try {
    const [promPort, amPort, ...front] = await freePorts(8);
    const ports: FrontPorts = { prometheus: front[0], prometheusHttp: front[1], alertmanager: front[2], alertmanagerHttp: front[3], runbooks: front[4], internal: front[5] };
    const urls = {
      prometheus: `https://127.0.0.1:${ports.prometheus}`,
      alertmanager: `https://127.0.0.1:${ports.alertmanager}`,
      runbooks: `https://127.0.0.1:${ports.runbooks}/runbooks/`,
    };
    const sink = await startWebhookSink();
    undo.push(() => sink.stop());
    const ruleFile = path.join(dir, 'gx-alerts.yml');
    const rules = gxAlertRules(opts.lagThresholdMs);
    const writeRules = () => writeFileSync(ruleFile, renderRuleFile(
      opts.faults.isOn('alert-rule-missing') ? rules.filter((r) => r.signal !== 'projector-lag') : rules, urls.runbooks, RULE_FOR));
    writeRules();
    const sdFile = (job: ScrapeJob) => path.join(dir, `targets-${job}.json`);
    for (const job of SCRAPE_JOBS) writeFileSync(sdFile(job), '[]');
    const promConfig = renderPrometheusConfig(sdFile, ruleFile, amPort);
    const amConfig = () => renderAlertmanagerConfig(sink.url, opts.faults.isOn('alertmanager-route-dropped'));
    // Both start together; whichever started is stopped again if the other failed.
    const daemons = await Promise.allSettled([
      startAlertmanager(path.join(dir, 'alertmanager'), amPort, amConfig(), `${urls.alertmanager}/`),
      startPrometheus(path.join(dir, 'prometheus'), promPort, promConfig, `${urls.prometheus}/`),
    ]);
    for (const d of daemons) if (d.status === 'fulfilled') undo.push(() => d.value.stop());
    const failed = daemons.find((d): d is PromiseRejectedResult => d.status === 'rejected');
    if (failed) throw failed.reason;
    const [alertmanager, prometheus] = daemons.map((d) => (d as PromiseFulfilledResult<Daemon>).value);

    const attach = async ({ targets, certs }: { targets: ScrapeTargets; certs: EdgeCerts }): Promise<StartedMonitoring> => {
      try {
        const groups = targetGroups(targets);
        for (const job of SCRAPE_JOBS) {
          // Written whole then renamed: Prometheus never reads half a file.
          writeFileSync(`${sdFile(job)}.tmp`, JSON.stringify(groups[job]));
          renameSync(`${sdFile(job)}.tmp`, sdFile(job));
        }
        const password = randomBytes(18).toString('base64url');
        const passwordFile = path.join(dir, 'monitoring-password');
        writeFileSync(passwordFile, password, { mode: 0o600 });
        const htpasswdPath = path.join(dir, 'htpasswd');
        writeFileSync(htpasswdPath, htpasswdLine(MONITORING_USER, password), { mode: 0o644 });
        const dashboardsDir = path.join(dir, 'dashboards');
        writeDashboards(dashboardsDir, opts.faults.isOn('dashboard-metric-unknown'));
        const [release, front] = await Promise.all([
          createSandboxRelease(path.join(dir, 'release')),
          startFront({ dir: path.join(dir, 'front'), ports, upstreams: { prometheus: promPort, alertmanager: amPort }, certs, htpasswdPath, runbooksDir: RUNBOOKS_DIR, faults: opts.faults }),
        ]);
        undo.push(() => front.stop());
        await release.setRemoteAhead(opts.faults.isOn('deployment-behind-remote'));

        // Only the monitoring faults touch this part; a change of another fault leaves it alone.
        let last = snapshot(opts.faults);
        const detach = opts.faults.onChange(async () => {
          const now = snapshot(opts.faults);
          const before = last;
          last = now;
          const changed = (keys: string[]) => keys.some((k) => now[k] !== before[k]);
          if (changed(['monitoring-plain-http', 'monitoring-anonymous', 'runbook-missing'])) await front.regenerate();
          if (changed(['alert-rule-missing'])) {
            writeRules();
            await prometheus.reload(promConfig);
          }
          if (changed(['alertmanager-route-dropped'])) await alertmanager.reload(amConfig());
          if (changed(['dashboard-metric-unknown'])) writeDashboards(dashboardsDir, now['dashboard-metric-unknown']);
          if (changed(['deployment-behind-remote'])) await release.setRemoteAhead(now['deployment-behind-remote']);
        });
        undo.push(async () => detach());

        const credentials = { username: MONITORING_USER, password: { file: passwordFile } };
        return {
          prometheus, alertmanager, sink, release, urls,
          profileSections: (versionUrl) => ({
            monitoring: {
              ca: certs.caPath,
              prometheus: { url: urls.prometheus, httpUrl: `http://127.0.0.1:${ports.prometheusHttp}`, ...credentials },
              alertmanager: { url: urls.alertmanager, httpUrl: `http://127.0.0.1:${ports.alertmanagerHttp}`, ...credentials },
              dashboards: [dashboardsDir],
              runbookBase: urls.runbooks,
            },
            release: { repository: release.repository, branch: release.branch, versionUrl, versionField: 'commit' },
          }),
          stop: unwind,
        };
      } catch (err) {
        await unwind();
        throw err;
      }
    };
    return { attach, stop: unwind };
  } catch (err) {
    await unwind();
    throw err;
  }
}

function snapshot(faults: FaultSwitchboard): Record<string, boolean> {
  return Object.fromEntries(MONITORING_FAULTS.map((f) => [f, faults.isOn(f)]));
}
