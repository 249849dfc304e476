import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../suites/integration/index';
import { explain, startHarness, type IntegrationHarness } from '../integration/harness';

let h: IntegrationHarness;
beforeAll(async () => { h = await startHarness('gxv-docerr-clean'); }, 120_000);
afterAll(async () => { await h?.stop(); });

describe('documented errors on a correct target', () => {
  it('every INT-DOCERR check stays green on a correct target, and the inspectors judge their answers', async () => {
    const ids = [...checks.filter((c) => c.id.startsWith('INT-DOCERR-')).map((c) => c.id), 'INT-ANSWERS-E1', 'INT-ANSWERS-LEAKS'];
    const results = await h.run(ids);
    for (const id of ids) { const r = results.get(id)!; console.log(id, r.status, r.message, (r.findings ?? []).map((f) => `${f.rule}${f.advisory ? "(adv)" : ""}: ${f.text}`).join(" | ")); }
    const bad = ids.map((id) => results.get(id)!).filter((r) => r.status !== 'pass');
    for (const r of bad) console.log(explain(r), JSON.stringify(r.findings?.slice(0, 5), null, 1));
    expect(bad.map((r) => `${r.id}: ${r.status}`)).toEqual([]);
  }, 240_000);
});
