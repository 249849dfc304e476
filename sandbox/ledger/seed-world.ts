import { createHash } from 'node:crypto';
import type { LedgerHandle } from '../fabric/seed';
import { key, type WalletRecord } from '../fabric/chaincode/state';
import { fixtureIds, USER_KEYS, type UserKey } from '../../src/fixtures/ids';
import type { FixtureWorld } from '../../src/fixtures/types';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/**
 * Writes a fixture world (src/fixtures/seed.ts seeds it into the read model) into the ledger's
 * world state, so both sides agree: the users with their wallets and balances, the ACTIVE
 * organization with its stakeholders, rule and wallet, its pending multisig transaction, the
 * PROPOSED organization, the loan, the proposal, the country with its treasury, the system
 * parameters (bootstrapped, ACTIVE) and userA's KYC record.
 *
 * Call it for every world seeded into a sandbox's read model: the sandbox does so for its own
 * world at boot; a run against the sandbox seeds `gxv-<run-id>` and must call it too (in process
 * through `StartedLedgerStack.seedWorld`, or `POST <control>/ledger/seed-world {world}`).
 */
export function seedLedgerFromWorld(ledger: LedgerHandle, world: FixtureWorld): void {
  const ids = fixtureIds(world.namespace);
  const cc = world.countryCode;
  const a = world.users.userA.profileId;
  const b = world.users.userB.profileId;
  const now = Date.now();
  const user = (k: UserKey) => {
    const u = world.users[k];
    return {
      userId: u.profileId,
      biometricHash: sha256(u.profileId),
      nationality: k === 'userA' ? cc : null,
      status: 'VERIFIED',
      role: u.role,
      kycStatus: k === 'userA' ? 'PENDING' : null,
      // The read model holds GENESIS rows for userA and userB (seedLedgerHistory).
      genesisDistributed: k === 'userA' || k === 'userB',
      wallet: {
        walletId: u.walletId,
        accountId: u.accountId,
        balance: u.balance,
        frozen: k === 'frozen',
        // userA sent the seeded transfer an hour ago: not velocity-tax eligible, like svc-tax says.
        lastSentAt: k === 'userA' ? new Date(now - 3600_000).toISOString() : undefined,
      },
    };
  };
  ledger.seed({
    params: { SYSTEM_STATUS: 'ACTIVE', SYSTEM_BOOTSTRAPPED: 'true', [world.paramId]: '7', [`TREASURY_${cc}_STATUS`]: 'ACTIVE' },
    countries: [{ countryCode: cc, countryName: `GXV Test Country ${cc}`, region: 'Test' }],
    users: USER_KEYS.map(user),
    kyc: [{ kycId: world.kycId, userId: a, status: 'PENDING', evidenceHash: sha256(world.kycId), evidenceSize: 2048, evidenceMime: 'application/pdf' }],
    orgs: [
      {
        orgId: world.org.orgId, orgName: 'GXV Seed Cooperative', orgType: 'BUSINESS', status: 'ACTIVE', stakeholders: [a, b], endorsers: [a, b],
        rules: [{ ruleId: ids.ruleId, requiredApprovers: 2, approverGroup: [a, b], amountThreshold: null }],
        wallet: { walletId: ids.orgWalletId, balance: '5000' },
      },
      { orgId: world.proposedOrgId, orgName: 'GXV Seed Proposed NGO', orgType: 'NGO', status: 'PROPOSED', stakeholders: [a], wallet: null },
    ],
    multisig: [{ txId: world.org.pendingTxId, orgId: world.org.orgId, proposerId: a, toUserId: b, amount: '25', remark: 'seeded multisig', requiredSignatures: 2, ruleId: ids.ruleId }],
    loans: [{ loanId: world.loanId, borrowerId: a, amount: '500', collateralHash: sha256(world.loanId) }],
    proposals: [{ proposalId: world.proposalId, proposerId: a, targetParam: world.paramId, newValue: '42', endTime: new Date(now + 7 * 24 * 3600_000).toISOString() }],
  });
  // The treasury wallet has its own account id in the read model (not the profile id), so it is
  // written directly rather than through LedgerSeed's country shortcut.
  const treasury: WalletRecord = {
    walletId: ids.treasuryWalletId, userId: ids.treasuryProfileId, accountId: ids.treasuryAccountId, balance: '1000000.000000000',
    frozen: false, frozenReason: null, lastSentAt: null, createdAt: new Date(now).toISOString(),
  };
  ledger.raw.seedState([
    [key.wallet(treasury.userId), json(treasury)],
    [key.account(treasury.accountId), json(treasury.userId)],
    [key.genesisCount(cc), json(2)],
  ]);
}
