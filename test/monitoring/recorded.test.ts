import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/evidence/types';
import type { Target } from '../../src/profile/target';
import { runChecks } from '../../src/run/runner';
import { checks } from '../../suites/e2e/index';
import { explain } from '../e2e/harness';
import { recorded, recordedTarget, startRecordedMonitoring, type RecordedMonitoring } from './recorded-target';

/**
 * The operations checks against monitoring nobody here built: answers recorded from a real
 * Prometheus 2.42, Grafana answers as its API documents them, a local bare repository as the
 * remote. What they can judge they judge; what they cannot is skipped or "could not exercise".
 */
let mon: RecordedMonitoring;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gxv-recorded-'));
beforeAll(async () => { mon = await startRecordedMonitoring(); });
afterAll(async () => { await mon?.stop(); rmSync(scratch, { recursive: true, force: true }); });

async function run(id: string, target: Target): Promise<CheckResult> {
  const def = checks.find((c) => c.id === id)!;
  const outcome = await runChecks([def], { runId: 'recorded', target, fixtures: null, artifactsDir: path.join(scratch, 'artifacts') });
  return outcome.results[0];
}

describe('operations checks on recorded monitoring', () => {
  it('OPS-ALERT-RULES passes on the recorded rules; without Prometheus it is skipped with the cause', async () => {
    expect((await run('OPS-ALERT-RULES', recordedTarget(mon.url))).status).toBe('pass');
    const none = await run('OPS-ALERT-RULES', recordedTarget(mon.url, { prometheus: null }));
    expect(none.status).toBe('skipped');
    expect(none.message).toMatch(/no `prometheus` endpoint/);
  });

  it('OPS-RUNBOOKS never fetches a runbook from a host the profile does not name', async () => {
    const r = await run('OPS-RUNBOOKS', recordedTarget(mon.url));
    expect(r.status, explain(r)).toBe('error');
    expect(r.message).toMatch(/could not exercise.*runbook host https:\/\/runbooks\.gx\.test not named in the profile/);
  });

  it('OPS-DASHBOARDS reads Grafana (search, then each dashboard, rows both ways) and names a metric nobody exports', async () => {
    mon.answer('/api/search?type=dash-db&limit=5000', [{ id: 1, uid: 'gx', title: 'GX', url: '/d/gx/gx', type: 'dash-db', tags: [] }]);
    const panel = (title: string, expr: string) => ({ type: 'timeseries', title, targets: [{ refId: 'A', expr, datasource: { type: 'prometheus', uid: 'p' } }] });
    mon.answer('/api/dashboards/uid/gx', {
      meta: { slug: 'gx' },
      dashboard: {
        uid: 'gx', title: 'GX', panels: [
          panel('rate', 'sum(rate(http_requests_total{service=~"$service"}[$__rate_interval]))'),
          panel('p95', 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))'),
          { type: 'row', title: 'workers', collapsed: true, panels: [
            panel('queue', 'max(outbox_queue_depth)'), panel('processed', 'sum(rate(outbox_commands_processed_total[5m]))'),
            panel('submit', 'histogram_quantile(0.95, sum by (le) (rate(fabric_submit_duration_seconds_bucket[5m])))'),
            panel('lag', 'max(projector_lag_ms)'), panel('events', 'sum(rate(projector_events_processed_total[5m]))'),
            panel('block', 'max(projector_last_block)'), panel('renamed', 'max(gx_outbox_depth)'),
          ] },
        ],
      },
    });
    const grafana = { url: mon.url, httpUrl: mon.url, authorization: `Bearer glsa_recorded` };
    const r = await run('OPS-DASHBOARDS', recordedTarget(mon.url, { grafana: { ...grafana, authorization: (await import('./recorded-target')).AUTH } }));
    expect(r.status, explain(r)).toBe('fail');
    expect(r.findings?.map((f) => f.text)).toEqual([expect.stringMatching(/GX" \/ "renamed" queries gx_outbox_depth, which no scrape target exports/)]);
  });

  it('OPS-DASHBOARDS does not judge worker panels on a deployment whose profile has no workers (no ledger yet), and does when it has them', async () => {
    // The dashboard of the test above stays; the target now exports only the API's metrics.
    const workerMetric = (n: string) => /^(outbox_|fabric_|projector_)/.test(n);
    const names = JSON.parse(recorded('prometheus-names.json')) as { data: string[] };
    const metadata = JSON.parse(recorded('prometheus-metadata.json')) as { data: Record<string, unknown> };
    mon.answer('/api/v1/label/__name__/values', { status: 'success', data: names.data.filter((n) => !workerMetric(n)) });
    mon.answer('/api/v1/metadata', { status: 'success', data: Object.fromEntries(Object.entries(metadata.data).filter(([n]) => !workerMetric(n))) });
    try {
      const grafana = { url: mon.url, httpUrl: mon.url, authorization: (await import('./recorded-target')).AUTH };
      const noWorkers = await run('OPS-DASHBOARDS', recordedTarget(mon.url, { grafana }, { workers: null, workersExternal: false }));
      expect(noWorkers.status, explain(noWorkers)).toBe('fail');
      expect(noWorkers.findings?.map((f) => f.text)).toEqual([expect.stringMatching(/"renamed" queries gx_outbox_depth/)]);
      expect(noWorkers.measurements.panelMetricsNotJudged).toBe(6);
      const external = await run('OPS-DASHBOARDS', recordedTarget(mon.url, { grafana }, { workers: null, workersExternal: true }));
      expect(external.findings?.map((f) => f.text).filter((t) => /outbox_queue_depth|projector_lag_ms|fabric_submit/.test(t))).toHaveLength(3);
    } finally {
      mon.answer('/api/v1/label/__name__/values', JSON.parse(recorded('prometheus-names.json')));
      mon.answer('/api/v1/metadata', JSON.parse(recorded('prometheus-metadata.json')));
    }
  });

  it('OPS-UPTIME-7D: 7 days at 100 % pass, gaps count as down, a short history is not judged', async () => {
    const series = (from: (end: number) => number, up: (t: number) => number | null) => (p: URLSearchParams) => {
      const end = Number(p.get('end'));
      const values: Array<[number, string]> = [];
      for (let t = from(end); t <= end; t += 300) { const v = up(t); if (v !== null) values.push([t, String(v)]); }
      return { resultType: 'matrix', result: [{ metric: {}, values }] };
    };
    const target = recordedTarget(mon.url, { uptimeQuery: 'avg(up{job="gx-edge"})' });
    mon.queryRange = series((end) => end - 7 * 86_400, () => 1);
    const ok = await run('OPS-UPTIME-7D', target);
    expect(ok.status, explain(ok)).toBe('pass');
    expect(ok.measurements.availability).toBe(1);
    mon.queryRange = series((end) => end - 7 * 86_400, (t) => (t % 3600 < 300 ? null : 1)); // one 5-minute gap an hour
    const gaps = await run('OPS-UPTIME-7D', target);
    expect(gaps.status).toBe('fail');
    expect(gaps.findings?.[0].text).toMatch(/below 99\.9 %/);
    mon.queryRange = series((end) => end - 2 * 86_400, () => 1);
    const short = await run('OPS-UPTIME-7D', target);
    expect(short.status).toBe('skipped');
    expect(short.message).toMatch(/2\.0 day\(s\) of history/);
  });

  it('OPS-REPO-SYNC compares an image tag with `git ls-remote` of a local bare repository', async () => {
    const repo = path.join(scratch, 'remote.git');
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
    execFileSync('git', ['init', '--quiet', '--bare', repo]);
    const git = (...args: string[]) => execFileSync('git', ['--git-dir', repo, ...args], { env, input: '' }).toString().trim();
    const tree = git('mktree');
    const first = git('commit-tree', tree, '-m', 'one');
    git('update-ref', 'refs/heads/main', first);
    const release = (tag: string) => ({ repository: repo, branch: 'main', versionUrl: null, versionField: 'commit', imageTag: `registry.example:5000/gx/svc-identity:${tag}` });
    expect((await run('OPS-REPO-SYNC', recordedTarget(mon.url, {}, { release: release(first.slice(0, 8)) }))).status).toBe('pass');
    git('update-ref', 'refs/heads/main', git('commit-tree', tree, '-p', first, '-m', 'two'));
    const behind = await run('OPS-REPO-SYNC', recordedTarget(mon.url, {}, { release: release(first.slice(0, 8)) }));
    expect(behind.status).toBe('fail');
    expect(behind.findings?.[0].text).toMatch(/the deployment runs [0-9a-f]{8}, but main on the remote is at [0-9a-f]{40}/);
    const none = await run('OPS-REPO-SYNC', recordedTarget(mon.url));
    expect(none.status).toBe('skipped');
  });

  it('OPS-MONITORING-SECURED flags an endpoint served over plain HTTP and to anonymous callers', async () => {
    // The recorded endpoint is plain HTTP: the profile's URL itself is not HTTPS.
    const r = await run('OPS-MONITORING-SECURED', recordedTarget(mon.url));
    expect(r.status).toBe('fail');
    expect(r.findings?.map((f) => f.text).join('\n')).toMatch(/is not HTTPS/);
  });
});
