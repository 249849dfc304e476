import { CheckFailure, defineCheck, pass } from '../../../src/checks/define';
import { WRITE_PATH } from './write-path';
import { withRoundTrip } from './support/context';
import { add, same, sub } from './support/decimal';
import { balances, freshPairs, PAIR_ITEMS, sendTransfer, settledHeight, transfersByRemark, waitProjected, waitTerminal, projectedRows } from './support/burst';

/** Transfers in the burst: one per sender/receiver pair, all sent at once. */
export const BURST_SIZE = 20;
const AMOUNT = '3';

/**
 * RT-EXACTLY-ONCE (IT-FAB-1, IT-DB-3): a burst of BURST_SIZE transfers, each between its own pair
 * of fresh users (the ledger checks read versions, so two transfers of one sender could
 * legitimately conflict and be retried; distinct pairs leave no honest reason for a second
 * transaction), sent at once while every submitter replica polls. Each OutboxCommand row must be
 * COMMITTED; the ledger must hold exactly ONE TransferTokens transaction with the row's remark
 * (qscc GetBlockByNumber over every block written meanwhile, valid or not), VALID, the row's
 * fabricTxId in the row's commitBlock; and the read model exactly one SENT and one RECEIVED row
 * with balances moved by amount + fee and amount.
 * Runs alone: the burst queues 20 events at the projector, which would inflate other checks' lag.
 */
export const exactlyOnceCheck = defineCheck({
  id: 'RT-EXACTLY-ONCE',
  layer: 'integration',
  title: `A burst of ${BURST_SIZE} transfers across the submitter replicas: one ledger transaction per outbox row, balances exact`,
  criteria: ['IT-FAB-1', 'IT-DB-3'],
  needs: ['writes', 'database', 'fixtures', 'fabric', 'ledger'],
  fixtureItems: PAIR_ITEMS,
  rules: ['OUT-1', 'OUT-2', 'CMD-1', 'PROJ-3'],
  dependsOn: WRITE_PATH,
  exclusive: true,
  timeoutMs: 180_000,
  async run(ctx) {
    return withRoundTrip(ctx, 'once', async (rt) => {
      const pairs = await freshPairs(rt, BURST_SIZE, 'x');
      const users = pairs.flatMap((p) => [p.from, p.to]);
      const before = await balances(rt.db, users);
      const startHeight = await rt.fabric!.height();
      const began = Date.now();
      const sent = await Promise.all(pairs.map((p, i) => sendTransfer(rt, p, AMOUNT, `${rt.prefix} once ${i}`)));
      const rows = await waitTerminal(rt.db, sent.map((s) => s.commandId), 60_000);
      const burstMs = Date.now() - began;
      // A duplicate submission may still be on its way after the row says COMMITTED.
      const endHeight = await settledHeight(rt, 1_000, 10_000);
      const ledger = await transfersByRemark(rt, startHeight, endHeight);
      const unprojected = new Set((await waitProjected(rt.db, sent, 10_000)).map((s) => s.commandId));
      const after = await balances(rt.db, users);

      const problems: string[] = [];
      let ledgerTxs = 0;
      let retried = 0;
      for (const s of sent) {
        const row = rows.get(s.commandId);
        const txs = ledger.get(s.remark) ?? [];
        ledgerTxs += txs.length;
        const who = `"${s.remark}" (command ${s.commandId})`;
        if (!row) { problems.push(`${who}: no OutboxCommand row`); continue; }
        if ((row.attempts ?? 0) > 1) retried++;
        if (row.status !== 'COMMITTED') problems.push(`${who}: row ended ${row.status} after ${row.attempts} attempt(s) (${row.errorCode ?? '-'}: ${row.error ?? ''})`);
        if (txs.length !== 1) problems.push(`${who}: ${txs.length} ledger transactions carry it (${txs.map((t) => `${t.txId.slice(0, 12)}… ${t.validationName} block ${t.blockNumber}`).join(', ')}), expected exactly 1`);
        const valid = txs.filter((t) => t.validationName === 'VALID');
        if (valid.length === 1 && row.status === 'COMMITTED') {
          if (valid[0].txId !== row.fabricTxId) problems.push(`${who}: the valid ledger transaction is ${valid[0].txId}, the row says ${row.fabricTxId}`);
          if (String(valid[0].blockNumber) !== row.commitBlock) problems.push(`${who}: committed in block ${valid[0].blockNumber}, the row says ${row.commitBlock}`);
        }
        if (unprojected.has(s.commandId)) { problems.push(`${who}: never reached the read model within 10 s`); continue; }
        const { sent: sentRows, received } = await projectedRows(rt.db, s);
        if (sentRows.length !== 1 || received.length !== 1) problems.push(`${who}: ${sentRows.length} SENT and ${received.length} RECEIVED rows, expected 1 and 1`);
        const fee = String(rt.events.get(row.fabricTxId ?? '')?.find((e) => e.name === 'TransferCompleted')?.payload.fee ?? sentRows[0]?.fee ?? '0');
        const fromWant = sub(before.get(s.pair.from.profileId)!, add(AMOUNT, fee));
        const toWant = add(before.get(s.pair.to.profileId)!, AMOUNT);
        if (!same(after.get(s.pair.from.profileId), fromWant)) problems.push(`${who}: sender balance ${after.get(s.pair.from.profileId)}, expected ${fromWant}`);
        if (!same(after.get(s.pair.to.profileId), toWant)) problems.push(`${who}: receiver balance ${after.get(s.pair.to.profileId)}, expected ${toWant}`);
      }
      const measurements = { transfers: sent.length, committed: [...rows.values()].filter((r) => r.status === 'COMMITTED').length, ledgerTransactions: ledgerTxs, rowsRetried: retried, burstMs, blocksScanned: endHeight - startHeight };
      const evidence = [sent[0].evidence, { note: `qscc GetBlockByNumber ${startHeight}..${endHeight - 1}`, response: `${ledgerTxs} TransferTokens transactions carry the ${sent.length} remarks` }];
      if (problems.length) {
        throw new CheckFailure({
          message: `${problems.length} problem(s) in a burst of ${sent.length}: ${problems.slice(0, 6).join('; ')}${problems.length > 6 ? '; …' : ''}`,
          expected: 'each row COMMITTED once, exactly one VALID ledger transaction per row, one SENT and one RECEIVED row, balances exact',
          received: `${ledgerTxs} ledger transactions for ${sent.length} rows`, evidence, measurements,
          // Every problem kept (the message shows the first ones), by the rule it breaks.
          findings: problems.map((text) => ({ rule: /ledger transaction|block \d/.test(text) ? 'OUT-2' : /balance|SENT|RECEIVED|read model/.test(text) ? 'PROJ-3' : 'OUT-1', text })),
        });
      }
      return pass({ message: `${sent.length} transfers in ${burstMs} ms: each row COMMITTED with exactly one VALID ledger transaction, read model exact`, measurements, evidence });
    });
  },
});
