import { CheckFailure } from '../../../../src/checks/define';
import { endpointById } from '../../../../src/catalog/index';
import type { LedgerTx } from '../../../../src/clients/fabric';
import type { EvidenceItem } from '../../../../src/evidence/types';
import { brief } from '../../support/envelope';
import { sendTo, world, type EndpointRequest } from '../../support/requests';
import { randomBytes } from 'node:crypto';
import { fixtureToken, type FreshUser } from './actors';
import { sleep, until, type RoundTrip } from './context';
import { outboxSelect, trailText, watchRow, type OutboxRow } from './outbox';
import { balanceOf, txRows, walletOf, type WalletRow } from './read-model';
import type { FixtureItem } from '../../../../src/fixtures/items';

/**
 * Helpers of the many-command checks (RT-EXACTLY-ONCE, RT-RESTART, RT-POISON): fresh users in
 * sender/receiver pairs, transfers sent without waiting, outbox rows watched together, and the
 * ledger's transfer transactions found by their (unique) remark.
 */
/** What fresh pairs read from the fixture world: the test country (I4) and superAdmin (genesis #2). */
export const PAIR_ITEMS: FixtureItem[] = ['country', 'superAdmin'];

export interface Pair { from: FreshUser; to: FreshUser }

/**
 * `n` pairs of fresh users (I4), senders funded by genesis (#2). Set-up only waits for each row to
 * commit and its effect to show (the full round trip is RT-CMD-*'s job), so a check judges its own
 * phase and not its set-up. Genesis is sequential: every grant writes one per-country counter.
 */
export async function freshPairs(rt: RoundTrip, n: number, label: string): Promise<Pair[]> {
  const users: FreshUser[] = new Array(2 * n);
  let next = 0;
  // I4 users are independent on the ledger: four at a time hide the commit wait.
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < 2 * n) {
      const i = next++;
      users[i] = await quickUser(rt, `${label}${i % 2 ? 'r' : 's'}${i >> 1}`);
    }
  }));
  const pairs = Array.from({ length: n }, (_, i) => ({ from: users[2 * i], to: users[2 * i + 1] }));
  for (const p of pairs) await quickGenesis(rt, p.from);
  return pairs;
}

function setUpFailure(what: string, detail: string, evidence: EvidenceItem[]): CheckFailure {
  return new CheckFailure({ message: `set-up failed: ${what}: ${detail}`, expected: 'fresh users created (I4) and funded (#2)', received: detail, evidence });
}

/** Sends a set-up command and waits until its row is COMMITTED and `visible` holds (30 s each). */
async function setUpCommand(rt: RoundTrip, what: string, endpoint: string, req: EndpointRequest, visible: (body: Record<string, unknown>) => Promise<boolean>): Promise<Record<string, unknown>> {
  const res = await sendTo(rt.ctx, endpointById(endpoint), req);
  const body = (res.body ?? {}) as Record<string, unknown>;
  if (res.status !== 202 || typeof body.commandId !== 'string') throw setUpFailure(what, `not accepted: ${brief(res)}`, [res.evidence]);
  const w = await watchRow(rt.db, body.commandId, 30_000);
  if (w.row?.status !== 'COMMITTED') throw setUpFailure(what, `row ${w.row?.status ?? 'missing'} (${trailText(w.trail)}; ${w.row?.errorCode ?? ''} ${w.row?.error ?? ''})`, [res.evidence]);
  if ((await until(() => visible(body), 10_000, 20)) === null) throw setUpFailure(what, 'committed but never projected within 10 s', [res.evidence]);
  return body;
}

export async function quickUser(rt: RoundTrip, label: string): Promise<FreshUser> {
  const email = `${rt.prefix}-${label}@gxv.test`;
  const password = `Rt-${randomBytes(9).toString('base64url')}`;
  rt.ctx.target.secrets.push(password);
  let wallet: WalletRow | null = null;
  const body = await setUpCommand(rt, `I4 user ${label}`, 'I4', { as: null, body: { email, password, firstName: 'Gxv', lastName: `Rt ${label}`, nationalityCountryCode: world(rt.ctx).countryCode } },
    async (b) => (wallet = await walletOf(rt.db, String(b.profileId ?? b.userId ?? ''))) !== null);
  const id = String(body.profileId ?? body.userId);
  const token = await rt.ctx.target.auth.accessToken({ profileId: id, role: 'USER', tenantId: rt.ctx.target.tenantId, email, password });
  return { profileId: id, email, token, walletId: wallet!.walletId, accountId: wallet!.primaryAccountId };
}

