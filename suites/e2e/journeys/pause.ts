import pg from 'pg';
import { defineCheck, pass, type CheckContext } from '../../../src/checks/define';
import { tokenFor, worldOf } from '../support/actors';
import { PROJECTION_WAIT_MS, runJourney, type Journey } from '../support/journey';
import { balanceOf } from './user';

interface OutboxRow { status: string; errorCode: string | null; error: string | null }

async function terminalRow(j: Journey, db: pg.Pool, commandId: string): Promise<OutboxRow> {
  return j.until(`command ${commandId} to leave the outbox`, async () => {
    const { rows } = await db.query<OutboxRow>('SELECT "status", "errorCode", "error" FROM "OutboxCommand" WHERE "id" = $1', [commandId]);
    return rows[0] && (rows[0].status === 'COMMITTED' || rows[0].status === 'FAILED') ? rows[0] : null;
  }, 60_000, 200);
}

async function systemStatus(j: Journey, want: 'PAUSED' | 'ACTIVE'): Promise<void> {
  await j.until(`the system status to read ${want}`, async () => {
    const r = await j.call('admin', 'GET', '/api/v1/system/status');
    return r.status === 200 && r.body?.status?.paramValue === want ? true : null;
  }, PROJECTION_WAIT_MS);
}

/**
 * E2E-JOURNEY-PAUSE (IT-FAB-1, IT-FAB-4): an admin pauses the system (#28) through one regional
 * edge; once #32 reads PAUSED a user's transfer is accepted (202, CMD-3) but refused by the
 * ledger (§7.2: TRANSFER_TOKENS is rejected while paused): its outbox row ends FAILED and the
 * balance does not move. After resume (#29) the same transfer goes through and is projected.
 * Runs alone (it stops every command of the deployment meanwhile) and always resumes.
 */
export const pauseJourney = defineCheck({
  id: 'E2E-JOURNEY-PAUSE',
  layer: 'e2e',
  title: 'Admin pause refuses commands on the ledger, resume accepts them again, through each edge',
  criteria: ['IT-FAB-1', 'IT-FAB-4'],
  rules: ['CMD-3', 'OUT-7'],
  needs: ['writes', 'fixtures', 'database', 'edge', 'ledger'],
  fixtureItems: ['superAdmin', 'userA', 'userB'],
  perRegion: true,
  exclusive: true,
  timeoutMs: 120_000,
  async run(ctx) {
    const world = worldOf(ctx);
    const [admin, sender] = await Promise.all([tokenFor(ctx, world.users.superAdmin), tokenFor(ctx, world.users.userA)]);
    const db = new pg.Pool({ connectionString: ctx.target.database!.url, max: 2, allowExitOnIdle: true });
    db.on('error', () => undefined);
    let paused = false;
    try {
      const outcome = await runJourney(ctx, 'The pause journey', async (j) => {
        const transfer = async (label: string) => (await j.call('tokenomics', 'POST', '/api/v1/transfers', {
          token: sender, json: { fromUserId: world.users.userA.profileId, toUserId: world.users.userB.profileId, amount: '0.25', remark: `${label} ${ctx.runId}` }, expect: [202],
        })).body.commandId as string;
        const before = await balanceOf(j, sender, world.users.userA.profileId);
        await j.run('pause', () => j.call('admin', 'POST', '/api/v1/system/pause', { token: admin, json: { reason: `gx-verify journey ${ctx.runId}` }, expect: [202] }));
        paused = true;
        await j.run('paused', () => systemStatus(j, 'PAUSED'));
        const refusedId = await j.run('commandWhilePaused', () => transfer('paused'));
        const refused = await j.run('refusedByLedger', () => terminalRow(j, db, refusedId));
        if (refused.status !== 'FAILED') j.fail(`a transfer sent while the system was paused ended ${refused.status} instead of being refused by the ledger`, null);
        const during = await balanceOf(j, sender, world.users.userA.profileId);
        if (during !== before) j.fail(`the sender's balance moved from ${before} to ${during} while paused`, 'ERR-7');
        await j.run('resume', () => j.call('admin', 'POST', '/api/v1/system/resume', { token: admin, expect: [202] }));
        await j.run('active', () => systemStatus(j, 'ACTIVE'));
        paused = false;
        const acceptedId = await j.run('commandAfterResume', () => transfer('resumed'));
        const accepted = await j.run('committed', () => terminalRow(j, db, acceptedId));
        if (accepted.status !== 'COMMITTED') j.fail(`a transfer sent after resume ended ${accepted.status}: ${accepted.errorCode ?? ''} ${accepted.error ?? ''}`, null);
        await j.run('projected', () => j.until('the resumed transfer in the balance', async () => {
          const now = await balanceOf(j, sender, world.users.userA.profileId);
          return now !== null && now !== during ? now : null;
        }, PROJECTION_WAIT_MS));
        return `paused: the transfer was refused by the ledger (${refused.errorCode ?? 'FAILED'}: ${refused.error ?? ''}), balance unchanged; resumed: the next transfer committed and was projected, in ${ctx.region.name}`;
      });
      return pass(outcome);
    } finally {
      if (paused) await resumeBestEffort(ctx, admin);
      await db.end().catch(() => undefined);
    }
  },
});

/** A journey that broke while paused must not leave the deployment paused for everyone else. */
async function resumeBestEffort(ctx: CheckContext, admin: string): Promise<void> {
  const base = ctx.target.regions.find((r) => r.edgeUrl === null) ?? ctx.region;
  const { send } = await import('../../../src/clients/http');
  await send({ method: 'POST', baseUrl: base.serviceUrl('admin'), path: '/api/v1/system/resume', token: admin, ca: base.ca, connectTo: base.connectTo, timeoutMs: 10_000 })
    .catch(() => undefined);
}
