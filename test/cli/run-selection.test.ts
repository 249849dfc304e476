import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadPort } from '../run/fixture-target';
import { cli, healthServer, readJson, ROOT, writeProfile } from './helpers';

/** Verdict scope (--gate, --criteria), check selection (--checks, --rerun) and the run log. */
const FIXTURE_CHECKS = { GXV_CHECK_MODULES: path.join(ROOT, 'test/cli/fixture-checks.ts') };
let dir: string;
let health: Awaited<ReturnType<typeof healthServer>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gxv-cli-sel-'));
  health = await healthServer();
});
afterAll(async () => {
  health.server.close();
  await rm(dir, { recursive: true, force: true });
});

const statuses = (report: any) => Object.fromEntries(report.criteria.map((c: any) => [c.id, c.status]));

describe('gx-verify run: verdict scope', () => {
  it('--criteria judges only the selection; the others are out-of-scope, shown with what their evidence says', async () => {
    // No waivers: without a scope every unevaluated criterion would block.
    const profile = await writeProfile(dir, health.port, [...(await import('../../src/criteria/registry')).CRITERION_IDS]);
    const out = path.join(dir, 'scoped');
    const r = await cli(['run', '--profile', profile, '--out', out, '--criteria', 'OPS-3'], FIXTURE_CHECKS);
    expect(r.code).toBe(0);
    const report = await readJson(path.join(out, 'report.json'));
    expect(report.scope).toMatchObject({ name: null, criteria: ['OPS-3'] });
    const s = statuses(report);
    expect(s['OPS-3']).toBe('pass');
    expect(s['SEC-1']).toBe('out-of-scope');
    expect(report.criteria.find((c: any) => c.id === 'SEC-1').reason).toContain('its evidence says not-evaluated');
    expect(report.summary.criteria['out-of-scope']).toBe(report.criteria.length - 1);
  });

  it('a profile gate scopes the verdict and its layers; an unknown gate is exit 2 naming the gates', async () => {
    const profile = await writeProfile(dir, health.port, ['OPS-3'], { gates: { ops: { layers: ['integration', 'e2e'], criteria: ['OPS-*'] } } });
    const out = path.join(dir, 'gated');
    const r = await cli(['run', '--profile', profile, '--out', out, '--gate', 'ops'], FIXTURE_CHECKS);
    expect(r.code).toBe(0);
    const report = await readJson(path.join(out, 'report.json'));
    expect(report.scope).toMatchObject({ name: 'ops', criteria: ['OPS-1', 'OPS-2', 'OPS-3', 'OPS-4', 'OPS-5'], layers: ['integration', 'e2e'] });
    // FIX-REGION is a security check: outside the gate's layers, not run.
    expect(report.checks.map((c: any) => c.id)).toEqual(['FIX-HEALTH', 'FIX-DB', 'OPS-RUNBOOKS']);
    expect(statuses(report)['IT-API-1']).toBe('out-of-scope');

    const bad = await cli(['run', '--profile', profile, '--gate', 'nightly', '--out', path.join(dir, 'bad-gate')], FIXTURE_CHECKS);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown gate "nightly"; the gates are merge, nightly-load, pre-launch, ops.');
  });

  it('a profile gate selecting no criterion is rejected with its field path', async () => {
    const profile = await writeProfile(dir, health.port, ['OPS-3'], { gates: { typo: { criteria: ['OPZ-*'] } } });
    const r = await cli(['run', '--profile', profile, '--gate', 'typo', '--out', path.join(dir, 'typo')], FIXTURE_CHECKS);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gates.typo.criteria[0]');
  });
});

describe('gx-verify run: check selection and the run log', () => {
  it('--checks runs only the matching checks; the run log is written on every run', async () => {
    const profile = await writeProfile(dir, health.port);
    const out = path.join(dir, 'picked');
    const r = await cli(['run', '--profile', profile, '--out', out, '--checks', 'FIX-REG*,OPS-RUNBOOKS'], FIXTURE_CHECKS);
    expect(r.code, r.stderr).toBe(0);
    const report = await readJson(path.join(out, 'report.json'));
    expect(report.checks.map((c: any) => c.id)).toEqual(['FIX-REGION-local', 'FIX-REGION-second', 'OPS-RUNBOOKS']);
    expect(report.notes.join(' ')).toContain('Only the checks matching FIX-REG*, OPS-RUNBOOKS ran (--checks).');
    const log = await readFile(path.join(out, 'artifacts', 'run.log'), 'utf8');
    expect(log).toMatch(/start FIX-REGION-local \[security\]/);
    expect(log).toMatch(/done FIX-REGION-second pass \d+ ms/);
    expect(log).toMatch(/verdict GO/);

    const none = await cli(['run', '--profile', profile, '--out', path.join(dir, 'none'), '--checks', 'NOPE-*'], FIXTURE_CHECKS);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--checks NOPE-* matches no check');
  });

  it('--rerun runs again only what failed or errored in an earlier run', async () => {
    const port = await deadPort();
    const first = path.join(dir, 'first');
    await cli(['run', '--profile', await writeProfile(dir, port), '--out', first], FIXTURE_CHECKS);
    const earlier = await readJson(path.join(first, 'report.json'));
    expect(earlier.checks.filter((c: any) => c.status === 'error').map((c: any) => c.id)).toEqual(['FIX-HEALTH', 'FIX-REGION-local', 'FIX-REGION-second']);

    const again = path.join(dir, 'again');
    const r = await cli(['run', '--profile', await writeProfile(dir, health.port), '--out', again, '--rerun', first], FIXTURE_CHECKS);
    const report = await readJson(path.join(again, 'report.json'));
    expect(report.checks.map((c: any) => [c.id, c.status])).toEqual([['FIX-HEALTH', 'pass'], ['FIX-REGION-local', 'pass'], ['FIX-REGION-second', 'pass']]);
    expect(report.notes.join(' ')).toContain(`Rerun of ${earlier.runId}`);
    // A rerun judges what it ran: OPS-3's essential check passed earlier but was not run again.
    expect(r.code).toBe(1);
    expect(statuses(report)['OPS-3']).toBe('not-evaluated');
  });
});

describe('gx-verify run --gate pre-launch', () => {
  it('honours only waivers with an approver and an expiry, saying which it refused', async () => {
    const profile = await writeProfile(dir, health.port, ['OPS-3', 'FUNC-6'], {
      waivers: [
        { criterion: 'FUNC-6', reason: 'no monitoring yet', approvedBy: 'release board' },
        { criterion: 'PERF-4', reason: 'no history yet', approvedBy: 'release board', expires: '2999-01-01' },
      ],
    });
    const out = path.join(dir, 'pre-launch');
    const r = await cli(['run', '--profile', profile, '--out', out, '--gate', 'pre-launch'], FIXTURE_CHECKS);
    expect(r.code).toBe(1);
    const report = await readJson(path.join(out, 'report.json'));
    expect(report.notes.join(' ')).toContain('The waiver of FUNC-6 does not apply to the pre-launch gate: it has no expiry date');
    const s = statuses(report);
    expect(s['FUNC-6']).toBe('not-evaluated');
    expect(s['PERF-4']).toBe('waived');
  });
});
