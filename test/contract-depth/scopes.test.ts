import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, startHarness, type IntegrationHarness } from '../integration/harness';
import { redWithFault, type RedCase } from './red-with-fault';

/** Scopes and states (issue 10 item 4): second callers, per-status auth rules, readiness under each unready condition, tolerance edges. */
let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-scopes'); }, 120_000);
afterAll(async () => { await h?.stop(); });

const CASES: RedCase[] = [
  ['idempotency-global-scope', ['INT-IDEMPOTENCY-SCOPE'], /userB's own transfer under userA's key answered 422/],
  ['refresh-ignores-status', ['INT-AUTH-STATUSES'], /suspended account: I2 answered 200/],
  ['inactive-commands-accepted', ['INT-AUTH-STATUSES'], /a command it sent was accepted \(#1 answered 202\)/],
  ['readyz-ignores-missing-projector', ['INT-READYZ-PROJECTOR'], /with no ProjectorState row: answered 200/],
  ['readyz-ignores-heartbeat', ['INT-READYZ-PROJECTOR'], /with a heartbeat an hour old: answered 200/],
  ['readyz-ignores-lag', ['INT-READYZ-PROJECTOR'], /with lagMs of 10 minutes: answered 200/],
  ['readyz-idle-not-ready', ['INT-READYZ-PROJECTOR'], /with an idle projector .*: answered 503 .* instead of 200 ready/],
  ['login-ignores-deleted', ['INT-AUTH-STATUSES'], /deleted account: I1 answered 200/],
  ['idempotency-request-id-unscoped', ['INT-IDEMPOTENCY-SCOPE'], /userB's own transfer under userA's key answered 409/],
  ['auth-clock-tolerance-minutes', ['INT-JWT-EXPIRED', 'INT-JWT-NBF-FUTURE'], /200|202|40[034]/],
  ['auth-nbf-present-refused', ['INT-JWT-VALID-ACCEPTED'], /a valid token whose nbf passed a minute ago was refused: 401/],
  // issue 10's auth, idempotency and command-id rules
  ['login-role-default', ['INT-AUTH-LOGIN-CLAIMS'], /I1 issued to admin \(ADMIN\) carries role "USER"/],
  ['logout-ends-access', ['INT-AUTH-LOGOUT-ACCESS'], /logged-out session was refused: I5 answered 401/],
  ['idempotency-post-only', ['INT-IDEMPOTENCY-SERVICES'], /I6 PATCH \(svc-identity\): the replay .*a second command was accepted/],
  ['idempotency-in-progress-ignored', ['INT-IDEMPOTENCY-IN-PROGRESS'], /accepted as a command of their own/],
  ['voter-from-body', ['INT-AUTHZ-ACTING-USER'], /#21: the command acts for the user the body named \(payload voterId\)/],
  ['loan-id-unprefixed', ['INT-COMMAND-IDS'], /#16 answered loanId "(?!loan-)/],
  ['proposal-id-unprefixed', ['INT-COMMAND-IDS'], /#20 answered proposalId "(?!proposal-)/],
  ['frozen-cannot-receive', ['INT-WALLET-FROZEN-RECEIVES'], /transfer to a frozen wallet was refused: 400/],
  ['treasury-id-lowercase', ['INT-WALLET-TREASURY'], /#4 for [A-Z]{2} answered 404/],
  ['primary-wallet-newest', ['INT-WALLET-PRIMARY'], /#3 answered walletId ".*" \(a seeded newer wallet\)/],
  ['public-tenant-from-header', ['INT-TENANCY-ISOLATION'], /#33 answered the other tenant's row when a header named that tenant/],
  ['proposals-any-tenant', ['INT-TENANCY-ISOLATION'], /#23 answered 200 for another tenant's proposal[\s\S]*#24 lists/],
  ['balance-any-tenant', ['INT-TENANCY-ISOLATION'], /#3 answered userA's wallet of another tenant/],
  ['counters-count-deleted', ['INT-COUNTERS-READ-MODEL'], /#36 answered totalUsers \d+ \(read model: \d+\)/],
];
const ALL = [...new Set(CASES.flatMap(([, ids]) => ids))];

describe('scopes and states', () => {
  it('stay green on a correct target', async () => {
    const results = await h.run(ALL);
    for (const id of ALL) expect(results.get(id)?.status, explain(results.get(id))).toBe('pass');
    // The readiness check put the projector row back: the services are ready again.
    const ready = await h.run(['INT-INFRA-READYZ']);
    expect(ready.get('INT-INFRA-READYZ')?.status, explain(ready.get('INT-INFRA-READYZ'))).toBe('pass');
  }, 120_000);
  redWithFault(() => h, CASES, { timeoutMs: 60_000, withMessage: true });
});
