import { afterAll, beforeAll, describe } from 'vitest';
import { startHarness, type IntegrationHarness } from './harness';
import { faultCases } from './fault-cases';

let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-it-auth'); });
afterAll(async () => { await h?.stop(); });

describe('JWT checks against the sandbox auth faults', () => {
  faultCases(() => h, [
    'auth-alg-none', 'auth-expired-accepted', 'auth-no-exp-accepted', 'auth-wrong-audience-accepted',
    'auth-refresh-as-access', 'auth-logout-no-revoke',
  ]);
});
