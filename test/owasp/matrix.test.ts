import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/evidence/types';
import { listChecks } from '../../src/cli/commands/checks';
import { API_TOP10_2023, TOP10_2021 } from '../../src/owasp/categories';
import { owaspMatrices } from '../../src/owasp/matrix';
import { owaspHtml, owaspMarkdown } from '../../src/owasp/render';
import { tagsOf, tagsOfRule } from '../../src/owasp/tags';

/** Tags by rule, the two matrices as pure functions of a report's checks, and their rendering. */

const result = (id: string, status: CheckResult['status'], rules: string[] = [], message = '', region: string | null = null): CheckResult => ({
  id, layer: 'security', title: id, status, criteria: ['SEC-2'], region, endpoint: null, durationMs: 1, message, measurements: {}, evidence: [], rules,
});

describe('tags', () => {
  it('come from the rules a check declares (exact ids before prefixes), plus explicit extras', () => {
    expect(tagsOfRule('SEC-INJ-1')).toEqual(['A03:2021', 'API8:2023']);
    expect(tagsOfRule('AUTHZ-1')).toEqual(['A01:2021', 'API5:2023']);
    expect(tagsOfRule('AUTHZ-3')).toEqual(['A01:2021', 'API1:2023']);
    expect(tagsOf({ id: 'SEC-PROBE-JWT', rules: ['SEC-JWT-1'] })).toEqual(['A02:2021', 'A07:2021', 'A10:2021', 'API2:2023', 'API7:2023']);
    expect(tagsOf({ id: 'SEC-TLS-GRADE-asia', region: 'asia' })).toEqual(['A02:2021', 'API8:2023']);
    expect(tagsOf({ id: 'SOMETHING-ELSE' })).toEqual([]);
  });

  it('gx-verify checks --json carries them for every part-2 check', async () => {
    const { checks } = await listChecks();
    const byId = new Map(checks.map((c) => [c.id, c]));
    expect(byId.get('SEC-PROBE-SQLI')?.owasp).toEqual(['A03:2021', 'API8:2023']);
    expect(byId.get('SEC-VULN-DEPS')?.owasp).toEqual(['A06:2021', 'A08:2021']);
    expect(byId.get('SEC-PROBE-RESOURCES')?.owasp).toContain('API4:2023');
    // Every category is reachable by some check of the suite, or says in the matrix why it is not.
    const tagged = new Set(checks.flatMap((c) => c.owasp));
    const unreachable = [...TOP10_2021, ...API_TOP10_2023].filter((c) => !tagged.has(c.id)).map((c) => c.id);
    expect(unreachable.filter((id) => owaspMatrices([]).top10.concat(owaspMatrices([]).api).find((r) => r.id === id)?.why?.startsWith('No check'))).toEqual([]);
  });
});

describe('matrices', () => {
  const checks = [
    result('SEC-PROBE-SQLI', 'pass', ['SEC-INJ-1']),
    result('SEC-PROBE-JWT', 'fail', ['SEC-JWT-1']),
    result('SEC-VULN-DEPS', 'skipped', ['SEC-VULN-1'], 'Needs scan inputs: the profile names no `vulnerabilityScan` lockfiles, SBOMs or image reports.'),
    result('SEC-TLS-GRADE-asia', 'pass', [], '', 'asia'),
  ];
  const m = owaspMatrices(checks);
  const row = (id: string) => [...m.top10, ...m.api].find((r) => r.id === id)!;

  it('pass when a tagged check passed and none failed; fail when any failed', () => {
    expect(row('A03:2021')).toMatchObject({ status: 'pass', checks: ['SEC-PROBE-SQLI'] });
    expect(row('A02:2021')).toMatchObject({ status: 'fail', checks: ['SEC-PROBE-JWT', 'SEC-TLS-GRADE-asia'] });
    expect(row('API7:2023').status).toBe('fail');
  });

  it('not covered, with why: a skipped check says what it needed; untagged categories say what would cover them', () => {
    expect(row('A08:2021')).toMatchObject({ status: 'not-covered', why: expect.stringMatching(/SEC-VULN-DEPS was skipped: Needs scan inputs/) });
    expect(row('A09:2021')).toMatchObject({ status: 'not-covered', why: expect.stringMatching(/LOG-1/) });
    expect(m.top10).toHaveLength(10);
    expect(m.api).toHaveLength(10);
  });

  it('render as markdown tables and an HTML fragment, text escaped', () => {
    const md = owaspMarkdown(m).join('\n');
    expect(md).toContain('### OWASP Top 10 2021');
    expect(md).toContain('| A03:2021 – Injection | ✅ pass | SEC-PROBE-SQLI |');
    expect(md).toContain('### OWASP API Security Top 10 2023');
    const html = owaspHtml(owaspMatrices([result('X<script>', 'skipped', ['SEC-VULN-1'], '<b>why</b>')]));
    expect(html).toContain('<section id="owasp">');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;b&gt;why&lt;/b&gt;');
  });
});
