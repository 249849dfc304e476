import { buildReport } from '../../src/report/build';
import type { CheckResult } from '../../src/evidence/types';
import type { Report } from '../../src/report/types';
import { region, TEST_SECRET, testTarget } from '../run/fixture-target';

/** A fixed report: passes, fails, an error, a skip and a waiver, hostile text included. */
export function fixtureResults(): CheckResult[] {
  const r = (x: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status'>): CheckResult => ({
    layer: 'integration', title: `title of ${x.id}`, criteria: [], region: null, endpoint: null, durationMs: 12,
    message: '', measurements: {}, evidence: [], ...x,
  });
  return [
    r({ id: 'INT-JWT-EXPIRED', status: 'pass', criteria: ['IT-API-2'], measurements: { p50Ms: 4, p95Ms: 9 } }),
    r({
      id: 'INT-JWT-ALG-NONE', status: 'fail', criteria: ['IT-API-2', 'SEC-2'],
      message: 'alg none accepted\nexpected: 401\nreceived: 200',
      evidence: [{ note: 'expected: 401\nreceived: 200' }, {
        request: `GET http://127.0.0.1:3001/api/v1/users/me\nauthorization: Bearer ${TEST_SECRET}`,
        response: '200\n\n{"name":"<script>alert(1)</script>"}', reproduce: `curl -H 'Authorization: Bearer x' http://127.0.0.1:3001/`,
      }],
    }),
    r({ id: 'INT-READYZ-DB', status: 'error', criteria: ['FUNC-1'], message: 'fetch failed (connect ECONNREFUSED 127.0.0.1:3001)' }),
    r({ id: 'INT-DB-SCHEMA', status: 'skipped', criteria: ['FUNC-3'], message: 'Needs database access: the profile has no `database` section.' }),
    r({ id: 'SEC-HEADERS-asia', layer: 'security', status: 'pass', criteria: ['SEC-2'], region: 'asia', measurements: { p95Ms: 120, p50Ms: 40 } }),
    r({ id: 'SEC-HEADERS-europe', layer: 'security', status: 'fail', criteria: ['SEC-2'], region: 'europe', message: 'HSTS missing & <b>bold</b>' }),
  ];
}

export function fixtureReport(): Report {
  return buildReport({
    runId: '20250101T000000-abc123',
    startedAt: new Date('2025-01-01T00:00:00Z'),
    finishedAt: new Date('2025-01-01T00:01:00Z'),
    complete: true,
    target: testTarget({
      regions: [region('asia'), region('europe')],
      waivers: [{ criterion: 'FUNC-3', reason: 'schema checked by hand in release 1.2', approvedBy: 'release board' }],
    }),
    layers: ['integration', 'security'],
    results: fixtureResults(),
  });
}
