import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build';
import { writeReports } from '../../src/report/index';
import type { CheckResult } from '../../src/evidence/types';
import type { Report } from '../../src/report/types';
import { region, testTarget } from '../run/fixture-target';

/**
 * No detail lost in any format (issues 9 and 15): a check with 40 findings and a blocked check,
 * rendered by every reporter; each finding is in report.json, report.html, junit.xml and the
 * Allure attachment, and report.md gives the counts and points at the full list.
 */
const findings = Array.from({ length: 40 }, (_, i) => ({
  rule: i < 30 ? 'AUTHZ-1' : 'ERR-5', text: `role rule ${i} broken on route-${i}`, endpoint: `#${(i % 7) + 1}`,
  evidence: i < 2 ? [{ request: `POST /x/${i}`, response: 'HTTP 202' }] : undefined,
}));

function results(): CheckResult[] {
  const base = { layer: 'integration' as const, region: null, endpoint: null, durationMs: 5, measurements: {}, evidence: [] };
  return [
    {
      ...base, id: 'INT-AUTHZ-ROLES', title: 'roles', status: 'fail', criteria: ['IT-API-3'], message: '40 finding(s)',
      findings, findingsFile: 'artifacts/INT-AUTHZ-ROLES.jsonl', observed: { judged: 70, unusable: 0 }, rules: ['AUTHZ-1'],
    },
    {
      ...base, id: 'SEC-ERROR-LEAK-asia', layer: 'security', region: 'asia', title: 'leaks', status: 'blocked', criteria: ['SEC-4'],
      blockedBy: ['SEC-EDGE-ROUTES-asia'], message: 'Blocked by SEC-EDGE-ROUTES-asia: prefix not stripped',
      measurements: { p50Ms: 3, p99Ms: 40 },
    },
    { ...base, id: 'INT-DB-QUERY-LATENCY', title: 'latency', status: 'pass', criteria: ['PERF-3'], message: '', measurements: { p95Ms: 12 } },
  ];
}

let dir: string;
let report: Report;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gxv-findings-report-'));
  report = buildReport({
    runId: 'r-findings', startedAt: new Date('2026-01-01T00:00:00Z'), finishedAt: new Date('2026-01-01T00:01:00Z'), complete: true,
    target: testTarget({ regions: [region('asia')] }), layers: ['integration', 'security'], results: results(),
    scope: { name: 'merge', criteria: ['IT-API-3', 'SEC-4', 'PERF-3'], layers: ['integration', 'security'] },
  });
  await writeReports(report, dir);
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('findings in every format', () => {
  it('report.json keeps every finding and the blocked status', async () => {
    const json = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8'));
    expect(json.schemaVersion).toBe(2);
    expect(json.summary.checks).toMatchObject({ fail: 1, blocked: 1, pass: 1 });
    expect(json.checks[0].findings).toHaveLength(40);
    expect(json.scope.name).toBe('merge');
  });

  it('report.html lists every finding, the counts, the blocking root cause and the scope', async () => {
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    for (const f of findings) expect(html).toContain(f.text);
    expect(html).toContain('40 finding(s), by rule: AUTHZ-1 ×30, ERR-5 ×10');
    expect(html).toContain('artifacts/INT-AUTHZ-ROLES.jsonl');
    expect(html).toContain('blocked by SEC-EDGE-ROUTES-asia');
    expect(html).toContain('Verdict scope: gate <b>merge</b>');
    expect(html).toContain('exercised: 70 judged, 0 unusable');
    expect(html).not.toMatch(/and \d+ more/);
  });

  it('report.html: criteria at a glance, a tile per group in words; every latency-bearing check charted with all its percentiles', async () => {
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Criteria at a glance');
    for (const group of ['functional', 'performance', 'security', 'operational']) expect(html).toMatch(new RegExp(`<b>${group}: \\d+ criteria</b>`));
    expect(html).toContain('SEC-ERROR-LEAK-asia p50: 3 ms');
    expect(html).toContain('SEC-ERROR-LEAK-asia p99: 40 ms');
    expect(html).toContain('p95 not measured');
    expect(html).toContain('INT-DB-QUERY-LATENCY p95: 12 ms');
    expect(html).not.toMatch(/<script/i);
  });

  it('junit.xml carries every finding in the failure and the blocked check as a skip naming its root cause', async () => {
    const xml = await readFile(path.join(dir, 'junit.xml'), 'utf8');
    for (const f of findings) expect(xml).toContain(f.text);
    expect(xml).toContain('<skipped message="blocked by SEC-EDGE-ROUTES-asia: Blocked by SEC-EDGE-ROUTES-asia: prefix not stripped"/>');
  });

  it('the Allure attachment carries every finding', async () => {
    const files = await readdir(path.join(dir, 'allure-results'));
    const texts = await Promise.all(files.filter((f) => f.endsWith('-attachment.txt')).map((f) => readFile(path.join(dir, 'allure-results', f), 'utf8')));
    const attachment = texts.find((t) => t.includes('40 finding(s)'));
    for (const f of findings) expect(attachment).toContain(f.text);
  });

  it('report.md gives the counts per rule and endpoint and points at the full list', async () => {
    const md = await readFile(path.join(dir, 'report.md'), 'utf8');
    expect(md).toContain('40 finding(s), by rule: AUTHZ-1 ×30, ERR-5 ×10 · by endpoint:');
    expect(md).toContain('… 15 more; every finding with its evidence: artifacts/INT-AUTHZ-ROLES.jsonl (also in report.json and report.html).');
    expect(md).toContain('### Blocked checks (1)');
    expect(md).toContain('**Verdict scope:** gate `merge`');
    expect(md).toContain('## OWASP coverage');
    expect(md).toContain('OWASP API Security Top 10 2023');
  });
});
