import type pg from 'pg';
import { defineCheck, pass, type CheckContext } from '../../../src/checks/define';
import { SERVICE_KEYS } from '../../../src/catalog/services';
import { withDb } from '../support/db';
import { isObject } from '../support/envelope';
import { askService } from '../support/answers';
import { world } from '../support/requests';
import { ROUTED } from '../support/routing';

/**
 * INT-READYZ-PROJECTOR (RDY-2, RDY-3; issue 10 item 4): /readyz under each unready condition of
 * the projector row — missing, a stale heartbeat, lagMs over the threshold — answers 503 not_ready
 * with projectionLag unhealthy on every service, and an idle projector (fresh heartbeat, lagMs 0, its
 * checkpoint row last moved an hour ago) answers 200 ready (RDY-4). The condition is written and committed, then the
 * table is locked (SHARE ROW EXCLUSIVE: readers go on, the projector's own heartbeat waits) while
 * the services are asked, and the row is put back before the lock is released. Sandbox only:
 * it changes the target's own readiness; alone, since every service is not ready meanwhile.
 */
interface Saved { tenantId: string; projectorName: string; channel: string; lastBlock: string | null; lastEventIndex: number | null; heartbeatAt: string | null; lagMs: number | null }
/** A row state the services must answer for: not ready (RDY-2), or, with `ready`, ready (RDY-4). */
interface Condition { name: string; rule: string; apply: string; still: string; ready?: true }

const KEY = `"tenantId" = $1 AND "projectorName" = 'main-projector' AND "channel" = 'gxchannel'`;
const CONDITIONS: Condition[] = [
  { name: 'no ProjectorState row', rule: 'RDY-2', apply: `DELETE FROM "ProjectorState" WHERE ${KEY}`, still: `SELECT NOT EXISTS (SELECT 1 FROM "ProjectorState" WHERE ${KEY}) AS ok` },
  { name: 'a heartbeat an hour old', rule: 'RDY-2', apply: `UPDATE "ProjectorState" SET "heartbeatAt" = now() - interval '1 hour' WHERE ${KEY}`, still: `SELECT "heartbeatAt" < now() - interval '30 minutes' AS ok FROM "ProjectorState" WHERE ${KEY}` },
  { name: 'lagMs of 10 minutes', rule: 'RDY-2', apply: `UPDATE "ProjectorState" SET "lagMs" = 600000, "heartbeatAt" = now() WHERE ${KEY}`, still: `SELECT "lagMs" >= 600000 AS ok FROM "ProjectorState" WHERE ${KEY}` },
  // RDY-4: idle for an hour (the checkpoint row last moved then) yet heartbeating with nothing pending.
  {
    name: 'an idle projector (fresh heartbeat, lagMs 0, last checkpoint an hour ago)', rule: 'RDY-4', ready: true,
    apply: `UPDATE "ProjectorState" SET "heartbeatAt" = now(), "lagMs" = 0, "updatedAt" = now() - interval '1 hour' WHERE ${KEY}`,
    still: `SELECT "heartbeatAt" > now() - interval '1 second' AND "lagMs" = 0 AND "updatedAt" < now() - interval '30 minutes' AS ok FROM "ProjectorState" WHERE ${KEY}`,
  },
];

async function restore(c: pg.Client, tenantId: string, saved: Saved): Promise<void> {
  await c.query(
    `INSERT INTO "ProjectorState" ("tenantId", "projectorName", "channel", "lastBlock", "lastEventIndex", "heartbeatAt", "lagMs")
     VALUES ($1, $2, $3, $4, $5, now(), $6)
     ON CONFLICT ("tenantId", "projectorName", "channel") DO UPDATE SET "lastBlock" = EXCLUDED."lastBlock", "lastEventIndex" = EXCLUDED."lastEventIndex",
       "heartbeatAt" = now(), "lagMs" = EXCLUDED."lagMs", "updatedAt" = now()`,
    [tenantId, saved.projectorName, saved.channel, saved.lastBlock, saved.lastEventIndex, saved.lagMs ?? 0],
  );
}

