import { afterAll, beforeAll, describe } from 'vitest';
import { startHarness, type IntegrationHarness } from './harness';
import { faultCases } from './fault-cases';

let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-it-authz'); });
afterAll(async () => { await h?.stop(); });

describe('authorization and idempotency checks against their sandbox faults', () => {
  faultCases(() => h, ['role-not-enforced', 'ownership-skipped', 'existence-leak', 'idempotency-off', 'mass-assignment']);
});
