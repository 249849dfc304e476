import { describe, expect, it } from 'vitest';
import { CONTRACT_RULES, DOCUMENTED_ERRORS, getContractRule } from '../../src/rules/index';
import { CATALOG } from '../../src/catalog/index';
import { isCriterionId } from '../../src/criteria/registry';
import { contractErrorRows, contractRuleIds, contractText } from './contract';

const text = contractText();

describe('contract rule registry', () => {
  it('holds every rule id of the contract with the contract\'s strength, and no other', () => {
    const rows = contractRuleIds(text);
    expect(rows.length).toBeGreaterThan(150);
    for (const row of rows) {
      const rule = getContractRule(row.id);
      expect(rule, `${row.id} is missing from src/rules`).toBeDefined();
      expect(rule!.kind).toBe('rule');
      expect(rule!.strength, row.id).toBe(row.strength);
    }
    const registryRules = CONTRACT_RULES.filter((r) => r.kind === 'rule').map((r) => r.id).sort();
    expect(registryRules).toEqual(rows.map((r) => r.id).sort());
  });

  it('holds every row of every §6 Errors column, with status, message and strength', () => {
    const rows = contractErrorRows(text);
    expect(rows.length).toBeGreaterThan(80);
    // Only rows that refer elsewhere carry no quoted message: "403 per §3.5", "403/404 as #10",
    // "401 per AUTH-7", "400 per field (VAL-6)" and the VAL-6 note of #26–#31.
    const referring = rows.filter((r) => r.message === null).map((r) => `${r.endpoint}:${r.status}`);
    expect(referring.sort()).toEqual(['#10:403', '#11:403', '#11:404', '#26:400', '#27:400', '#28:400', '#30:400', '#31:400', '#38:400', 'I3:401'].sort());
    const unmatched = new Set(DOCUMENTED_ERRORS.map((r) => r.id));
    for (const row of rows) {
      const candidates = DOCUMENTED_ERRORS.filter((r) => r.endpoint === row.endpoint && r.status === row.status
        && (row.message === null || r.message === row.message) && unmatched.has(r.id));
      expect(candidates.length, `no registry entry for ${row.endpoint} ${row.status} ${row.raw}`).toBeGreaterThan(0);
      const hit = candidates[0];
      expect(hit.strength, `${hit.id} strength (${row.raw})`).toBe(row.strength);
      unmatched.delete(hit.id);
    }
    expect([...unmatched], 'registry entries the contract does not list').toEqual([]);
  });

  it('names documented errors <endpoint>:<status>:<slug> for catalog endpoints, each also in the catalog', () => {
    for (const r of DOCUMENTED_ERRORS) {
      expect(r.id).toMatch(/^(I[1-8]|#\d{1,2}):\d{3}:[a-z][a-z0-9-]*$/);
      expect(r.id.startsWith(`${r.endpoint}:${r.status}:`)).toBe(true);
      const endpoint = CATALOG.find((e) => e.id === r.endpoint);
      expect(endpoint, r.id).toBeDefined();
      if (r.message!.includes('<field>')) continue; // VAL-6: any message naming the field
      expect(endpoint!.errors.some((e) => e.status === r.status && e.message === r.message), `${r.id} not in the catalog`).toBe(true);
    }
  });

  it('maps every rule to known criteria, and the families to the criteria they weaken', () => {
    for (const r of CONTRACT_RULES) {
      expect(r.criteria.length, r.id).toBeGreaterThan(0);
      for (const c of r.criteria) expect(isCriterionId(c), `${r.id}: ${c}`).toBe(true);
    }
    const has = (id: string, ...criteria: string[]) => expect(getContractRule(id)!.criteria).toEqual(expect.arrayContaining(criteria));
    for (const r of CONTRACT_RULES.filter((x) => x.id.startsWith('ERR-'))) expect(r.criteria).toContain('IT-API-4');
    for (const r of CONTRACT_RULES.filter((x) => /^AUTH-[0-9]/.test(x.id))) expect(r.criteria).toContain('IT-API-2');
    for (const r of CONTRACT_RULES.filter((x) => x.id.startsWith('AUTHZ-'))) expect(r.criteria).toEqual(expect.arrayContaining(['IT-API-3', 'SEC-2']));
    for (const r of CONTRACT_RULES.filter((x) => x.id.startsWith('NP-'))) expect(r.criteria).toEqual(expect.arrayContaining(['SEC-1', 'ST-NETPOL']));
    for (const r of CONTRACT_RULES.filter((x) => /^(OUT|PROJ)-/.test(x.id))) expect(r.criteria.some((c) => c.startsWith('IT-FAB-'))).toBe(true);
    for (const id of ['EDGE-2', 'EDGE-3']) has(id, 'SEC-3', 'FUNC-5', 'ST-TLS');
    has('AUTH-2', 'IT-API-2', 'SEC-2');
    has('#1:400:self-transfer', 'IT-API-4');
    has('I1:401:inactive', 'IT-API-2', 'IT-API-4');
    has('#3:403:not-owner', 'IT-API-3', 'SEC-2');
    expect(getContractRule('#1:400:self-transfer')!.criteria).not.toContain('IT-API-2');
  });
});