export async function quickGenesis(rt: RoundTrip, user: FreshUser): Promise<void> {
  await setUpCommand(rt, `#2 genesis for ${user.email}`, '#2',
    { as: 'superAdmin', token: await fixtureToken(rt, 'superAdmin'), body: { userId: user.profileId, userType: 'individual', countryCode: world(rt.ctx).countryCode } },
    async () => (await txRows(rt.db, user.walletId, 'GENESIS')).length > 0);
}

export interface Sent { commandId: string; remark: string; amount: string; pair: Pair; evidence: EvidenceItem }

/** #1 from pair.from to pair.to; the 202's commandId (anything else is a failure of the check). */
export async function sendTransfer(rt: RoundTrip, pair: Pair, amount: string, remark: string): Promise<Sent> {
  const res = await sendTo(rt.ctx, endpointById('#1'), { as: null, token: pair.from.token, body: { fromUserId: pair.from.profileId, toUserId: pair.to.profileId, amount, remark } });
  const commandId = (res.body as { commandId?: unknown } | undefined)?.commandId;
  if (res.status !== 202 || typeof commandId !== 'string') {
    throw new CheckFailure({ message: `#1 did not accept transfer "${remark}": ${brief(res)}`, expected: '202 with a commandId', received: brief(res), evidence: [res.evidence] });
  }
  return { commandId, remark, amount, pair, evidence: res.evidence };
}


/** Polls the rows until every one is COMMITTED or FAILED, or `timeoutMs` passes; the last rows read. */
export async function waitTerminal(db: RoundTrip['db'], ids: string[], timeoutMs: number): Promise<Map<string, OutboxRow>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<OutboxRow>(`SELECT ${await outboxSelect(db)} FROM "OutboxCommand" WHERE "id" = ANY($1)`, [ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const done = ids.every((id) => ['COMMITTED', 'FAILED'].includes(byId.get(id)?.status ?? ''));
    if (done || Date.now() >= deadline) return byId;
    await sleep(50);
  }
}

/** Every TransferTokens transaction (valid or not) in blocks [from, to), keyed by its remark argument (qscc GetBlockByNumber). */
export async function transfersByRemark(rt: RoundTrip, fromBlock: number, toBlock: number): Promise<Map<string, LedgerTx[]>> {
  const out = new Map<string, LedgerTx[]>();
  for (let b = fromBlock; b < toBlock; b++) {
    for (const tx of await rt.fabric!.block(b)) {
      if (tx.fn !== 'TokenomicsContract:TransferTokens') continue;
      const remark = tx.args[3] ?? '';
      out.set(remark, [...(out.get(remark) ?? []), tx]);
    }
  }
  return out;
}

/** Waits (bounded) until the ledger height stops moving for `quietMs`: late duplicate submissions have landed. */
export async function settledHeight(rt: RoundTrip, quietMs: number, maxMs: number): Promise<number> {
  const deadline = Date.now() + maxMs;
  let height = await rt.fabric!.height();
  let since = Date.now();
  while (Date.now() < deadline && Date.now() - since < quietMs) {
    await sleep(100);
    const h = await rt.fabric!.height();
    if (h !== height) { height = h; since = Date.now(); }
  }
  return height;
}

/** Both sides of a transfer in the read model, by remark: its SENT and RECEIVED rows. */
export async function projectedRows(db: RoundTrip['db'], s: Sent) {
  return { sent: await txRows(db, s.pair.from.walletId, 'SENT', s.remark), received: await txRows(db, s.pair.to.walletId, 'RECEIVED', s.remark) };
}

/** Waits (bounded) until every transfer shows at least one SENT and one RECEIVED row; returns those still missing. */
export async function waitProjected(db: RoundTrip['db'], sent: Sent[], timeoutMs: number): Promise<Sent[]> {
  const deadline = Date.now() + timeoutMs;
  let missing = sent;
  for (;;) {
    const still: Sent[] = [];
    for (const s of missing) {
      const r = await projectedRows(db, s);
      if (r.sent.length === 0 || r.received.length === 0) still.push(s);
    }
    missing = still;
    if (missing.length === 0 || Date.now() >= deadline) return missing;
    await sleep(100);
  }
}

export const balances = async (db: RoundTrip['db'], users: FreshUser[]) => new Map(await Promise.all(users.map(async (u) => [u.profileId, await balanceOf(db, u.profileId)] as const)));