async function underCondition(ctx: CheckContext, c: pg.Client, tenantId: string, cond: Condition): Promise<void> {
  const saved = (await c.query<Saved>(`SELECT *, "lastBlock"::text AS "lastBlock" FROM "ProjectorState" WHERE ${KEY}`, [tenantId])).rows[0];
  if (!saved) throw new Error('the ProjectorState row of main-projector is missing before the check: the target is not ready to begin with');
  // The projector rewrites its heartbeat every second: retry until the condition holds under the lock.
  for (let attempt = 1; ; attempt++) {
    await c.query(cond.apply, [tenantId]);
    await c.query('BEGIN');
    try {
      await c.query('LOCK TABLE "ProjectorState" IN SHARE ROW EXCLUSIVE MODE');
      const holds = (await c.query<{ ok: boolean }>(cond.still, [tenantId])).rows[0]?.ok === true;
      if (holds || attempt === 5) {
        if (!holds) throw new Error(`could not hold "${cond.name}": the projector rewrote its row 5 times`);
        await askEveryService(ctx, cond);
      }
      await restore(c, tenantId, saved);
      await c.query('COMMIT');
      if (holds) return;
    } catch (error) {
      await c.query('ROLLBACK').catch(() => undefined);
      await restore(c, tenantId, saved);
      throw error;
    }
  }
}

async function askEveryService(ctx: CheckContext, cond: Condition): Promise<void> {
  await Promise.all(SERVICE_KEYS.map(async (service) => {
    const { res, answer } = await askService(ctx, service, { method: 'GET', path: '/readyz', note: `${service} /readyz with ${cond.name}`, timeoutMs: 5000 });
    // Only the service's own /readyz is judged: an edge page (its 503 included) is not the service's readiness.
    if (!res || !answer.expected) return ctx.observe.unusable(answer.kind);
    ctx.observe.judged();
    const lag = isObject(res.body) && isObject(res.body.checks) && isObject(res.body.checks.projectionLag) ? res.body.checks.projectionLag.status : undefined;
    const status = isObject(res.body) ? JSON.stringify(res.body.status) : 'no document';
    const wrong = cond.ready
      ? (res.status !== 200 ? { rule: cond.rule, text: `answered ${res.status} (${status}) instead of 200 ready` }
        : lag !== 'healthy' ? { rule: 'RDY-3', text: `answered 200 but checks.projectionLag.status is ${JSON.stringify(lag)}, not "healthy"` } : null)
      : (res.status !== 503 ? { rule: cond.rule, text: `answered ${res.status} (${status}) instead of 503 not_ready` }
        : lag !== 'unhealthy' ? { rule: 'RDY-3', text: `answered 503 but checks.projectionLag.status is ${JSON.stringify(lag)}, not "unhealthy"` } : null);
    if (wrong) ctx.findings.add({ rule: wrong.rule, endpoint: 'INF-2', text: `${service} /readyz with ${cond.name}: ${wrong.text}`, evidence: [res.evidence] });
  }));
}

export const readyzProjectorCheck = defineCheck({
  id: 'INT-READYZ-PROJECTOR',
  layer: 'integration',
  title: '/readyz answers 503 not_ready with no projector row, a stale heartbeat, or lag over the threshold (RDY-2, RDY-3), and 200 ready for an idle projector (RDY-4)',
  criteria: ['FUNC-1', 'FUNC-2', 'OPS-2'],
  rules: ['RDY-2', 'RDY-3', 'RDY-4'],
  needs: ['fixtures', 'database', 'sandbox'],
  dependsOn: ROUTED,
  exclusive: true,
  timeoutMs: 60_000,
  async run(ctx) {
    const tenantId = world(ctx).tenantId;
    await withDb(ctx, async (c) => {
      for (const cond of CONDITIONS) await underCondition(ctx, c, tenantId, cond);
    });
    return pass({ message: `every service answered 503 not_ready under each of ${CONDITIONS.filter((c) => !c.ready).map((c) => c.name).join(', ')}, and 200 ready ${CONDITIONS.filter((c) => c.ready).map((c) => `with ${c.name}`).join(', ')}` });
  },
});
