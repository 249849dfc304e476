import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRITERION_IDS } from '../../src/criteria/registry';
import { writeReports } from '../../src/report/index';
import { fixtureReport } from '../report/fixture-report';
import { cli, ROOT } from './helpers';

const FIXTURE_CHECKS = { GXV_CHECK_MODULES: path.join(ROOT, 'test/cli/fixture-checks.ts') };

describe('gx-verify checks / criteria', () => {
  it('checks --json lists id, layer, title, criteria and faults for each check', async () => {
    const r = await cli(['checks', '--json'], FIXTURE_CHECKS);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.map((c: any) => c.id)).toEqual(['FIX-HEALTH', 'FIX-REGION', 'FIX-DB', 'OPS-RUNBOOKS']);
    expect(list[0]).toEqual({
      id: 'FIX-HEALTH', layer: 'integration', title: 'identity answers /health', criteria: ['OPS-3'],
      endpoint: 'INF-1', needs: [], rules: [], perRegion: false, faults: [], owasp: [],
    });
    expect(list[2].needs).toEqual(['database']);
  });

  it('checks --json on the real layers names the faults that prove each check', async () => {
    const r = await cli(['checks', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ id: string; faults: string[] }>;
    for (const c of list) expect(Array.isArray(c.faults)).toBe(true);
    const proved = list.find((c) => c.id === 'INT-UNKNOWN-ROUTE');
    if (proved) expect(proved.faults).toContain('envelope-drift');
  });

  it('criteria --json lists every criterion with group, statement, blocking and linked checks', async () => {
    const r = await cli(['criteria', '--json'], FIXTURE_CHECKS);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.map((c: any) => c.id)).toEqual(CRITERION_IDS);
    const ops3 = list.find((c: any) => c.id === 'OPS-3');
    expect(ops3).toMatchObject({ group: 'operational', statement: 'Runbooks documented', blocking: true, checks: ['FIX-HEALTH', 'FIX-REGION', 'OPS-RUNBOOKS'] });
  });
});

describe('gx-verify report', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gxv-rerender-'));
    await writeReports(fixtureReport(), dir, ['json']);
  });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('re-renders md from report.json', async () => {
    const r = await cli(['report', dir, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(await readFile(path.join(dir, 'report.md'), 'utf8')).toContain('gx-verify: **NO-GO**');
  });

  it('renders an Allure HTML report with allure-commandline', async () => {
    const r = await cli(['report', dir, '--format', 'allure']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((await stat(path.join(dir, 'allure-report', 'index.html'))).isFile()).toBe(true);
  }, 120_000);

  it('exits 2 for a folder without report.json', async () => {
    const r = await cli(['report', path.join(dir, 'nope'), '--format', 'md']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No report.json');
  });
});
