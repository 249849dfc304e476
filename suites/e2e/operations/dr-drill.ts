import { CheckFailure, defineCheck, pass } from '../../../src/checks/define';
import type { EvidenceItem } from '../../../src/evidence/types';
import { balances, freshPairs, PAIR_ITEMS, projectedRows, sendTransfer, transfersByRemark, waitProjected, waitTerminal, type Pair, type Sent } from '../../integration/roundtrip/support/burst';
import { sleep, withRoundTrip, type RoundTrip } from '../../integration/roundtrip/support/context';
import { add, same, sub } from '../../integration/roundtrip/support/decimal';
import { watchRow } from '../../integration/roundtrip/support/outbox';
import { control } from './support';

const STREAMS = 3;
const AMOUNT = '0.01';
/** How long each part stays dead before it is started again. */
const DOWN_MS = 1_000;
/** Rows a dead process held are resolved after LOCK_TIMEOUT (30 s, OUT-3); the drill waits that long plus margin. */
const SETTLE_MS = 50_000;
const PARTS = ['postgres', 'projector', 'submitter'] as const;

interface Workload { sent: Sent[]; refused: number; stop(): Promise<void> }

/** STREAMS senders, each sending small transfers one after another until stopped; refusals while a part is down are counted, not fatal. */
function startWorkload(rt: RoundTrip, pairs: Pair[]): Workload {
  const sent: Sent[] = [];
  let refused = 0;
  let running = true;
  const streams = pairs.map(async (pair, k) => {
    for (let i = 0; running; i++) {
      try {
        sent.push(await sendTransfer(rt, pair, AMOUNT, `${rt.prefix} dr ${k}.${i}`));
      } catch {
        refused++;
      }
      await sleep(150);
    }
  });
  return { sent, get refused() { return refused; }, stop: async () => { running = false; await Promise.all(streams); } };
}

/** After a restart: a fresh transfer accepted, committed and projected — the write path works again. */
async function recovered(rt: RoundTrip, pair: Pair, label: string, sent: Sent[]): Promise<number> {
  const started = Date.now();
  const deadline = started + 60_000;
  for (;;) {
    try {
      const s = await sendTransfer(rt, pair, AMOUNT, `${rt.prefix} probe ${label}`);
      sent.push(s);
      const w = await watchRow(rt.db, s.commandId, Math.max(1_000, deadline - Date.now()), { everyMs: 50 });
      if (w.row?.status === 'COMMITTED' && (await waitProjected(rt.db, [s], Math.max(1_000, deadline - Date.now()))).length === 0) return Date.now() - started;
      throw new Error(`the probe transfer after the ${label} restart ended ${w.row?.status ?? 'unseen'}`);
    } catch (err) {
      if (Date.now() >= deadline) throw new CheckFailure({ message: `the write path did not recover within 60 s of restarting ${label}: ${(err as Error).message}`, measurements: {} });
      await sleep(200);
    }
  }
}

/**
 * OPS-DR-DRILL (OPS-4, PROJ-4, OUT-5): under a continuous write workload, PostgreSQL, the
 * projector and one outbox-submitter are killed (SIGKILL, no shutdown) in turn and started
 * again; each recovery is timed until a fresh command is accepted, committed and projected.
 * Then every accepted command (202) must have its outbox row, end COMMITTED, appear exactly once
 * on the ledger (one valid TransferTokens per remark) and exactly once in the read model (one
 * SENT and one RECEIVED row), and every balance must equal its start plus the committed
 * movements: nothing lost, nothing applied twice. Runs alone.
 */
