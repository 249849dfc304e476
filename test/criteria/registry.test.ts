import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CRITERIA, CRITERION_IDS } from '../../src/criteria/registry';
import { SANDBOX_WAIVERS } from '../../src/criteria/sandbox-waivers';

/** The contract's §16 tables, read from the shared contract so the registry cannot drift from it. */
function contractRows(): Array<[string, string]> {
  const candidates = ['../shared/gx-contract.md', '/work/shared/gx-contract.md'];
  const file = candidates.find((f) => { try { readFileSync(f); return true; } catch { return false; } });
  if (!file) throw new Error('gx-contract.md not found beside the repo');
  const text = readFileSync(file, 'utf8');
  const section = text.slice(text.indexOf('## 16. Seed success criteria'));
  const rows: Array<[string, string]> = [];
  for (const m of section.matchAll(/^\| ((?:FUNC|PERF|SEC|OPS|PT-LOAD|PT-STRESS|IT-DB|IT-FAB|IT-API)-\d+|ST-[A-Z]+) \| ([^|]+) \|/gm)) {
    rows.push([m[1], m[2].trim()]);
  }
  return rows;
}

describe('criteria registry', () => {
  it('has exactly the ids of contract §16, in order', () => {
    const expected = [
      ...['FUNC-1', 'FUNC-2', 'FUNC-3', 'FUNC-4', 'FUNC-5', 'FUNC-6'],
      ...['PERF-1', 'PERF-2', 'PERF-3', 'PERF-4'], ...['SEC-1', 'SEC-2', 'SEC-3', 'SEC-4'],
      ...['OPS-1', 'OPS-2', 'OPS-3', 'OPS-4', 'OPS-5'],
      ...['PT-LOAD-1', 'PT-LOAD-2', 'PT-LOAD-3', 'PT-STRESS-1', 'PT-STRESS-2', 'PT-STRESS-3'],
      ...['IT-DB-1', 'IT-DB-2', 'IT-DB-3', 'IT-FAB-1', 'IT-FAB-2', 'IT-FAB-3', 'IT-FAB-4'],
      ...['IT-API-1', 'IT-API-2', 'IT-API-3', 'IT-API-4'],
      ...['ST-OWASP', 'ST-PENTEST', 'ST-TLS', 'ST-NETPOL'],
    ];
    expect(CRITERION_IDS).toEqual(expected);
    expect(contractRows().map(([id]) => id)).toEqual(expected);
  });

  it('quotes every statement verbatim from the contract', () => {
    const byId = new Map(contractRows());
    for (const c of CRITERIA) expect(c.statement, c.id).toBe(byId.get(c.id));
  });

  it('groups checklist items: IT-* functional, PT-* performance, ST-* security; only PT-LOAD-2 and PT-STRESS-2 are advisory', () => {
    for (const c of CRITERIA) {
      if (c.id.startsWith('IT-')) expect(c.group).toBe('functional');
      if (c.id.startsWith('PT-')) expect(c.group).toBe('performance');
      if (c.id.startsWith('ST-')) expect(c.group).toBe('security');
    }
    expect(CRITERIA.filter((c) => !c.blocking).map((c) => c.id)).toEqual(['PT-LOAD-2', 'PT-STRESS-2']);
  });

  it('built-in sandbox waivers name known criteria, carry a reason and never waive a failure', () => {
    for (const w of SANDBOX_WAIVERS) {
      expect(CRITERION_IDS).toContain(w.criterion);
      expect(w.reason.length).toBeGreaterThan(10);
      expect(w.approvedBy).toBe('gx-verify built-in sandbox profile');
      expect(w.onlyNotEvaluated).toBe(true);
    }
  });
});
