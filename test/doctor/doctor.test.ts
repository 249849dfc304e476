import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type StartedSandbox } from '../../sandbox/index';
import { inspectTarget, renderDiagnosis, targetProblems, type TargetDiagnosis } from '../../src/doctor/index';
import { parseProfileData } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import { cli } from '../cli/helpers';

/**
 * `doctor --profile` on the orm variant (issue 9 item 7): before any write it reaches each region,
 * gets a token accepted, reads the schema's differences from §14 and the fixture items seeding
 * could write, and lists what will be skipped and why.
 */
let sandbox: StartedSandbox;
let diagnosis: TargetDiagnosis;
let profileFile: string;
const dir = mkdtempSync(path.join(os.tmpdir(), 'gxv-doctor-'));

const counts = async () => {
  const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ n: number }>(`SELECT (SELECT count(*) FROM "UserProfile") + (SELECT count(*) FROM "OutboxCommand") + (SELECT count(*) FROM "SystemParameter") AS n`);
    return Number(rows[0].n);
  } finally {
    await pool.end();
  }
};

beforeAll(async () => {
  sandbox = await startSandbox({ variant: 'orm', ports: 'free', edges: false });
  profileFile = path.join(dir, 'orm.yaml');
  sandbox.writeProfile(profileFile);
  const parsed = parseProfileData(sandbox.profileDocument(), sandbox.tempDir);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const before = await counts();
  diagnosis = await inspectTarget(resolveTarget(parsed.profile));
  expect(await counts()).toBe(before); // read only
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('doctor --profile on the orm variant', () => {
  it('reaches the region, gets a token accepted and reads the database', () => {
    expect(diagnosis.regions).toEqual([expect.objectContaining({ name: 'local', ok: true, detail: '7 of 7 services answered /health directly' })]);
    expect(diagnosis.auth).toEqual({ ok: true, detail: 'a minted token passed authentication on I5 in region local (404)' });
    expect(diagnosis.database).toMatchObject({ ok: true, migrations: '_prisma_migrations: 2 migration(s), 0 unfinished' });
    expect(diagnosis.ledger).toBeNull();
    expect(targetProblems(diagnosis)).toEqual([]);
  });

  it('summarizes the schema\'s differences from §14 and the fixture item they cost', () => {
    expect(diagnosis.database!.differences.blocking).toEqual(['enum "KycStatus" lacks value EXPIRED']);
    expect(diagnosis.database!.differences.advisory).toEqual(expect.arrayContaining(['column "OutboxCommand"."nextAttemptAt" is missing', 'table "HttpIdempotency" is missing']));
    expect(diagnosis.database!.fixtures.filter((i) => i.status === 'failed')).toEqual([
      { item: 'partner', status: 'failed', detail: '"UserProfile"."role" is of enum type "Role", which has no value PARTNER_API (it has USER, ADMIN, SUPER_ADMIN)' },
    ]);
  });

  it('lists what will be skipped and why, and the criteria that cannot pass', () => {
    const integration = diagnosis.coverage.layers.find((l) => l.layer === 'integration')!;
    const reasons = new Map(integration.skipped.map((s) => [s.reason, s.checks]));
    expect([...reasons.keys()].find((r) => r.startsWith('Needs fixture item "partner": seeding would fail'))).toBeTruthy();
    expect(integration.skipped.find((s) => s.reason.startsWith('Needs fixture item'))!.checks).toEqual(['INT-AUTHZ-ROLES']);
    const ledger = integration.skipped.filter((s) => s.reason.startsWith('Needs the ledger write path')).flatMap((s) => s.checks);
    expect(ledger).toEqual(expect.arrayContaining(['RT-CMD-CREATE_USER', 'RT-LAG', 'INT-DB-CONCURRENT-TRANSFERS']));
    expect(integration.runnable + integration.skipped.flatMap((s) => s.checks).length).toBe(integration.total);
    expect(diagnosis.coverage.criteria.find((c) => c.id === 'IT-FAB-1')).toMatchObject({ status: 'not-evaluated' });
    const text = renderDiagnosis(diagnosis);
    expect(text).toContain('DIFF enum "KycStatus" lacks value EXPIRED (INT-DB-SCHEMA fails on it)');
    expect(text).toContain('cannot seed partner:');
    expect(text).toMatch(/integration: \d+ of \d+ checks can run/);
  });

  it('the command: exit 0 with the target section; a bad profile exits 2 before any traffic', async () => {
    const ok = await cli(['doctor', '--profile', profileFile]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('target sandbox (read only: nothing was written)');
    expect(ok.stdout).toContain('skipped (1): Needs fixture item "partner"');
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: x\nregions: []\nauth: { mode: mint, secret: { env: NOPE } }\nfixtures: { mode: sometimes }\n');
    const res = await cli(['doctor', '--profile', bad]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/fixtures\.mode/);
    expect(res.stderr).toMatch(/regions: at least one region/);
  });
});

describe('doctor --profile on a target that does not answer', () => {
  it('names every part it could not reach and exits 1, without a database section to read', async () => {
    const closed = 'http://127.0.0.1:9';
    const services = Object.fromEntries(['identity', 'tokenomics', 'organization', 'loanpool', 'governance', 'admin', 'tax'].map((k) => [k, closed]));
    const file = path.join(dir, 'dead.json');
    writeFileSync(file, JSON.stringify({ name: 'dead', regions: [{ name: 'far', services }], auth: { mode: 'mint', secret: { env: 'GXV_DOCTOR_SECRET' } } }));
    const res = await cli(['doctor', '--profile', file], { GXV_DOCTOR_SECRET: 'doctor-secret-0123456789abcdef-0123456789' });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('PROBLEM region far: 0 of 7 services answered /health directly');
    expect(res.stdout).toMatch(/PROBLEM token: I5 in region far: .*ECONNREFUSED/);
    expect(res.stdout).toContain('absent  database: no `database` section');
    expect(res.stdout).toContain('Needs seeded fixtures: the profile has no `database` section');
    expect(res.stderr).toContain('2 part(s) of the target could not be reached');
    expect(res.stdout + res.stderr).not.toContain('doctor-secret-0123456789abcdef');
  });
});
