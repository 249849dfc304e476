import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_FAULTS } from '../../sandbox/faults/auth-faults';
import { checks } from '../../suites/integration/index';
import { explain, startHarness, type IntegrationHarness } from './harness';

/**
 * The auth and idempotency faults against the JWT and idempotency checks, on one sandbox
 * (no ledger, no edges). Each fault: its checks pass clean, fail while it is on — and no other
 * JWT/idempotency check fails (it passes, or says it could not exercise its rule), so the fault is
 * blamed only on what it names — and pass again once it is switched off.
 */

type AuthFault = keyof typeof AUTH_FAULTS;
const FAULTS = Object.keys(AUTH_FAULTS) as AuthFault[];
const GUARDED = checks.map((c) => c.id).filter((id) => id.startsWith('INT-JWT-') || id.startsWith('INT-IDEMPOTENCY-'));

let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-it-authf'); });
afterAll(async () => { await h?.stop(); });

describe('JWT and idempotency checks against the auth faults', () => {
  it('every JWT and idempotency check passes on the clean sandbox', async () => {
    await h.sandbox.faults.set([]);
    const clean = await h.run(GUARDED);
    for (const id of GUARDED) expect(clean.get(id)?.status, explain(clean.get(id))).toBe('pass');
  });

  for (const fault of FAULTS) {
    const linked: readonly string[] = AUTH_FAULTS[fault].checks;
    it(`${fault}: turns ${linked.join(', ')} red and nothing else of the set; green again when off`, async () => {
      await h.sandbox.faults.set([fault]);
      try {
        const red = await h.run(GUARDED);
        for (const id of GUARDED) {
          const result = red.get(id);
          if (linked.includes(id)) expect(result?.status, explain(result)).toBe('fail');
          // Another check never takes the blame; one the fault deprives of every answer it could
          // judge (a 401 says nothing about idempotency scope) says so instead of passing.
          else expect(`${result?.status}: ${result?.message}`, explain(result)).toMatch(/^pass: |^error: could not exercise: /);
          // A failing check names what it sent and what came back.
          if (linked.includes(id)) expect(result!.evidence.length, explain(result)).toBeGreaterThan(0);
        }
      } finally {
        await h.sandbox.faults.set([]);
      }
      const again = await h.run(linked);
      for (const id of linked) expect(again.get(id)?.status, explain(again.get(id))).toBe('pass');
    });
  }
});
