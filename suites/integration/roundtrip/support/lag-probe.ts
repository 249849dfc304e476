import { CheckFailure } from '../../../../src/checks/define';
import { MeasurementError } from '../../../../src/measure/outcome';
import { quickGenesis, quickUser, sendTransfer, type Pair } from './burst';
import { commitSeenAt, until, type RoundTrip } from './context';
import { trailText, watchRow } from './outbox';
import { txRows } from './read-model';
import { newServerTimes, recordCommit, recordLag } from './write-time';

/**
 * More timed round trips when a run's command round trips are too few for the percentile a
 * latency check judges (a p95 needs 59): transfers between fresh funded users, one lane per
 * sender/receiver pair so each receiver's write time belongs to one transfer, the lanes side by
 * side (a few commands in flight, "normal load"). Each transfer is timed like a command round trip:
 * on the runner (listener commit → read-model change, 202 → commit) and on the deployment's clocks.
 * The users are created one at a time: I4 hashes a password, and several at once on a busy
 * target only queue up behind each other until a request times out.
 */
export interface ProbeSamples {
  clientLags: number[];
  serverLags: number[];
  clientCommits: number[];
  serverCommits: number[];
}

const LANES = 2;
const TIMEOUT_MS = 30_000;

export async function transferSamples(rt: RoundTrip, count: number): Promise<ProbeSamples> {
  const pairs = await lanes(rt, Math.min(LANES, Math.max(1, count)));
  const out: ProbeSamples = { clientLags: [], serverLags: [], clientCommits: [], serverCommits: [] };
  const server = newServerTimes();
  let next = 0;
  await Promise.all(pairs.map(async (pair) => {
    while (next < count) await timeOne(rt, pair, next++, out, server);
  }));
  out.serverLags = [...server.lags.values()].flat();
  out.serverCommits = server.commitLatencies;
  return out;
}

/**
 * Fresh funded sender/receiver pairs. A set-up that fails (I4 or #2 refused or too slow) leaves
 * nothing to time: that is `error` here, never a lag failure — RT-CMD-CREATE_USER and
 * RT-CMD-DISTRIBUTE_GENESIS judge those commands.
 */
async function lanes(rt: RoundTrip, n: number): Promise<Pair[]> {
  const pairs: Pair[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const pair = { from: await quickUser(rt, `lag${i}s`), to: await quickUser(rt, `lag${i}r`) };
      await quickGenesis(rt, pair.from);
      pairs.push(pair);
    }
  } catch (error) {
    throw new MeasurementError(`could not time more round trips: the timing transfers' set-up failed (${(error as Error).message.split('\n')[0]})`);
  }
  return pairs;
}

async function timeOne(rt: RoundTrip, pair: Pair, i: number, out: ProbeSamples, server: ReturnType<typeof newServerTimes>): Promise<void> {
  const remark = `${rt.prefix} lag ${i}`;
  const sent = await sendTransfer(rt, pair, '1', remark);
  const acceptedAt = Date.now();
  const visible = until(async () => (await txRows(rt.db, pair.to.walletId, 'RECEIVED', remark)).length > 0, TIMEOUT_MS, 10);
  const watched = await watchRow(rt.db, sent.commandId, TIMEOUT_MS);
  const visibleAt = await visible;
  const row = watched.row;
  if (row?.status !== 'COMMITTED' || visibleAt === null) {
    throw new CheckFailure({
      message: `a timing transfer did not round-trip: row ${row?.status ?? 'missing'} (${trailText(watched.trail)}), read model ${visibleAt === null ? 'never showed it' : 'showed it'}`,
      expected: 'COMMITTED and projected within 30 s', received: trailText(watched.trail), evidence: [sent.evidence],
    });
  }
  const commitAt = row.fabricTxId ? await commitSeenAt(rt, row.fabricTxId) : watched.committedSeenAt;
  if (commitAt !== null) {
    out.clientLags.push(Math.max(0, visibleAt - commitAt));
    out.clientCommits.push(Math.max(0, commitAt - acceptedAt));
  }
  recordCommit(server, row);
  await recordLag(server, rt.db, rt.ctx.target.tenantId, row);
}
