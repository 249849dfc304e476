import { afterAll, beforeAll, describe } from 'vitest';
import { startHarness, type IntegrationHarness } from './harness';
import { faultCases } from './fault-cases';

let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-it-errors'); });
afterAll(async () => { await h?.stop(); });

describe('contract, validation and error checks against their sandbox faults', () => {
  faultCases(() => h, ['validation-5xx', 'error-leak', 'bigint-500', 'empty-state-500', 'envelope-drift', 'readyz-ignores-db', 'schema-drift']);
});