export const drDrill = defineCheck({
  id: 'OPS-DR-DRILL',
  layer: 'e2e',
  title: 'Killing PostgreSQL, the projector and a submitter under writes loses no command and applies none twice',
  criteria: ['OPS-4'],
  rules: ['PROJ-3', 'PROJ-4', 'OUT-5', 'CMD-1'],
  needs: ['writes', 'database', 'fixtures', 'ledger', 'sandbox'],
  fixtureItems: PAIR_ITEMS,
  exclusive: true,
  timeoutMs: 240_000,
  async run(ctx) {
    return withRoundTrip(ctx, 'dr', async (rt) => {
      const evidence: EvidenceItem[] = [];
      const m: Record<string, number> = {};
      const pairs = await freshPairs(rt, STREAMS + 1, 'd');
      const probePair = pairs[STREAMS];
      const users = pairs.flatMap((p) => [p.from, p.to]);
      const before = await balances(rt.db, users);
      const fromBlock = rt.fabric ? await rt.fabric.height() : 0;
      const drillStarted = Date.now();
      const workload = startWorkload(rt, pairs.slice(0, STREAMS));
      try {
        await sleep(1_000);
        for (const part of PARTS) {
          const killedAt = Date.now();
          await control(ctx, 'POST', `/dr/${part}/kill`, evidence);
          await sleep(DOWN_MS);
          await control(ctx, 'POST', `/dr/${part}/restart`, evidence);
          m[`${part}DownMs`] = Date.now() - killedAt;
          m[`${part}RecoveryMs`] = await recovered(rt, probePair, part, workload.sent);
        }
      } finally {
        await workload.stop();
        // Never leave a part dead for the checks after this one.
        for (const part of PARTS) await control(ctx, 'POST', `/dr/${part}/restart`, []).catch(() => undefined);
      }
      const sent = workload.sent;
      const rows = await waitTerminal(rt.db, sent.map((s) => s.commandId), SETTLE_MS);
      m.settleMs = Date.now() - drillStarted;
      const problems: string[] = [];
      const committed = sent.filter((s) => rows.get(s.commandId)?.status === 'COMMITTED');
      for (const s of sent) {
        const row = rows.get(s.commandId);
        if (!row) problems.push(`"${s.remark}" was accepted (202, commandId ${s.commandId}) but has no outbox row: the command is lost (CMD-1)`);
        else if (row.status !== 'COMMITTED') problems.push(`"${s.remark}" ended ${row.status}${row.errorCode ? ` (${row.errorCode}: ${row.error})` : ''}`);
      }
      const ledger = rt.fabric ? await transfersByRemark(rt, fromBlock, await rt.fabric.height()) : null;
      if (ledger) {
        for (const s of sent) {
          const valid = (ledger.get(s.remark) ?? []).filter((t) => t.validationName === 'VALID').length;
          const want = committed.includes(s) ? 1 : 0;
          if (valid !== want) problems.push(`"${s.remark}": ${valid} valid ledger transaction(s), expected ${want} (OUT-5)`);
        }
      }
      const lost = new Set(await waitProjected(rt.db, committed, 15_000));
      const want = new Map(before);
      for (const s of committed) {
        if (lost.has(s)) { problems.push(`"${s.remark}" committed but never reached the read model (lost across a restart, PROJ-4)`); continue; }
        const r = await projectedRows(rt.db, s);
        if (r.sent.length !== 1 || r.received.length !== 1) problems.push(`"${s.remark}": ${r.sent.length} SENT and ${r.received.length} RECEIVED rows, expected 1 and 1 (PROJ-3)`);
        want.set(s.pair.from.profileId, sub(want.get(s.pair.from.profileId)!, add(s.amount, r.sent[0]?.fee ?? '0')));
        want.set(s.pair.to.profileId, add(want.get(s.pair.to.profileId)!, s.amount));
      }
      const after = await balances(rt.db, users);
      for (const u of users) if (!same(after.get(u.profileId), want.get(u.profileId))) problems.push(`${u.email}: balance ${after.get(u.profileId)}, expected ${want.get(u.profileId)}`);
      Object.assign(m, { accepted: sent.length, refusedWhileDown: workload.refused, committed: committed.length, lost: lost.size, ledgerChecked: ledger ? 1 : 0 });
      if (problems.length > 0) {
        for (const p of problems) ctx.findings.add({ rule: /PROJ-4|lost across/.test(p) ? 'PROJ-4' : /PROJ-3/.test(p) ? 'PROJ-3' : /OUT-5/.test(p) ? 'OUT-5' : /CMD-1/.test(p) ? 'CMD-1' : null, component: 'worker', text: p });
        throw new CheckFailure({ message: `${problems.length} problem(s) after killing ${PARTS.join(', ')} under writes: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`, measurements: m, evidence });
      }
      return pass({
        message: `${sent.length} commands accepted while PostgreSQL, the projector and a submitter were each killed and restarted: all committed, each once on the ledger and once in the read model; recovery ${PARTS.map((p) => `${p} ${m[`${p}RecoveryMs`]} ms`).join(', ')}`,
        measurements: m, evidence,
      });
    });
  },
});
