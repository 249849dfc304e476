import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadPort } from '../run/fixture-target';
import { cli, filesUnder, healthServer, readJson, ROOT, SECRET, writeProfile } from './helpers';

const FIXTURE_CHECKS = { GXV_CHECK_MODULES: path.join(ROOT, 'test/cli/fixture-checks.ts') };
let dir: string;
let health: Awaited<ReturnType<typeof healthServer>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gxv-cli-'));
  health = await healthServer();
});
afterAll(async () => {
  health.server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('gx-verify run', () => {
  it('exits 0 with GO when every blocking criterion passes or is waived, and leaks no secret into any file', async () => {
    const profile = await writeProfile(dir, health.port);
    const out = path.join(dir, 'go');
    const r = await cli(['run', '--profile', profile, '--out', out], FIXTURE_CHECKS);
    expect(r.stderr).toContain('checks to run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`GO: ${out}/report.md`);
    const report = await readJson(path.join(out, 'report.json'));
    expect(report).toMatchObject({ schemaVersion: 2, verdict: 'GO', complete: true, target: { profile: 'cli-test', regions: ['local', 'second'] } });
    expect(report.checks.map((c: any) => [c.id, c.status])).toEqual([
      ['FIX-HEALTH', 'pass'], ['FIX-REGION-local', 'pass'], ['FIX-REGION-second', 'pass'], ['FIX-DB', 'skipped'], ['OPS-RUNBOOKS', 'pass'],
    ]);
    expect(report.criteria.find((c: any) => c.id === 'OPS-3').status).toBe('pass');
    expect(report.criteria.find((c: any) => c.id === 'IT-DB-1')).toMatchObject({ status: 'waived' });
    for (const f of ['report.md', 'report.html', 'junit.xml', 'allure-results/executor.json', 'artifacts/run.log', 'artifacts/FIX-HEALTH/secret.txt']) {
      expect(existsSync(path.join(out, f)), f).toBe(true);
    }
    const files = await filesUnder(out);
    expect(files.length).toBeGreaterThan(8);
    for (const file of files) expect(await readFile(file, 'utf8'), file).not.toContain(SECRET);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('exits 1 with a NO-GO report naming the refused connection when the target is down', async () => {
    const port = await deadPort();
    const profile = await writeProfile(dir, port);
    const out = path.join(dir, 'dead');
    const r = await cli(['run', '--profile', profile, '--out', out], FIXTURE_CHECKS);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NO-GO');
    const md = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(md).toContain(`connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(md).toContain('| OPS-3 | ❌ fail | yes |');
    expect(r.ms).toBeLessThan(30_000);
  });

  it('exits 2 for a malformed profile, listing every problem by field path, before any traffic', async () => {
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, [
      'name: broken',
      'regions:',
      '  - name: local',
      `    services: { identity: "http://127.0.0.1:${health.port}" }`,
      'auth: { mode: mint, secret: "inline-secret" }',
      'allowLoad: { maxRequests: -5, maxDurationS: 10 }',
      'surprise: true',
    ].join('\n'));
    const before = health.requests();
    const out = path.join(dir, 'bad-out');
    const r = await cli(['run', '--profile', file, '--out', out], FIXTURE_CHECKS);
    expect(r.code).toBe(2);
    for (const p of ['regions[0].services.tokenomics', 'auth.secret', 'allowLoad.maxRequests', 'surprise']) expect(r.stderr).toContain(p);
    expect(r.stderr).not.toContain('inline-secret');
    expect(health.requests()).toBe(before);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 for an unknown layer or region, and --faults with a real profile', async () => {
    const profile = await writeProfile(dir, health.port);
    const layer = await cli(['run', '--profile', profile, '--layers', 'integration,bogus'], FIXTURE_CHECKS);
    expect(layer.code).toBe(2);
    expect(layer.stderr).toContain('Unknown layer(s) bogus');
    const region = await cli(['run', '--profile', profile, '--regions', 'mars', '--out', path.join(dir, 'mars')], FIXTURE_CHECKS);
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('Unknown region(s) mars in --regions; the profile names local, second.');
    const faults = await cli(['run', '--profile', profile, '--faults', 'auth-alg-none'], FIXTURE_CHECKS);
    expect(faults.code).toBe(2);
    expect(faults.stderr).toContain('--faults is for the sandbox only');
  });

  it('on Ctrl-C writes a partial report (complete: false, NO-GO) within 5 s and exits 1', async () => {
    const profile = await writeProfile(dir, health.port);
    const out = path.join(dir, 'interrupted');
    let sentAt = 0;
    const r = await cli(['run', '--profile', profile, '--out', out],
      { GXV_CHECK_MODULES: path.join(ROOT, 'test/cli/fixture-slow-checks.ts') },
      (stderr, kill) => { if (!sentAt && stderr.includes('checks to run')) { sentAt = Date.now(); setTimeout(() => kill('SIGINT'), 300); } });
    expect(sentAt).toBeGreaterThan(0);
    expect(Date.now() - sentAt).toBeLessThan(5_300);
    expect(r.code).toBe(1);
    const report = await readJson(path.join(out, 'report.json'));
    expect(report.complete).toBe(false);
    expect(report.verdict).toBe('NO-GO');
    expect(report.checks).toHaveLength(6);
    expect(report.checks.filter((c: any) => c.status === 'error')).toHaveLength(4);
    expect(report.checks.filter((c: any) => c.message.startsWith('Not run'))).toHaveLength(2);
  });
});
