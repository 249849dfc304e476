import { randomBytes, randomUUID } from 'node:crypto';
import { defineCheck, skip } from '../../../src/checks/define';
import { send, type HttpExchange } from '../../../src/clients/http';
import { samplesOf } from '../../../src/clients/prom-text';
import { brief } from '../support/envelope';
import { Problems } from '../support/problems';
import { until, withRoundTrip } from './support/context';

/** How long the projector may take to acknowledge the event (it has nothing to apply). */
const ACK_WITHIN_MS = 20_000;

interface Checkpoint { block: number; index: number }

/** `projector_events_processed_total{event_name=<name>,status=<status>}` in a /metrics text; 0 when absent. */
export function processedCount(metrics: string, eventName: string, status: string): number {
  return samplesOf(metrics, 'projector_events_processed_total')
    .filter((x) => x.labels.event_name === eventName && x.labels.status === status && Number.isFinite(x.value))
    .reduce((total, x) => total + x.value, 0);
}

/**
 * RT-UNKNOWN-EVENT (PROJ-6): the sandbox control commits one ledger transaction whose only
 * chaincode event has a fresh name outside the §8.2 catalog, with a payload shaped like a
 * UserCreated for a fresh userId (POST /ledger/emit-event). The projector must acknowledge it:
 * its checkpoint reaches the event's (block, eventIndex) within ACK_WITHIN_MS, /metrics counts
 * it once as `ignored` under its name (§10), and the read model shows nothing of it (no profile or
 * wallet for the userId, no Transaction row of the txId). Only the sandbox can put such an event on
 * the ledger: on any other target the check is skipped with that cause.
 */
export const unknownEventCheck = defineCheck({
  id: 'RT-UNKNOWN-EVENT',
  layer: 'integration',
  title: 'An event name outside the catalog is acknowledged: checkpoint past it, counted ignored, read model unchanged',
  criteria: ['IT-FAB-3'],
  needs: ['writes', 'database', 'fabric', 'ledger', 'sandbox'],
  rules: ['PROJ-6'],
  timeoutMs: 60_000,
  async run(ctx) {
    const projector = ctx.target.workers?.projector;
    if (!projector) return skip('Needs the projector\'s /metrics to see the event counted `ignored`: the profile has no `workers.projector`.');
    const channel = ctx.target.fabric!.channel;
    return withRoundTrip(ctx, 'unknown', async (rt) => {
      const problems = new Problems(ctx);
      const eventName = `GxvUnknownEvent_${randomBytes(4).toString('hex')}`;
      const userId = randomUUID();
      const emitted: HttpExchange = await send({
        method: 'POST', baseUrl: ctx.target.sandboxControl!, path: '/ledger/emit-event', timeoutMs: 20_000,
        json: { eventName, payload: { userId, countryCode: 'ZZ', biometricHash: `gxv-${userId}`, email: `${userId}@gxv.test` } },
        note: `sandbox control: commit an event named ${eventName} (outside the catalog)`,
      });
      if (emitted.status === 404) return skip(`Needs a sandbox that can put an event outside the catalog on its ledger: the control answered 404 (${brief(emitted)}).`);
      const at = emitted.body as { txId?: unknown; block?: unknown } | undefined;
      if (emitted.status !== 200 || typeof at?.txId !== 'string' || typeof at.block !== 'number') throw new Error(`the sandbox control did not emit the event: ${brief(emitted)}`);
      const { txId, block } = at as { txId: string; block: number };
      problems.sample(emitted);
      // The event's position among the chaincode's events of its block (PROJ-2), as the projector numbers it.
      const events = await rt.fabric!.events(block, (evs) => evs.some((e) => e.txId === txId), 10_000);
      const index = events.filter((e) => e.blockNumber === block).findIndex((e) => e.txId === txId);
      if (index < 0) throw new Error(`the emitted event (tx ${txId}) is not among the chaincode events of block ${block}`);
      const position: Checkpoint = { block, index };
      Object.assign(problems.measurements, { eventName, block, eventIndex: index });

      let checkpoint: Checkpoint | null = null;
      const readCheckpoint = async () => {
        const { rows } = await rt.db.query<{ lastBlock: string; lastEventIndex: number }>(
          `SELECT "lastBlock"::text AS "lastBlock", "lastEventIndex" FROM "ProjectorState" WHERE "tenantId" = $1 AND "projectorName" = 'main-projector' AND "channel" = $2`,
          [ctx.target.tenantId, channel],
        );
        checkpoint = rows[0] ? { block: Number(rows[0].lastBlock), index: rows[0].lastEventIndex } : null;
        return checkpoint;
      };
      const past = (c: Checkpoint | null) => c !== null && (c.block > position.block || (c.block === position.block && c.index >= position.index));
      const started = Date.now();
      const reached = await until(async () => past(await readCheckpoint()), ACK_WITHIN_MS, 50);
      const metrics = await send({ method: 'GET', baseUrl: projector, path: '/metrics', note: 'projector /metrics' });
      const ignored = processedCount(metrics.text, eventName, 'ignored');
      const failed = processedCount(metrics.text, eventName, 'failed');
      const shown = (c: Checkpoint | null) => (c ? `(${c.block}, ${c.index})` : 'absent');
      Object.assign(problems.measurements, { ackMs: reached === null ? null : reached - started, ignored, failed, checkpoint: shown(checkpoint) });
      problems.judged();
      const eventShown = { note: 'the emitted event', response: `tx ${txId}, block ${block}, eventIndex ${index}, name ${eventName}` };
      if (reached === null) {
        problems.add({ rule: 'PROJ-6', component: 'worker', text: `the projector did not acknowledge the event named ${eventName} (block ${block}, eventIndex ${index}): its checkpoint was still ${shown(checkpoint)} ${ACK_WITHIN_MS / 1000} s later${failed ? `, and /metrics counts it failed ${failed} time(s)` : ''}` }, emitted, eventShown, metrics);
      } else if (metrics.status !== 200 || ignored !== 1) {
        problems.add({ rule: 'PROJ-6', component: 'worker', text: `/metrics counts the event named ${eventName} ignored ${ignored} time(s) (expected once${failed ? `; failed ${failed}` : ''})` }, metrics);
      } else problems.sample(metrics);
      // No read-model change: nothing for the fresh userId, no Transaction row of the transaction.
      const { rows } = await rt.db.query<{ what: string; n: number }>(
        `SELECT 'UserProfile' AS what, count(*)::int AS n FROM "UserProfile" WHERE "profileId"::text = $1
         UNION ALL SELECT 'Wallet', count(*)::int FROM "Wallet" WHERE "profileId"::text = $1
         UNION ALL SELECT 'Transaction', count(*)::int FROM "Transaction" WHERE "onChainTxId" LIKE $2`,
        [userId, `${txId}%`],
      );
      const changed = rows.filter((r) => r.n > 0);
      problems.judged();
      if (changed.length) problems.add({ rule: 'PROJ-6', component: 'worker', text: `the event named ${eventName} changed the read model: ${changed.map((r) => `${r.n} ${r.what} row(s)`).join(', ')}` }, emitted, eventShown);
      return problems.finish(
        `the event named ${eventName} was acknowledged in ${problems.measurements.ackMs} ms (checkpoint ${shown(checkpoint)}), counted ignored once, no read-model change`,
        'checkpoint past the event, projector_events_processed_total{status="ignored"} 1 for its name, no read-model row for it',
      );
    });
  },
});
