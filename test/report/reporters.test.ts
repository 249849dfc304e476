import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../src/report/index';
import { MD_BUDGET, renderMarkdown } from '../../src/report/md';
import type { Report } from '../../src/report/types';
import { TEST_SECRET } from '../run/fixture-target';
import { kid, kids, parseXml } from './parse-xml';
import { fixtureReport, fixtureResults } from './fixture-report';

let dir: string;
let report: Report;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gxv-report-'));
  report = fixtureReport();
  await writeReports(report, dir);
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function allFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('reporters on a fixed report', () => {
  it('write every output, none holding the secret', async () => {
    const files = await allFiles(dir);
    const names = files.map((f) => path.relative(dir, f));
    for (const f of ['report.json', 'report.md', 'report.html', 'junit.xml', 'allure-results/environment.properties', 'allure-results/executor.json']) {
      expect(names).toContain(f);
    }
    for (const f of files) expect(await readFile(f, 'utf8'), f).not.toContain(TEST_SECRET);
  });

  it('report.md: verdict, criteria table, failing checks first with expected/received, counts', async () => {
    const md = await readFile(path.join(dir, 'report.md'), 'utf8');
    expect(md.split('\n')[0]).toBe('## ❌ gx-verify: **NO-GO**');
    expect(md).toContain('| FUNC-3 | 🟡 waived | yes | Database migrations deployed | Waived by release board');
    const failing = md.indexOf('### Failing checks (3)');
    expect(failing).toBeGreaterThan(md.indexOf('### Criteria'));
    expect(md.indexOf('`INT-JWT-ALG-NONE`')).toBeGreaterThan(failing);
    expect(md).toContain('expected: 401\nreceived: 200');
    expect(md).toContain('| integration | 1 | 1 | 1 | 0 | 1 |');
    expect(md).toContain('| europe | 0 | 1 | 0 | 0 |');
  });

  it('report.md stays under the PR-comment budget with many long failures', () => {
    const big = structuredClone(report);
    const [, failing] = fixtureResults();
    big.checks = Array.from({ length: 400 }, (_, i) => ({ ...failing, id: `F-${i}`, message: 'x'.repeat(5_000), evidence: [{ response: 'y'.repeat(20_000) }] }));
    const md = renderMarkdown(big);
    expect(Buffer.byteLength(md)).toBeLessThan(MD_BUDGET + 4_000);
    expect(md).toMatch(/\d+ more failing check\(s\) did not fit this summary; report.html and report.json hold them in full/);
  });

  it('report.html: self-contained, escaped, failing first, with charts', async () => {
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('HSTS missing &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('class="banner nogo"');
    expect(html).toMatch(/<svg[^>]*>/);
    expect(html).toContain('Latency per check (ms)');
    const firstFail = html.indexOf('<code>INT-JWT-ALG-NONE</code>');
    const firstPass = html.indexOf('<code>INT-JWT-EXPIRED</code>');
    expect(firstFail).toBeGreaterThan(0);
    expect(firstFail).toBeLessThan(firstPass);
  });

  it('junit.xml: valid XML, a suite per layer plus criteria, right counts', async () => {
    const xml = await readFile(path.join(dir, 'junit.xml'), 'utf8');
    const root = parseXml(xml);
    expect(root.tag).toBe('testsuites');
    const suites = kids(root, 'testsuite');
    expect(suites.map((s) => s.attrib.name)).toEqual(['integration', 'security', 'criteria']);
    const a = suites[0].attrib;
    expect([a.tests, a.failures, a.errors, a.skipped]).toEqual(['4', '1', '1', '1']);
    const cases = kids(suites[0], 'testcase');
    expect(cases[1].attrib).toMatchObject({ classname: 'integration', name: 'INT-JWT-ALG-NONE title of INT-JWT-ALG-NONE' });
    expect(kid(cases[1], 'failure').attrib.message).toBe('alg none accepted');
    expect(kid(cases[1], 'failure').text).toContain('<script>alert(1)</script>');
    expect(kids(kid(cases[1], 'properties'), 'property').map((p) => p.attrib.value)).toEqual(expect.arrayContaining(['IT-API-2', 'SEC-2']));
    expect(kid(cases[2], 'error').attrib.message).toContain('ECONNREFUSED');
    expect(kid(cases[3], 'skipped').attrib.message).toContain('database');
    expect(Number(root.attrib.tests)).toBe(6 + report.criteria.length);
    const criteria = kids(suites[2], 'testcase');
    const func3 = criteria.find((c) => c.attrib.name.startsWith('FUNC-3 '));
    expect(func3 && kid(func3, 'failure')).toBeUndefined();
    const ops3 = criteria.find((c) => c.attrib.name.startsWith('OPS-3 '));
    expect(ops3 && kid(ops3, 'failure').attrib.message).toMatch(/^not evaluated \(blocking\)/);
  });

  it('allure-results: one result per check with status, labels and times', async () => {
    const adir = path.join(dir, 'allure-results');
    const files = (await readdir(adir)).filter((f) => f.endsWith('-result.json'));
    expect(files).toHaveLength(6);
    const results = await Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(adir, f), 'utf8'))));
    const byName = new Map(results.map((r) => [r.fullName, r]));
    const failed = byName.get('integration.INT-JWT-ALG-NONE');
    expect(failed).toMatchObject({ status: 'failed', stage: 'finished', statusDetails: { message: 'alg none accepted' } });
    expect(failed.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(files).toContain(`${failed.uuid}-result.json`);
    expect(failed.labels).toEqual(expect.arrayContaining([{ name: 'suite', value: 'integration' }, { name: 'feature', value: 'SEC-2' }]));
    expect(failed.stop - failed.start).toBe(12);
    expect(failed.attachments[0].source).toMatch(/-attachment\.txt$/);
    expect(byName.get('integration.INT-READYZ-DB').status).toBe('broken');
    expect(byName.get('integration.INT-DB-SCHEMA').status).toBe('skipped');
    expect(byName.get('security.SEC-HEADERS-europe').labels).toContainEqual({ name: 'tag', value: 'europe' });
    const env = await readFile(path.join(adir, 'environment.properties'), 'utf8');
    expect(env).toContain('gx-verify.verdict=NO-GO');
    expect(JSON.parse(await readFile(path.join(adir, 'executor.json'), 'utf8')).buildName).toBe(report.runId);
  });
});
