import { CheckFailure, defineCheck, pass } from '../../../src/checks/define';
import { send } from '../../../src/clients/http';
import type { EvidenceItem } from '../../../src/evidence/types';
import { balances, freshPairs, PAIR_ITEMS, projectedRows, sendTransfer, waitProjected, waitTerminal, type Pair, type Sent } from './support/burst';
import { sleep, until, withRoundTrip, type RoundTrip } from './support/context';
import { add, same, sub } from './support/decimal';
import { watchRow } from './support/outbox';
import { WRITE_PATH } from './write-path';

const STREAMS = 4;
const PER_STREAM = 8;

/**
 * RT-RESTART (OPS-4, IT-FAB-3): STREAMS fresh senders each send PER_STREAM transfers one after
 * another while the projector is restarted twice through the sandbox control route: once plainly
 * mid-stream, and once while it is provably inside an effect transaction. For the second, the
 * check holds a row lock on the receiver wallet of one more transfer (T*) and waits until
 * PostgreSQL shows a backend blocked by that lock (pg_blocking_pids: the projector is applying T*
 * and its checkpoint for T* is not committed unless written early), asks for the restart, and
 * only then releases the lock, so the kill always lands inside T*'s effect transaction and never
 * by luck. Afterwards every committed transfer must show exactly one SENT and one RECEIVED row
 * and every balance must equal its start plus the committed movements: nothing lost (checkpoint
 * ahead of the effect) and nothing applied twice (replay without idempotent handlers).
 * Needs the sandbox (the restart route); runs alone, it stalls the projector for everyone.
 */
export const restartCheck = defineCheck({
  id: 'RT-RESTART',
  layer: 'integration',
  title: 'Projector restarts mid-stream (twice, one inside an effect transaction) lose nothing and apply nothing twice',
  criteria: ['OPS-4', 'IT-FAB-3'],
  needs: ['writes', 'database', 'fixtures', 'fabric', 'ledger', 'sandbox'],
  fixtureItems: PAIR_ITEMS,
  rules: ['PROJ-3', 'PROJ-4'],
  dependsOn: WRITE_PATH,
  exclusive: true,
  timeoutMs: 180_000,
  async run(ctx) {
    return withRoundTrip(ctx, 'restart', async (rt) => {
      const pairs = await freshPairs(rt, STREAMS + 1, 'k');
      const lockPair = pairs[STREAMS];
      const users = pairs.flatMap((p) => [p.from, p.to]);
      const before = await balances(rt.db, users);
      const sent: Sent[] = [];
      const evidence: EvidenceItem[] = [];
      const problems: string[] = [];
      const restart = async (label: string) => {
        const res = await send({ method: 'POST', baseUrl: ctx.target.sandboxControl!, path: '/workers/projector/restart', note: `RT-RESTART ${label}`, timeoutMs: 30_000 });
        evidence.push(res.evidence);
        if (res.status !== 200) problems.push(`the ${label} restart answered ${res.status}`);
      };
      const streaming = Promise.all(pairs.slice(0, STREAMS).map((p, k) => stream(rt, p, k, sent)));

      // Restart 1: plainly, mid-stream, once a few transfers went through.
      await until(async () => sent.length >= STREAMS * 2, 30_000, 20);
      await restart('first (mid-stream)');

      // Restart 2: inside T*'s effect transaction (see above).
      const locker = await rt.db.connect();
      let blockedSeen = false;
      try {
        await locker.query('BEGIN');
        await locker.query(`SELECT 1 FROM "Wallet" WHERE "walletId" = $1 FOR UPDATE`, [lockPair.to.walletId]);
        const pid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        sent.push(await sendTransfer(rt, lockPair, '1', `${rt.prefix} locked`));
        blockedSeen = (await until(async () => (await rt.db.query<{ n: string }>(
          'SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid])).rows[0].n !== '0', 20_000, 20)) !== null;
        if (!blockedSeen) problems.push('the projector never started applying the locked transfer within 20 s (no backend waited on its wallet row)');
        else {
          const restarting = restart('second (inside an effect transaction)');
          // The route sets the kill flag at once; the blocked statement can only return after the release.
          await sleep(1_000);
          await locker.query('ROLLBACK');
          await restarting;
        }
      } finally {
        await locker.query('ROLLBACK').catch(() => undefined);
        locker.release();
      }
      await streaming;

      const rows = await waitTerminal(rt.db, sent.map((s) => s.commandId), 30_000);
      const committed = sent.filter((s) => rows.get(s.commandId)?.status === 'COMMITTED');
      for (const s of sent) if (!committed.includes(s)) problems.push(`"${s.remark}" ended ${rows.get(s.commandId)?.status ?? 'missing'}`);
      const lost = new Set(await waitProjected(rt.db, committed, 10_000));
      const after = await balances(rt.db, users);
      const want = new Map(before);
      for (const s of committed) {
        const row = rows.get(s.commandId)!;
        if (lost.has(s)) { problems.push(`"${s.remark}" committed in block ${row.commitBlock} but never reached the read model (lost across a restart)`); continue; }
        const r = await projectedRows(rt.db, s);
        if (r.sent.length !== 1 || r.received.length !== 1) problems.push(`"${s.remark}": ${r.sent.length} SENT and ${r.received.length} RECEIVED rows, expected 1 and 1`);
        const fee = String(rt.events.get(row.fabricTxId ?? '')?.find((e) => e.name === 'TransferCompleted')?.payload.fee ?? r.sent[0]?.fee ?? '0');
        want.set(s.pair.from.profileId, sub(want.get(s.pair.from.profileId)!, add(s.amount, fee)));
        want.set(s.pair.to.profileId, add(want.get(s.pair.to.profileId)!, s.amount));
      }
      for (const u of users) {
        if (!same(after.get(u.profileId), want.get(u.profileId))) problems.push(`${u.email}: balance ${after.get(u.profileId)}, expected ${want.get(u.profileId)}`);
      }
      const measurements = { transfers: sent.length, committed: committed.length, lost: lost.size, restarts: evidence.length, killedInsideEffect: blockedSeen };
      if (problems.length) {
        throw new CheckFailure({
          message: `${problems.length} problem(s) after 2 projector restarts: ${problems.slice(0, 6).join('; ')}${problems.length > 6 ? '; …' : ''}`,
          expected: 'every committed transfer projected exactly once, balances exact', received: `${lost.size} lost, ${problems.length} problem(s)`, evidence, measurements,
          // Every problem kept (the message shows the first ones): lost or doubled effects break PROJ-3/PROJ-4.
          findings: problems.map((text) => ({ rule: 'PROJ-4', text, component: 'worker' as const })),
        });
      }
      return pass({ message: `${committed.length} transfers committed across 2 projector restarts (one inside an effect transaction): each projected exactly once, balances exact`, measurements, evidence });
    });
  },
});

/** One sender's transfers, each sent once the previous one committed (one sender never races itself). */
async function stream(rt: RoundTrip, pair: Pair, k: number, sent: Sent[]): Promise<void> {
  for (let i = 0; i < PER_STREAM; i++) {
    const s = await sendTransfer(rt, pair, '1', `${rt.prefix} stream ${k}.${i}`);
    sent.push(s);
    await watchRow(rt.db, s.commandId, 30_000, { everyMs: 20 });
  }
}
