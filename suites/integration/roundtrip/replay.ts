import type pg from 'pg';
import { send } from '../../../src/clients/http';
import type { EvidenceItem } from '../../../src/evidence/types';
import { sleep, until, type RoundTrip } from './support/context';

/**
 * A command's event applied across projector restarts at the worst moments (PROJ-3, PROJ-4):
 * 1. the row its effect writes is locked, the command sent, and once PostgreSQL shows the
 *    projector blocked on that row (inside the event's effect transaction) the projector is
 *    restarted and the lock released — the effect and its checkpoint must roll back together and
 *    the event be applied once after the restart;
 * 2. once the effect is visible (the event is the checkpoint), a plain restart — a projector that
 *    resumes at the checkpoint block's start instead of after it replays the event, and a handler
 *    that is not idempotent applies it twice.
 */
export interface LockedRow { table: string; column: string; value: string }

export async function restartProjector(rt: RoundTrip, label: string, evidence: EvidenceItem[]): Promise<string | null> {
  const res = await send({ method: 'POST', baseUrl: rt.ctx.target.sandboxControl!, path: '/workers/projector/restart', note: `projector restart: ${label}`, timeoutMs: 30_000 });
  evidence.push(res.evidence);
  return res.status === 200 ? null : `the ${label} restart answered ${res.status}`;
}

/** Sends the command with its effect row locked, restarts inside the effect, then once more after it. Problems in words. */
export async function acrossRestarts(
  rt: RoundTrip, what: string, lock: LockedRow, sendCommand: () => Promise<string | null>, visible: (db: pg.Pool) => Promise<boolean>,
  evidence: EvidenceItem[], during?: (db: pg.Pool) => Promise<string[]>,
): Promise<string[]> {
  const problems: string[] = [];
  const locker = await rt.db.connect();
  try {
    await locker.query('BEGIN');
    await locker.query(`SELECT 1 FROM "${lock.table}" WHERE "${lock.column}" = $1 FOR UPDATE`, [lock.value]);
    const pid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const refused = await sendCommand();
    if (refused) return [`${what}: ${refused}`];
    const blocked = await until(async () => (await rt.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid])).rows[0].n !== '0', 20_000, 20);
    if (blocked === null) problems.push(`${what}: the projector never started applying the event within 20 s (nothing waited on ${lock.table} ${lock.value})`);
    else {
      // Mid-effect, nothing of the event may show yet (PROJ-8: its rows change together or not at all).
      if (during) problems.push(...(await during(rt.db)).map((p) => `${what}: ${p}`));
      const restarting = restartProjector(rt, `${what}, inside its effect transaction`, evidence);
      await sleep(300); // the route sets the kill flag at once; the blocked statement returns only after the release
      await locker.query('ROLLBACK');
      const failed = await restarting;
      if (failed) problems.push(failed);
    }
  } finally {
    await locker.query('ROLLBACK').catch(() => undefined);
    locker.release();
  }
  if ((await until(async () => visible(rt.db), 15_000, 20)) === null) return [...problems, `${what}: the effect never reached the read model after the restart (lost)`];
  const failed = await restartProjector(rt, `${what}, with the event as the checkpoint`, evidence);
  if (failed) problems.push(failed);
  await sleep(1_000); // a replaying projector re-applies the checkpoint block at once
  return problems;
}
