import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, filesUnder, readJson } from './helpers';

/**
 * `gx-verify run` against the built-in sandbox with faults switched on: the checks guarding
 * them fail, so do the criteria of the rules they show broken, the verdict is NO-GO and the exit code 1; no token or
 * database password reaches the run folder.
 */
const FAULTS: Record<string, string[]> = {
  'envelope-drift': ['INT-UNKNOWN-ROUTE'],
  'empty-state-500': ['INT-ERRORS-E33', 'INT-ERRORS-E34'],
  'bigint-500': ['INT-CONTRACT-E05'],
  'schema-drift': ['INT-DB-SCHEMA'],
};

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'gxv-sandbox-run-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('gx-verify run on the sandbox', () => {
  it('with faults on: the guarding checks and their criteria fail, NO-GO, exit 1', async () => {
    const out = path.join(dir, 'faults');
    const r = await cli(['run', '--layers', 'integration', '--faults', Object.keys(FAULTS).join(','), '--out', out]);
    expect(r.code, r.stderr.slice(-2_000)).toBe(1);
    const report = await readJson(path.join(out, 'report.json'));
    expect(report).toMatchObject({ verdict: 'NO-GO', complete: true, target: { profile: 'sandbox' } });
    const byId = new Map<string, any>(report.checks.map((c: any) => [c.id, c]));
    const criteria = new Map<string, any>(report.criteria.map((c: any) => [c.id, c]));
    for (const id of Object.values(FAULTS).flat()) {
      const check = byId.get(id);
      expect(check?.status, `${id}: ${check?.message}`).toBe('fail');
      // A failing check counts against the criteria of the rules its findings broke (countsAgainst).
      const against: string[] = check.countsAgainst ?? check.criteria;
      expect(against.length, `${id} counts against no criterion`).toBeGreaterThan(0);
      for (const criterion of against) expect(criteria.get(criterion).status, `${criterion} via ${id}`).toBe('fail');
    }
    for (const file of await filesUnder(out)) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toMatch(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\./);
      expect(text, file).not.toMatch(/postgres(?:ql)?:\/\/[^:\s]+:(?!\[REDACTED\])[^@\s]+@/);
    }
  }, 400_000);

  it('Ctrl-C while the sandbox boots: partial report within 5 s, NO-GO, exit 1', async () => {
    const out = path.join(dir, 'interrupted');
    let signalledAt = 0;
    let reportAfterMs = -1;
    const spawned = Date.now();
    const r = await cli(['run', '--layers', 'integration', '--out', out], {}, undefined, (kill) => {
      setTimeout(() => {
        signalledAt = Date.now();
        kill('SIGINT');
        const poll = setInterval(() => {
          if (existsSync(path.join(out, 'report.json'))) { reportAfterMs = Date.now() - signalledAt; clearInterval(poll); }
          if (Date.now() - signalledAt > 10_000) clearInterval(poll);
        }, 50);
      }, 3_000);
    });
    expect(signalledAt).toBeGreaterThan(spawned);
    expect(r.code, r.stderr).toBe(1);
    expect(reportAfterMs).toBeGreaterThanOrEqual(0);
    expect(reportAfterMs).toBeLessThan(5_000);
    const report = await readJson(path.join(out, 'report.json'));
    expect(report).toMatchObject({ complete: false, verdict: 'NO-GO' });
    expect(report.checks.some((c: any) => c.message.startsWith('Not run: the run was interrupted'))).toBe(true);
  }, 120_000);
});
