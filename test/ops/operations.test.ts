import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS } from '../../sandbox/faults/catalog';
import { explain, startE2eHarness, type E2eHarness } from '../e2e/harness';

/**
 * The operations checks on one sandbox with its monitoring (no edges: none of them goes through
 * the API edge): green on the clean sandbox, red with each monitoring fault, switched live.
 */
let h: E2eHarness;
beforeAll(async () => { h = await startE2eHarness('ops-checks', { edges: false }); }, 120_000);
afterAll(async () => { await h?.stop(); }, 60_000);

const STATIC = ['OPS-MONITORING-SECURED', 'E2E-MONITORING-UI', 'OPS-DASHBOARDS', 'OPS-ALERT-RULES', 'OPS-RUNBOOKS', 'OPS-REPO-SYNC'];

describe('operations checks on the sandbox', () => {
  it('pass on the clean sandbox; the 7-day uptime is not judged without a history', async () => {
    const results = await h.run([...STATIC, 'OPS-UPTIME-7D']);
    for (const id of STATIC) expect(results.get(id)?.status, explain(results.get(id))).toBe('pass');
    expect(results.get('OPS-ALERT-RULES')?.measurements.alertRules).toBe(6);
    expect(results.get('OPS-DASHBOARDS')?.measurements.panelQueries).toBeGreaterThan(8);
    const uptime = results.get('OPS-UPTIME-7D');
    expect(uptime?.status).toBe('skipped');
    expect(uptime?.message).toMatch(/monitoring\.uptimeQuery/);
  }, 120_000);

  const cases: Array<[string, RegExp]> = [
    ['monitoring-plain-http', /plain HTTP/],
    ['monitoring-anonymous', /without credentials/],
    ['alert-rule-missing', /no alert rule watches projector lag/],
    ['runbook-missing', /projector-lag\.md answers 404/],
    ['dashboard-metric-unknown', /gx_ledger_block_height, which no scrape target exports/],
    ['deployment-behind-remote', /but main on the remote is at/],
  ];
  for (const [fault, why] of cases) {
    it(`${fault} turns ${(FAULTS as Record<string, { checks: string[] }>)[fault].checks.join(', ')} red`, async () => {
      const named = (FAULTS as Record<string, { checks: string[] }>)[fault].checks;
      await h.sandbox.faults.set([fault]);
      try {
        const results = await h.run(named);
        for (const id of named) {
          const r = results.get(id);
          expect(r?.status, explain(r)).toBe('fail');
          expect([r?.message, ...(r?.findings ?? []).map((f) => f.text)].join('\n')).toMatch(why);
        }
      } finally {
        await h.sandbox.faults.set([]);
      }
    }, 120_000);
  }

  it('the alert round trip: induced, fired, delivered, resolved, each leg timed; a dropped route turns it red', async () => {
    const clean = (await h.run(['OPS-ALERT-ROUNDTRIP'])).get('OPS-ALERT-ROUNDTRIP');
    expect(clean?.status, explain(clean)).toBe('pass');
    for (const leg of ['fireMs', 'deliverMs', 'resolveMs', 'resolvedDeliverMs']) expect(clean?.measurements[leg]).toBeGreaterThan(0);
    await h.sandbox.faults.set(['alertmanager-route-dropped']);
    try {
      const red = (await h.run(['OPS-ALERT-ROUNDTRIP'])).get('OPS-ALERT-ROUNDTRIP');
      expect(red?.status, explain(red)).toBe('fail');
      expect(red?.message).toMatch(/fired in Prometheus .* but Alertmanager delivered no notification/);
    } finally {
      await h.sandbox.faults.set([]);
    }
  }, 180_000);
});
