import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '@playwright/test';
import { reporters } from '../../src/report';
import { launchChromium } from '../../suites/e2e/browser';
import { fixtureReport } from '../report/fixture-report';

// The HTML report must open offline in a real browser: every request other than the file itself is a defect.
describe('report.html in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(join(tmpdir(), 'gxv-html-'));
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('renders the verdict, criteria and failing checks with no network request and no script error', async () => {
    const report = fixtureReport();
    await reporters.html(report, dir);
    const page = await browser.newPage();
    const outside: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (req) => { if (!req.url().startsWith('file:')) outside.push(req.url()); });
    page.on('pageerror', (err) => pageErrors.push(err.message));

    await page.goto(pathToFileURL(join(dir, 'report.html')).href);

    await expect(page.locator('.banner').innerText()).resolves.toContain(report.verdict);
    const body = await page.locator('body').innerText();
    for (const criterion of report.criteria) expect(body).toContain(criterion.id);
    const failing = report.checks.filter((c) => c.status === 'fail');
    for (const check of failing) expect(body).toContain(check.id);
    // Hostile text from the fixture is shown as text, never executed as markup.
    expect(await page.locator('script').count()).toBe(0);
    expect(body).toContain('<script>alert(1)</script>');
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
    // Charts are inline SVG, present where measurements exist.
    expect(await page.locator('svg').count()).toBeGreaterThan(0);
    // Both OWASP matrices, every category a row with its status, "not covered" saying why.
    const owasp = await page.locator('#owasp').innerText();
    expect(owasp).toContain('OWASP Top 10 2021');
    expect(owasp).toContain('OWASP API Security Top 10 2023');
    await expect(page.locator('#owasp tr[class^="owasp-"]').count()).resolves.toBe(20);
  });

  it('shows the criteria summary before the table and a chart entry for every latency-bearing check', async () => {
    const report = fixtureReport();
    await reporters.html(report, dir);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    // One tile per criterion group, readable as text (no colour needed), above the criteria table.
    const tiles = page.locator('.tile');
    await expect(tiles.count()).resolves.toBe(4);
    const tileText = await page.locator('.tiles').innerText();
    for (const group of ['functional', 'performance', 'security', 'operational']) expect(tileText).toMatch(new RegExp(`${group}: \\d+ criteria`));
    expect(tileText).toMatch(/\d+ blocking: /);
    const glanceTop = await tiles.first().boundingBox();
    const tableTop = await page.locator('table').first().boundingBox();
    expect(glanceTop!.y).toBeLessThan(tableTop!.y);
    // Every check that measured a percentile has a labelled bar per percentile (a missing one says so).
    const chart = await page.locator('figure', { hasText: 'Latency per check' }).innerHTML();
    const latencyBearing = report.checks.filter((c) => Object.keys(c.measurements).some((k) => /^p\d+Ms$/.test(k)));
    expect(latencyBearing.length).toBeGreaterThan(0);
    for (const c of latencyBearing) {
      for (const [key, value] of Object.entries(c.measurements).filter(([k]) => /^p\d+Ms$/.test(k))) {
        expect(chart).toContain(`${c.id} ${key.replace(/Ms$/, '')}: ${value} ms`);
      }
    }
  });
});
