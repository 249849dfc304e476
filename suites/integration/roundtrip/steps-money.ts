import type { RoundTrip } from './support/context';
import { fixtureToken, type FreshUser, type Record_ } from './support/actors';
import { add, same, sub } from './support/decimal';
import { balanceOf, Expect, one, txRows, walletOf, type TxRow } from './support/read-model';
import { eventField, mustRoundTrip } from './support/roundtrip';

/** #1 → TRANSFER_TOKENS → TransferCompleted → debit (amount + fee), credit, SENT and RECEIVED rows. */
export async function transfer(rt: RoundTrip, from: FreshUser, to: { profileId: string; walletId: string }, amount: string, remark: string, record: Record_) {
  const fromBefore = await balanceOf(rt.db, from.profileId);
  const toBefore = await balanceOf(rt.db, to.profileId);
  return mustRoundTrip(rt, {
    commandType: 'TRANSFER_TOKENS', endpoint: '#1', events: ['TransferCompleted'],
    request: { as: null, token: from.token, body: { fromUserId: from.profileId, toUserId: to.profileId, amount, remark } },
    visible: async (db) => (await txRows(db, from.walletId, 'SENT', remark)).length > 0 && (await txRows(db, to.walletId, 'RECEIVED', remark)).length > 0,
    touched: async (db) => (await txRows(db, from.walletId, 'SENT', remark)).length > 0 || (await txRows(db, to.walletId, 'RECEIVED', remark)).length > 0,
    async verify(db, _row, events, ledger) {
      const problems = await verifyTransfer(db, { from: from.profileId, fromWallet: from.walletId, to: to.profileId, toWallet: to.walletId, amount, remark, fromBefore, toBefore }, eventField(events, 'TransferCompleted', 'fee'));
      const rows = [...await txRows(db, from.walletId, 'SENT', remark), ...await txRows(db, to.walletId, 'RECEIVED', remark)];
      return [...problems, ...projectorStamps(rows, rt.ctx.target.tenantId, ledger.txTime)];
    },
  }, record);
}

export async function verifyTransfer(
  db: RoundTrip['db'],
  t: { from: string; fromWallet: string; to: string; toWallet: string; amount: string; remark: string; fromBefore: string; toBefore: string },
  eventFee: unknown,
): Promise<string[]> {
  const e = new Expect();
  const sent = await txRows(db, t.fromWallet, 'SENT', t.remark);
  const received = await txRows(db, t.toWallet, 'RECEIVED', t.remark);
  e.eq('SENT rows', sent.length, 1).eq('RECEIVED rows', received.length, 1);
  const fee = eventFee !== undefined ? String(eventFee) : sent[0]?.fee ?? '0';
  e.ok('SENT amount', same(sent[0]?.amount, t.amount), `got ${sent[0]?.amount}`).ok('SENT fee equals the event fee', same(sent[0]?.fee, fee), `got ${sent[0]?.fee}, event ${fee}`)
    .eq('SENT counterparty', sent[0]?.counterparty, t.to)
    .ok('RECEIVED amount', same(received[0]?.amount, t.amount)).ok('RECEIVED fee 0', same(received[0]?.fee, '0')).eq('RECEIVED counterparty', received[0]?.counterparty, t.from);
  const fromAfter = await balanceOf(db, t.from);
  const toAfter = await balanceOf(db, t.to);
  e.ok('sender debited by amount + fee', same(fromAfter, sub(t.fromBefore, add(t.amount, fee))), `before ${t.fromBefore}, after ${fromAfter}, amount ${t.amount}, fee ${fee}`);
  e.ok('receiver credited by amount', same(toAfter, add(t.toBefore, t.amount)), `before ${t.toBefore}, after ${toAfter}`);
  return e.problems;
}

/**
 * What the projector stamps on the rows it writes: its TENANT_ID (PROJ-1) and the ledger
 * transaction's timestamp, not the time it processed the event (PROJ-7; ms precision, ±1 ms for rounding).
 */
export function projectorStamps(rows: readonly TxRow[], tenantId: string, txTime: Date | null): string[] {
  const problems: string[] = [];
  for (const r of rows) {
    if (r.tenantId !== tenantId) problems.push(`the ${r.type} Transaction row carries tenantId ${JSON.stringify(r.tenantId)}, not the projector's TENANT_ID ${JSON.stringify(tenantId)} (PROJ-1)`);
    const at = new Date(r.timestamp).getTime();
    if (txTime && Math.abs(at - txTime.getTime()) > 1) {
      problems.push(`the ${r.type} Transaction row's timestamp ${new Date(at).toISOString()} is not the ledger transaction's ${txTime.toISOString()} (${at - txTime.getTime()} ms off) (PROJ-7)`);
    }
  }
  return problems;
}

