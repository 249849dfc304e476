import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChecks } from '../../src/checks/registry';
import type { CheckDef } from '../../src/checks/define';
import { LAYERS, type CheckResult } from '../../src/evidence/types';
import type { Report } from '../../src/report/types';
import { runSession } from '../../src/run/session';

/**
 * The whole suite against a deployment gx-verify was not built against (issue 9 item 9), as
 * `gx-verify run --variant orm` runs it: the orm variant's database follows ORM conventions (its
 * own migrations table, updatedAt without a default, ORM-only NOT NULL columns, a role enum
 * without PARTNER_API, KycStatus without EXPIRED, absent advisory columns and tables, other index
 * names) and it runs no ledger or workers.
 */
let report: Report;
let checks: CheckDef[];
let results: CheckResult[];
const out = mkdtempSync(path.join(os.tmpdir(), 'gxv-orm-run-'));

beforeAll(async () => {
  checks = (await loadChecks([...LAYERS])).checks;
  report = (await runSession({ variant: 'orm', out, quick: false, signal: new AbortController().signal })).report;
  results = report.checks;
}, 900_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The check a result came from: its own id, or the longest id it extends with a region. */
const defOf = (r: CheckResult) => checks.filter((c) => r.id === c.id || (r.region && r.id === `${c.id}-${r.region}`))[0]!;
const byStatus = (status: CheckResult['status']) => results.filter((r) => r.status === status);
const PARTNER = 'Needs fixture item "partner": seeding failed: "UserProfile"."role" is of enum type "Role", which has no value PARTNER_API (it has USER, ADMIN, SUPER_ADMIN).';
const NO_LEDGER = /^Needs the ledger write path: the profile has no `fabric` section and no `workers` section, so nothing shows that commands reach a ledger/;

describe('the whole suite on the orm variant', () => {
  it('seeds every fixture item the schema can hold, and says why the one it cannot hold failed', () => {
    expect(report.fixtures).toMatchObject({ mode: 'seed' });
    const failed = report.fixtures!.items.filter((i) => i.status !== 'created');
    expect(failed).toEqual([{ item: 'partner', status: 'failed', detail: PARTNER.replace(/^Needs fixture item "partner": seeding failed: /, '').replace(/\.$/, '') }]);
    expect(report.fixtures!.items).toHaveLength(15);
  });

  it('skips no check for a fixture item it does not use, and every check that uses the missing one', () => {
    const fixtureSkips = byStatus('skipped').filter((r) => r.message.startsWith('Needs fixture item'));
    for (const r of fixtureSkips) expect(defOf(r).fixtureItems, r.id).toContain('partner');
    expect(fixtureSkips.map((r) => r.message)).toEqual(fixtureSkips.map(() => PARTNER));
    const usesPartner = results.filter((r) => defOf(r).fixtureItems?.includes('partner'));
    for (const r of usesPartner) expect(r.status, `${r.id}: ${r.message}`).toBe('skipped');
    expect(fixtureSkips.length).toBeGreaterThan(0);
  });

  it('every skip names its precise cause', () => {
    for (const r of byStatus('skipped')) {
      // "Needs …" and the profile field, fixture item or section that is missing, never a vague "did not run".
      expect(r.message, r.id).toMatch(/^Needs .*(`[^`]+`|"[a-zA-Z]+")/);
      expect(r.message).not.toMatch(/did not run|no fixture world/);
      if (r.message.startsWith('Needs fixture item')) expect(r.message).toBe(PARTNER);
      if (r.message.startsWith('Needs the ledger write path')) expect(r.message).toMatch(NO_LEDGER);
    }
  });

  it('no round-trip false alarm: without a ledger every round trip skips, saying so', () => {
    const roundTrips = results.filter((r) => defOf(r).needs?.includes('ledger'));
    expect(roundTrips.map((r) => r.id)).toEqual(expect.arrayContaining(['RT-CMD-CREATE_USER', 'RT-LAG', 'RT-STATUS-AGREEMENT', 'INT-DB-CONCURRENT-TRANSFERS']));
    expect(roundTrips.length).toBeGreaterThanOrEqual(34);
    for (const r of roundTrips) expect(`${r.id} ${r.status}: ${r.message}`).toMatch(new RegExp(`^${r.id} skipped: Needs (the ledger write path|fixture item)`));
  });

  it('no readiness false alarm: without a projector 503 not_ready is right (RDY-2/3), so nothing is blamed for it', () => {
    const readyz = results.find((r) => r.id === 'INT-INFRA-READYZ')!;
    expect(`${readyz.status}: ${readyz.message}`).toMatch(/^error: could not exercise: .*reported not_ready: projectionLag/);
    const cut = results.find((r) => r.id === 'INT-READYZ-DB')!;
    expect(`${cut.status}: ${cut.message}`).toMatch(/^pass: /);
  });

  it('the schema differences show only as INT-DB-SCHEMA / INT-DB-MIGRATIONS findings', () => {
    const schema = results.find((r) => r.id === 'INT-DB-SCHEMA')!;
    expect(schema.status).toBe('fail');
    expect(schema.message).toContain('enum "KycStatus" lacks value EXPIRED');
    const report = schema.evidence.map((e) => e.response ?? '').join('\n');
    for (const advisory of ['"OutboxCommand"."nextAttemptAt" is missing', 'table "HttpIdempotency" is missing', 'enum type "UserRole" is missing']) {
      expect(report).toContain(`ADVISORY (†) `);
      expect(report).toContain(advisory);
    }
    expect(results.find((r) => r.id === 'INT-DB-MIGRATIONS')).toMatchObject({ status: 'pass', measurements: { migrations: 2 } });
    const schemaWords = /nextAttemptAt|heartbeatAt|HttpIdempotency|KycStatus|PARTNER_API|"Role"|updatedAt|does not exist|violates|_prisma_migrations|UserProfile\.locale|Wallet\.version/;
    const others = results.filter((r) => ['fail', 'error', 'blocked'].includes(r.status) && !['INT-DB-SCHEMA', 'INT-DB-MIGRATIONS'].includes(r.id));
    for (const r of others) expect(`${r.id}: ${r.message}`).not.toMatch(schemaWords);
  });
});
