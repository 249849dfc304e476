import { describe, expect, it } from 'vitest';
import { listChecks } from '../../src/cli/commands/checks';
import { matchesGlob } from '../../src/criteria/essential';
import { CRITERIA } from '../../src/criteria/registry';

/**
 * An essential nothing can satisfy would keep its criterion from ever passing: every essential's
 * glob names checks that exist, and every endpoint it asks for has one of them.
 */
describe('essential evidence of the registry', () => {
  it('names checks that exist and endpoints those checks cover', async () => {
    const { checks } = await listChecks();
    const unsatisfiable: string[] = [];
    for (const criterion of CRITERIA) {
      for (const essential of criterion.essential ?? []) {
        const matching = checks.filter((c) => matchesGlob(c.id, essential.checks));
        if (matching.length === 0) unsatisfiable.push(`${criterion.id}: no check matches ${essential.checks}`);
        const covered = new Set(matching.map((c) => c.endpoint));
        for (const endpoint of essential.endpoints ?? []) {
          if (!covered.has(endpoint)) unsatisfiable.push(`${criterion.id}: no ${essential.checks} check for ${endpoint}`);
        }
      }
    }
    expect(unsatisfiable).toEqual([]);
  });
});