/** I6, I7, #6, #7, #30, #38 on fresh users. */
export async function identityAndWalletSteps(rt: RoundTrip, u1: FreshUser, u2: FreshUser, u3: FreshUser, record: Record_) {
  const lastName = `Rt${rt.prefix.slice(-6)}`;
  await mustRoundTrip(rt, {
    commandType: 'UPDATE_USER_PROFILE', endpoint: 'I6', events: ['UserProfileUpdated'],
    request: { as: null, token: u1.token, params: { id: u1.profileId }, body: { lastName } },
    visible: async (db) => (await one(db, `SELECT 1 AS x FROM "UserProfile" WHERE "profileId" = $1 AND "lastName" = $2`, [u1.profileId, lastName])) !== null,
    verify: async () => [],
  }, record);

  const evidenceHash = `sha256-${rt.prefix}`.slice(0, 128);
  await mustRoundTrip(rt, {
    commandType: 'SUBMIT_KYC', endpoint: 'I7', events: ['KYCSubmitted'],
    request: { as: null, token: u1.token, params: { id: u1.profileId }, body: { evidenceHash, evidenceSize: 4096, evidenceMime: 'application/pdf' } },
    visible: async (db, row) => typeof row?.payload.kycId === 'string' && (await one(db, `SELECT 1 AS x FROM "KYCVerification" WHERE "kycId" = $1`, [row.payload.kycId])) !== null,
    async verify(db, row) {
      const k = await one<{ profileId: string; status: string; evidenceHash: string; evidenceSize: number; evidenceMime: string }>(db,
        `SELECT "profileId", "status"::text AS status, "evidenceHash", "evidenceSize", "evidenceMime" FROM "KYCVerification" WHERE "kycId" = $1`, [row.payload.kycId]);
      return new Expect().eq('KYCVerification', k, { profileId: u1.profileId, status: 'PENDING', evidenceHash, evidenceSize: 4096, evidenceMime: 'application/pdf' }).problems;
    },
  }, record);

  const adminToken = await fixtureToken(rt, 'admin');
  const frozen = async (db: RoundTrip['db']) => (await walletOf(db, u2.profileId))?.isFrozen;
  await mustRoundTrip(rt, {
    commandType: 'FREEZE_WALLET', endpoint: '#6', events: ['WalletFrozen'],
    request: { as: 'admin', token: adminToken, params: { walletId: u2.walletId }, body: { reason: `${rt.prefix} freeze` } },
    visible: async (db) => (await frozen(db)) === true,
    verify: async () => [],
  }, record);
  await mustRoundTrip(rt, {
    commandType: 'UNFREEZE_WALLET', endpoint: '#7', events: ['WalletUnfrozen'],
    request: { as: 'admin', token: adminToken, params: { walletId: u2.walletId } },
    visible: async (db) => (await frozen(db)) === false,
    verify: async () => [],
  }, record);

  await mustRoundTrip(rt, {
    commandType: 'APPOINT_ADMIN', endpoint: '#30', events: ['AdminAppointed'],
    request: { as: 'superAdmin', token: await fixtureToken(rt, 'superAdmin'), body: { newAdminId: u2.profileId } },
    visible: async (db) => (await one(db, `SELECT 1 AS x FROM "UserProfile" WHERE "profileId" = $1 AND "role"::text = 'ADMIN'`, [u2.profileId])) !== null,
    verify: async () => [],
  }, record);

  // u3 never sent anything and holds its genesis: eligible for velocity tax (TAX-1 reference policy).
  const before = await balanceOf(rt.db, u3.profileId);
  await mustRoundTrip(rt, {
    commandType: 'APPLY_VELOCITY_TAX', endpoint: '#38', events: ['VelocityTaxApplied'],
    request: { as: 'admin', token: adminToken, body: { accountId: u3.accountId, taxRateBps: 100 } },
    visible: async (db) => (await txRows(db, u3.walletId, 'TAX')).length > 0,
    async verify(db, _row, events) {
      const e = new Expect();
      const rows = await txRows(db, u3.walletId, 'TAX');
      e.eq('TAX rows', rows.length, 1);
      const tax = String(eventField(events, 'VelocityTaxApplied', 'taxAmount') ?? rows[0]?.amount ?? '0');
      e.ok('TAX amount equals the event taxAmount', same(rows[0]?.amount, tax), `got ${rows[0]?.amount}, event ${tax}`);
      const after = await balanceOf(db, u3.profileId);
      e.ok('wallet debited by taxAmount', same(after, sub(before, tax)), `before ${before}, after ${after}`);
      return e.problems;
    },
  }, record);
}
