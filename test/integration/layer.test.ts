import { describe, expect, it } from 'vitest';
import { CORE_FAULTS } from '../../sandbox/faults/core-faults';
import { CATALOG } from '../../src/catalog/index';
import { joinChecks } from '../../src/checks/registry';
import { checks } from '../../suites/integration/index';

describe('the integration layer', () => {
  const ids = new Set(checks.map((c) => c.id));

  it('has every integration check id that a core sandbox fault names', () => {
    const named = Object.values(CORE_FAULTS).flatMap((f) => f.checks.filter((id: string) => id.startsWith('INT-')));
    expect(named.length).toBeGreaterThanOrEqual(19);
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('has a contract check per catalog route and unique ids with known criteria', () => {
    for (const endpoint of CATALOG) expect(ids.has(`INT-CONTRACT-${endpoint.key}`), endpoint.id).toBe(true);
    expect(() => joinChecks([checks])).not.toThrow();
    expect(checks.every((c) => c.layer === 'integration')).toBe(true);
  });

  it('declares the JWT matrix of issue 4.1, each case its own check', () => {
    for (const id of ['NO-HEADER', 'WRONG-SCHEME', 'EMPTY-BEARER', 'GARBAGE', 'BAD-SIGNATURE', 'ALG-NONE', 'ALG-CONFUSION',
      'EXPIRED', 'NBF-FUTURE', 'NO-EXP', 'WRONG-AUD', 'WRONG-ISS', 'REFRESH-AS-ACCESS', 'ACCESS-AT-REFRESH', 'REVOKED-REFRESH', 'VALID-ACCEPTED']) {
      expect(ids.has(`INT-JWT-${id}`), id).toBe(true);
    }
  });

  it('runs the database cut alone', () => {
    expect(checks.find((c) => c.id === 'INT-READYZ-DB')?.exclusive).toBe(true);
  });

  it('sends a pause or resume only alone: the contract checks of #28/#29 are the only exclusive contract checks', () => {
    // Sent beside other checks, the two raced: a refused pause retried by the outbox re-paused the system minutes later.
    expect(checks.filter((c) => c.id.startsWith('INT-CONTRACT-') && c.exclusive).map((c) => c.id)).toEqual(['INT-CONTRACT-E28', 'INT-CONTRACT-E29']);
  });
});
