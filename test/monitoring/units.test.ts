import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { panelQueries, withoutVariables } from '../../src/monitoring/dashboards';
import { metricNames } from '../../src/monitoring/promql';
import { ALERT_SIGNALS } from '../../src/monitoring/signals';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import { historyPoint, historySection, preLaunchSections, readHistory, signOffBlock, trendSvg, waiverProblems } from '../../src/report/history';
import type { Report } from '../../src/report/types';
import { fixtureReport } from '../report/fixture-report';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'gxv-mon-units-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('PromQL metric names (Prometheus\'s own grammar)', () => {
  it('finds every selector, histogram parts and __name__ matchers, and reports parse errors', () => {
    expect(metricNames('sum(rate(http_requests_total{status=~"5.."}[1m])) / sum(rate(http_requests_total[1m]))').names).toEqual(['http_requests_total']);
    expect(metricNames('histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m]))) > on() group_left up').names).toEqual(['up', 'x_bucket']);
    expect(metricNames('{__name__="projector_lag_ms"} > 5').names).toEqual(['projector_lag_ms']);
    expect(metricNames('sum(rate(foo[1m]').error).toMatch(/parse error/);
  });

  it('signals: each alert kind is recognised by what it reads, not by its name', () => {
    const covered = (expr: string) => ALERT_SIGNALS.filter((s) => s.coveredBy(expr)).map((s) => s.id);
    expect(covered('max(projector_lag_ms) > 5000')).toEqual(['projector-lag']);
    expect(covered('sum(rate(http_requests_total{status=~"5.."}[5m])) > 1')).toEqual(['api-error-rate']);
    expect(covered('sum(rate(http_requests_total[5m])) > 1')).toEqual([]);
    expect(covered('increase(outbox_commands_processed_total{status="dead_lettered"}[5m]) > 0')).toEqual(['outbox-dead-letters']);
    expect(covered('up == 0')).toEqual(['target-down']);
  });
});

describe('dashboards', () => {
  it('walks expanded and collapsed rows and old-style rows; Grafana variables become valid PromQL', () => {
    const p = (title: string, expr: string) => ({ type: 'timeseries', title, targets: [{ expr }] });
    const queries = panelQueries({
      title: 'd',
      panels: [p('a', 'x'), { type: 'row', title: 'r', collapsed: true, panels: [p('b', 'y')] }, { type: 'row', title: 'open', panels: [] }, p('c', 'z')],
      rows: [{ panels: [p('old', 'w')] }],
    });
    expect(queries.map((q) => q.panel)).toEqual(['a', 'b', 'c', 'old']);
    const expr = withoutVariables('sum(rate(http_requests_total{service=~"$service", job="${job}"}[$__rate_interval])) by ([[grouping]])');
    expect(metricNames(expr)).toEqual({ names: ['http_requests_total'], error: null });
  });
});

describe('profile: monitoring, release, waiver expiry', () => {
  const base = { name: 'p', regions: [{ name: 'asia', baseUrl: 'https://api.example.test' }], auth: { mode: 'mint', secret: { env: 'GXV_T_SECRET' } } };
  const load = (doc: object) => parseProfileText(JSON.stringify(doc), 'json', scratch);
  process.env.GXV_T_SECRET = 'x'.repeat(40);
  process.env.GXV_T_PROM = 'prom-pass-123';

  it('resolves endpoints with credentials by reference; the Basic value is a secret; the plain twin is derived', () => {
    const parsed = load({ ...base, monitoring: { prometheus: { url: 'https://prom.example.test/', username: 'ops', password: { env: 'GXV_T_PROM' } }, uptimeQuery: 'avg(up)' }, release: { repository: 'git@example.test:gx/backend.git', imageTag: 'r/gx:abc1234' } });
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    const target = resolveTarget((parsed as Extract<typeof parsed, { ok: true }>).profile);
    expect(target.monitoring?.prometheus).toEqual({ url: 'https://prom.example.test', httpUrl: 'http://prom.example.test', authorization: `Basic ${Buffer.from('ops:prom-pass-123').toString('base64')}` });
    expect(target.secrets).toEqual(expect.arrayContaining(['prom-pass-123', Buffer.from('ops:prom-pass-123').toString('base64')]));
    expect(target.release).toMatchObject({ repository: 'git@example.test:gx/backend.git', branch: 'main', imageTag: 'r/gx:abc1234' });
  });

  it('rejects an inline password, a bad URL and an unreadable expiry, each by field path', () => {
    const parsed = load({ ...base, monitoring: { prometheus: { url: 'ftp://x', password: 'inline' } }, waivers: [{ criterion: 'OPS-1', reason: 'r', approvedBy: 'a', expires: 'next week' }] });
    expect(parsed.ok).toBe(false);
    const errors = (parsed as { errors: string[] }).errors.join('\n');
    expect(errors).toMatch(/monitoring\.prometheus\.password/);
  });

  it('an expired waiver warns and no longer applies; a future one does', () => {
    const parsed = load({ ...base, waivers: [
      { criterion: 'OPS-1', reason: 'r', approvedBy: 'a', expires: '2020-01-31' },
      { criterion: 'OPS-3', reason: 'r', approvedBy: 'a', expires: '2999-01-01' },
    ] });
    expect(parsed.ok).toBe(true);
    const ok = parsed as Extract<typeof parsed, { ok: true }>;
    expect(ok.warnings.join('\n')).toMatch(/waivers\[0\]\.expires.*expired on 2020-01-31/);
    expect(resolveTarget(ok.profile).waivers.map((w) => w.criterion)).toEqual(['OPS-3']);
    const bad = load({ ...base, waivers: [{ criterion: 'OPS-1', reason: 'r', approvedBy: 'a', expires: 'soon' }] });
    expect((bad as { errors: string[] }).errors.join('\n')).toMatch(/waivers\[0\]\.expires: not a date/);
  });
});

