import { describe, expect, it } from 'vitest';
import { CRITERION_IDS } from '../../src/criteria/registry';
import { TEST_SECRET } from '../run/fixture-target';
import { fixtureReport } from './fixture-report';

describe('report.json builder', () => {
  it('follows schemaVersion 2 with summary counts and every criterion', () => {
    const report = fixtureReport();
    expect(Object.keys(report).sort()).toEqual(
      ['checks', 'complete', 'criteria', 'finishedAt', 'layers', 'owasp', 'runId', 'schemaVersion', 'startedAt', 'summary', 'target', 'verdict', 'waivers'],
    );
    expect(report.schemaVersion).toBe(2);
    expect(report.target).toEqual({ profile: 'test', regions: ['asia', 'europe'] });
    expect(report.summary.checks).toEqual({ pass: 2, fail: 2, error: 1, skipped: 1, blocked: 0 });
    expect(report.criteria.map((c) => c.id)).toEqual(CRITERION_IDS);
    const total = Object.values(report.summary.criteria).reduce((a, b) => a + b, 0);
    expect(total).toBe(CRITERION_IDS.length);
    for (const c of report.criteria) {
      expect(Object.keys(c).sort()).toEqual(['blocking', 'checks', 'group', 'id', 'reason', 'statement', 'status']);
    }
    expect(report.verdict).toBe('NO-GO');
  });

  it('applies waivers and links checks to criteria', () => {
    const report = fixtureReport();
    const byId = new Map(report.criteria.map((c) => [c.id, c]));
    expect(byId.get('FUNC-3')).toMatchObject({ status: 'waived', checks: ['INT-DB-SCHEMA'] });
    expect(byId.get('SEC-2')).toMatchObject({ status: 'fail', checks: ['INT-JWT-ALG-NONE', 'SEC-HEADERS-asia', 'SEC-HEADERS-europe'] });
    expect(byId.get('FUNC-1')?.status).toBe('fail');
    expect(byId.get('OPS-3')?.status).toBe('not-evaluated');
  });

  it('holds no secret value anywhere', () => {
    expect(JSON.stringify(fixtureReport())).not.toContain(TEST_SECRET);
  });
});
