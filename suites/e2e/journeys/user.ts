import { defineCheck, pass } from '../../../src/checks/define';
import { add, same, sub } from '../../integration/roundtrip/support/decimal';
import { newPerson, tokenFor, worldOf } from '../support/actors';
import { PROJECTION_WAIT_MS, runJourney, type Journey } from '../support/journey';

const AMOUNT = '1.5';
/** TOK-3: fee = amount × 10 / 10000. */
const FEE = '0.0015';
/** ID-2: the profileId registration assigns is a UUID. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function balanceOf(j: Journey, token: string, profileId: string): Promise<string | null> {
  const r = await j.call('tokenomics', 'GET', `/api/v1/wallets/${profileId}/balance`, { token });
  return r.status === 200 && typeof r.body?.balance?.balance === 'string' ? r.body.balance.balance : null;
}

/**
 * E2E-JOURNEY-USER (IT-FAB-4, IT-API-2, FUNC-2): a person's first day through one regional edge,
 * as a client would live it — register (I4), wait until the profile exists (I1 accepts the
 * password, ID-2; the profileId it was given is a UUID, ID-2), log in, receive the genesis
 * distribution from an admin (#2), see it in the balance (#3), send a transfer (#1), see the
 * balance drop by amount + fee once projected (CMD-3 when it never moves; TOK-3 when it moves by
 * another sum: the fee the ledger took is not amount × 10 / 10000), log out (I3) and find the
 * refresh token refused (I2, AUTH-7).
 */
export const userJourney = defineCheck({
  id: 'E2E-JOURNEY-USER',
  layer: 'e2e',
  title: 'A new user registers, logs in, receives genesis, transfers, sees the balance change and logs out, through each edge',
  criteria: ['IT-FAB-4', 'IT-API-2', 'FUNC-2'],
  rules: ['ID-2', 'CMD-3', 'TOK-3', 'AUTH-7'],
  needs: ['writes', 'fixtures', 'edge', 'ledger'],
  fixtureItems: ['superAdmin', 'country', 'userB'],
  perRegion: true,
  timeoutMs: 120_000,
  async run(ctx) {
    const world = worldOf(ctx);
    const admin = await tokenFor(ctx, world.users.superAdmin);
    const outcome = await runJourney(ctx, 'The user journey', async (j) => {
      const person = newPerson(ctx, 'user');
      await j.run('register', () => j.call('identity', 'POST', '/api/v1/users', {
        json: { ...person, nationalityCountryCode: world.countryCode }, expect: [202],
      }));
      const session = await j.run('profile', () => j.until('the profile to exist (login accepted)', async () => {
        const r = await j.call('identity', 'POST', '/api/v1/auth/login', { json: { email: person.email, password: person.password } });
        if (r.status === 401) return null;
        if (r.status !== 200) j.fail(`login answered ${r.status} while the profile was being created`, 'ID-2');
        return r.body as { accessToken: string; refreshToken: string; user: { profileId: string } };
      }, 30_000, 400));
      const me = session.user.profileId;
      if (typeof me !== 'string' || !UUID.test(me)) j.fail(`registration assigned profileId ${JSON.stringify(me)}, not a UUID`, 'ID-2');
      const token = session.accessToken;
      await j.run('wallet', () => j.until('the wallet to exist', () => balanceOf(j, token, me), 20_000));
      await j.run('genesis', () => j.call('tokenomics', 'POST', '/api/v1/genesis', {
        token: admin, json: { userId: me, userType: 'individual', countryCode: world.countryCode }, expect: [202],
      }));
      const funded = await j.run('genesisProjected', () => j.until('the genesis amount in the balance', async () => {
        const b = await balanceOf(j, token, me);
        return b !== null && !same(b, '0') ? b : null;
      }, PROJECTION_WAIT_MS));
      await j.run('transfer', () => j.call('tokenomics', 'POST', '/api/v1/transfers', {
        token, json: { fromUserId: me, toUserId: world.users.userB.profileId, amount: AMOUNT, remark: `journey ${ctx.runId}` }, expect: [202],
      }));
      const want = sub(funded, add(AMOUNT, FEE));
      let last = funded;
      try {
        await j.run('balanceProjected', () => j.until('the balance to show the transfer', async () => {
          last = (await balanceOf(j, token, me)) ?? last;
          return same(last, want) ? last : null;
        }, PROJECTION_WAIT_MS));
      } catch {
        if (same(last, funded)) j.fail(`the balance stayed ${last} after the transfer was accepted; expected ${want} (genesis ${funded} − ${AMOUNT} − fee ${FEE})`, 'CMD-3');
        // The balance moved by another sum than amount + fee. The sender's SENT row (the fee the ledger's
        // TransferCompleted carried) tells a wrong fee (TOK-3) from a read model that applied the transfer wrongly (CMD-3).
        const r = await j.call('tokenomics', 'GET', `/api/v1/wallets/${me}/transactions?limit=50`, { token });
        const sent = r.status === 200 ? (r.body?.transactions as Array<{ type: string; remark: string | null; amount: string; fee: string }> | undefined)?.find((t) => t.type === 'SENT' && t.remark === `journey ${ctx.runId}`) : undefined;
        const moved = `the balance went ${funded} → ${last}, a debit of ${sub(funded, last)}`;
        if (sent && typeof sent.fee === 'string' && !same(sent.fee, FEE)) {
          j.fail(`the transfer of ${AMOUNT} was charged fee ${sent.fee} (${moved}); TOK-3: fee = amount × 10 / 10000 = ${FEE}`, 'TOK-3', j.transcript.slice(-4));
        }
        j.fail(`${moved} after the transfer of ${AMOUNT}, expected amount + fee ${add(AMOUNT, FEE)}${sent ? ` (the SENT row records amount ${sent.amount}, fee ${sent.fee})` : ''}`, 'CMD-3', j.transcript.slice(-4));
      }
      await j.run('logout', () => j.call('identity', 'POST', '/api/v1/auth/logout', { json: { refreshToken: session.refreshToken }, expect: [200] }));
      await j.run('refreshRefused', () => j.call('identity', 'POST', '/api/v1/auth/refresh', { json: { refreshToken: session.refreshToken }, expect: [401], rule: 'AUTH-7' }));
      return `registered, funded ${funded}, transferred ${AMOUNT} (balance ${want}), logged out and the refresh token was refused in ${ctx.region.name}`;
    });
    return pass(outcome);
  },
});