describe('report history and sign-off', () => {
  const report = (runId: string, startedAt: string, verdict: 'GO' | 'NO-GO', p95: number, grade: string): Report => {
    const r = fixtureReport();
    const check = (id: string, region: string | null, measurements: Record<string, number | string>) => ({
      ...r.checks[0], id, region, measurements,
    });
    return { ...r, runId, startedAt, verdict, checks: [
      check('LOAD-P95-asia', 'asia', { p95Ms: p95 }), check('SEC-HEADERS-asia', 'asia', { p95Ms: 999 }),
      check('RT-LAG', null, { lagP95Ms: 40 }), check('SEC-TLS-GRADE-asia', 'asia', { grade }), check('SEC-TLS-GRADE-europe', 'europe', { grade: 'A+' }),
    ] };
  };

  it('reads earlier report.json files (run folders or copies) oldest first, with their key numbers', () => {
    const runs = path.join(scratch, 'history');
    mkdirSync(path.join(runs, 'run-b'), { recursive: true });
    writeFileSync(path.join(runs, 'run-b', 'report.json'), JSON.stringify(report('b', '2026-02-01T00:00:00Z', 'GO', 320, 'A+')));
    writeFileSync(path.join(runs, 'a.json'), JSON.stringify(report('a', '2026-01-01T00:00:00Z', 'NO-GO', 610, 'B')));
    writeFileSync(path.join(runs, 'broken.json'), '{');
    const { points, problems } = readHistory([runs]);
    expect(points.map((p) => [p.runId, p.verdict, p.p95ByRegion.asia, p.lagMs, p.tlsGrade])).toEqual([['a', 'NO-GO', 610, 40, 'B'], ['b', 'GO', 320, 40, 'A+']]);
    expect(problems).toEqual([expect.stringMatching(/broken\.json/)]);
  });

  it('renders a history table with trend charts (inline SVG, no script), the current run marked', () => {
    const current = historyPoint(report('c', '2026-03-01T00:00:00Z', 'GO', 280, 'A+'));
    const html = historySection([historyPoint(report('a', '2026-01-01T00:00:00Z', 'NO-GO', 610, 'B'))], current, { p95Ms: 500 });
    expect(html).toContain('c (this run)');
    expect(html.match(/<svg/g)?.length).toBe(3);
    expect(html).not.toMatch(/<script/);
    expect(trendSvg('x', ['1', '2', '3'], [1, null, 3], 'ms')).toMatch(/<polyline[^>]*points="[^"]+"\/><polyline/);
  });

  it('a sign-off block names what is signed and cannot be signed with a waiver lacking approver or expiry', () => {
    const r = { ...fixtureReport(), verdict: 'GO' as const, complete: true };
    expect(waiverProblems([{ criterion: 'SEC-1', reason: 'r', approvedBy: 'cto' }])).toEqual(['SEC-1: the waiver has no expiry date']);
    const html = signOffBlock(r, { approver: 'Jane <CTO>', release: 'v1.2.3' }, [{ criterion: 'SEC-1', reason: 'cluster <soon>', approvedBy: 'cto' }]);
    expect(html).toContain('Cannot be signed as is');
    expect(html).toContain('Jane &lt;CTO&gt;');
    expect(signOffBlock(r, { approver: 'Jane' }, [{ criterion: 'SEC-1', reason: 'r', approvedBy: 'cto', expires: '2999-01-01' }])).toContain('Ready to sign');
  });
});

describe('pre-launch sections for report.html', () => {
  it('are empty unless asked for; with a history dir and an approver they render both', () => {
    const r = fixtureReport();
    expect(preLaunchSections(r, {})).toBe('');
    const html = preLaunchSections(r, { GXV_HISTORY_DIR: path.join(scratch, 'no-such-dir'), GXV_SIGNOFF_APPROVER: 'Jane' });
    expect(html).toContain('History of previous runs');
    expect(html).toContain('Not read:');
    expect(html).toContain('Sign-off');
  });
});
