import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, healthServer, ROOT, SECRET, writeProfile } from '../cli/helpers';

/**
 * The checks inside vitest (issue 17): `npx vitest run --project gx -t <id>` runs that check
 * through the same runner and writes the same report files as the CLI; a user's own check in a
 * `.ts` file outside the repo loads through both the CLI and vitest.
 */
const work = mkdtempSync(path.join(os.tmpdir(), 'gxv-vitest-'));
let health: Awaited<ReturnType<typeof healthServer>>;

beforeAll(async () => { health = await healthServer(); });
afterAll(() => { health.server.close(); rmSync(work, { recursive: true, force: true }); });

function vitest(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'gx', ...args], {
      cwd: ROOT, env: { ...process.env, CI: '', NO_COLOR: '1', GXV_TEST_SECRET: SECRET, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('close', (code) => resolve({ code, out }));
  });
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('the gx vitest project', () => {
  it('-t INT-JWT-EXPIRED runs that one check on the sandbox and writes the five report formats', async () => {
    const out = path.join(work, 'one');
    const r = await vitest(['-t', 'INT-JWT-EXPIRED'], { GXV_OUT: out });
    expect(r.out).toMatch(/Tests\s+.*1 passed/);
    expect(r.code).toBe(0);
    for (const f of ['report.json', 'report.md', 'report.html', 'junit.xml', 'allure-results', 'artifacts/run.log']) {
      expect(existsSync(path.join(out, f)), f).toBe(true);
    }
    const report = readJson(path.join(out, 'report.json'));
    expect(report.checks.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([['INT-JWT-EXPIRED', 'pass']]);
    expect(report.notes.join(' ')).toMatch(/Run through vitest: 1 of \d+ check executions ran/);
  }, 300_000);

  it('a user check in a .ts file outside the repo loads and runs through the CLI and through vitest', async () => {
    // A project of the user's own: gx-verify installed as a dependency, one check file.
    const project = path.join(work, 'my-project');
    mkdirSync(path.join(project, 'node_modules'), { recursive: true });
    symlinkSync(ROOT, path.join(project, 'node_modules', 'gx-verify'));
    const example = readFileSync(path.join(ROOT, 'fixtures/examples/health-answers.check.ts'), 'utf8');
    const file = path.join(project, 'checks', 'health.ts');
    mkdirSync(path.dirname(file));
    writeFileSync(file, example.replace('EXAMPLE-HEALTH-NAMES', 'MY-HEALTH-NAMES'));
    // The target: a local server answering /health (the CLI tests' fixture), the check module named by the profile.
    const profile = await writeProfile(work, health.port, ['FUNC-1'], { checkModules: [file] });

    const runDir = path.join(work, 'cli-run');
    const viaCli = await cli(['run', '--profile', profile, '--out', runDir, '--checks', 'MY-*']);
    expect(viaCli.code).toBe(1); // the fixture server's /health names no service: the check finds it
    const cliReport = readJson(path.join(runDir, 'report.json'));
    expect(cliReport.checks.map((c: { id: string }) => c.id)).toEqual(['MY-HEALTH-NAMES-local', 'MY-HEALTH-NAMES-second']);
    expect(cliReport.checks[0].status).toBe('fail');
    expect(cliReport.checks[0].findings).toHaveLength(7);
    expect(cliReport.checks[0].findings[0].text).toContain('identity /health answered 200 with service undefined');

    const viaVitest = await vitest(['-t', 'MY-HEALTH-NAMES'], { GXV_PROFILE: profile, GXV_OUT: path.join(work, 'vitest-run') });
    expect(viaVitest.code).toBe(1);
    expect(viaVitest.out).toContain('MY-HEALTH-NAMES-local fail: 7 finding(s)');
    const vitestReport = readJson(path.join(work, 'vitest-run', 'report.json'));
    expect(vitestReport.checks.map((c: { id: string; status: string }) => [c.id, c.status]))
      .toEqual(cliReport.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
  }, 300_000);

  it('a user module naming an unknown criterion is refused, naming the file', async () => {
    const bad = path.join(work, 'bad.ts');
    writeFileSync(bad, "export const checks = [{ id: 'BAD', layer: 'integration', title: 'x', criteria: ['NOPE-1'], run: async () => ({ status: 'pass' }) }];\n");
    const r = await cli(['checks', '--check-modules', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Check module ${bad}: Check BAD names unknown criteria: NOPE-1.`);
  });
});
