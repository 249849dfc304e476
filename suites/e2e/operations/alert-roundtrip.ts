import { CheckFailure, defineCheck, pass, skip, type CheckContext } from '../../../src/checks/define';
import type { EvidenceItem } from '../../../src/evidence/types';
import { alertingRules, firingAlerts, type PromAlert } from '../../../src/monitoring/client';
import { metricNames } from '../../../src/monitoring/promql';
import { clientFor, control } from './support';

interface Notification { receivedAt: number; payload: { status?: string; alerts?: Array<{ status?: string; labels?: Record<string, string> }> } }

const FIRE_WITHIN_MS = 30_000;
const DELIVER_WITHIN_MS = 20_000;
const RESOLVE_WITHIN_MS = 40_000;


async function poll<T>(ctx: CheckContext, withinMs: number, probe: () => Promise<T | null>): Promise<T | null> {
  const deadline = Math.min(Date.now() + withinMs, ctx.limits.deadline - 5_000);
  for (;;) {
    const v = await probe();
    if (v !== null || Date.now() >= deadline) return v;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const key = (labels: Record<string, string> = {}) => JSON.stringify(Object.entries(labels).sort());
/** An alert about the projector: a label names it (job, instance, service) or its rule reads a projector_ metric. */
const aboutProjector = (a: PromAlert, projectorRules: Set<string>) =>
  projectorRules.has(a.labels.alertname) || Object.values(a.labels).some((v) => /projector/i.test(v));

/**
 * OPS-ALERT-ROUNDTRIP (OPS-2, tested): induces a real outage in the sandbox — the projector is
 * killed through the control endpoint — and follows the alert all the way: firing in Prometheus,
 * delivered by Alertmanager to the webhook receiver, then (projector restarted) resolved in
 * Prometheus and the resolution delivered. Every leg is timed. Runs alone and always restarts
 * the projector.
 */
export const alertRoundTrip = defineCheck({
  id: 'OPS-ALERT-ROUNDTRIP',
  layer: 'e2e',
  title: 'An induced outage fires an alert that Alertmanager delivers, and its resolution is delivered too',
  criteria: ['OPS-2'],
  // It kills the projector: a deployment without the ledger stack has none to kill.
  needs: ['monitoring', 'sandbox', 'ledger'],
  exclusive: true,
  timeoutMs: 150_000,
  async run(ctx) {
    const prom = clientFor(ctx, 'prometheus');
    if (typeof prom === 'string') return skip(`Needs Prometheus to see the alert fire: ${prom}.`);
    if (typeof clientFor(ctx, 'alertmanager') === 'string') return skip('Needs the profile\'s monitoring.alertmanager: the round trip goes through it.');
    const evidence: EvidenceItem[] = [];
    const { rules } = await alertingRules(prom);
    const projectorRules = new Set(rules.filter((r) => metricNames(r.query).names.some((n) => n.startsWith('projector_'))).map((r) => r.name));
    const before = new Set((await firingAlerts(prom)).filter((a) => aboutProjector(a, projectorRules)).map((a) => key(a.labels)));
    const induced = Date.now();
    let restored = 0;
    const m: Record<string, number> = {};
    try {
      await control(ctx, 'POST', '/dr/projector/kill', evidence);
      const fired = await poll(ctx, FIRE_WITHIN_MS, async () =>
        (await firingAlerts(prom)).find((a) => a.state === 'firing' && aboutProjector(a, projectorRules) && !before.has(key(a.labels))) ?? null);
      if (!fired) throw new CheckFailure({ message: `No alert about the projector fired within ${FIRE_WITHIN_MS / 1000} s of killing it`, expected: 'an alert (target down or projector lag) firing in Prometheus', received: 'none', evidence });
      m.fireMs = Date.now() - induced;
      const name = fired.labels.alertname;
      const delivered = await poll(ctx, DELIVER_WITHIN_MS, async () => {
        const { notifications = [] } = await control<{ notifications?: Notification[] }>(ctx, 'GET', `/monitoring/notifications?since=${induced}`, []);
        return notifications.find((n) => n.payload.alerts?.some((x) => x.status === 'firing' && x.labels?.alertname === name)) ?? null;
      });
      if (!delivered) {
        throw new CheckFailure({
          message: `${name} fired in Prometheus ${m.fireMs} ms after the projector was killed, but Alertmanager delivered no notification to the receiver within ${DELIVER_WITHIN_MS / 1000} s`,
          expected: `a webhook notification for ${name}`, received: 'none', evidence, measurements: m,
        });
      }
      m.deliverMs = delivered.receivedAt - induced;

      await control(ctx, 'POST', '/dr/projector/restart', evidence);
      restored = Date.now();
      const cleared = await poll(ctx, RESOLVE_WITHIN_MS, async () =>
        ((await firingAlerts(prom)).some((a) => key(a.labels) === key(fired.labels)) ? null : Date.now()));
      if (!cleared) throw new CheckFailure({ message: `${name} still fires ${RESOLVE_WITHIN_MS / 1000} s after the projector was restarted`, evidence, measurements: m });
      m.resolveMs = cleared - restored;
      const resolution = await poll(ctx, DELIVER_WITHIN_MS, async () => {
        const { notifications = [] } = await control<{ notifications?: Notification[] }>(ctx, 'GET', `/monitoring/notifications?since=${restored}`, []);
        return notifications.find((n) => n.payload.alerts?.some((x) => x.status === 'resolved' && x.labels?.alertname === name)) ?? null;
      });
      if (!resolution) throw new CheckFailure({ message: `${name} resolved in Prometheus, but no resolved notification reached the receiver within ${DELIVER_WITHIN_MS / 1000} s`, evidence, measurements: m });
      m.resolvedDeliverMs = resolution.receivedAt - restored;
      m.totalMs = Date.now() - induced;
      evidence.push({ note: 'delivered notifications', response: JSON.stringify([delivered.payload, resolution.payload]).slice(0, 3000) });
      return pass({
        message: `projector killed → ${name} firing after ${m.fireMs} ms, delivered after ${m.deliverMs} ms; restarted → resolved after ${m.resolveMs} ms, resolution delivered after ${m.resolvedDeliverMs} ms`,
        measurements: m, evidence,
      });
    } finally {
      if (!restored) await control(ctx, 'POST', '/dr/projector/restart', []).catch(() => undefined);
    }
  },
});
