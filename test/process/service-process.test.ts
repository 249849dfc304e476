import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { FAULTS } from '../../sandbox/faults/catalog';
import { PROCESS_FAULTS } from '../../sandbox/faults/process-faults';
import { LAUNCHER_CWD, launcherCommand } from '../../sandbox/services/launcher/command';
import type { CheckResult } from '../../src/evidence/types';
import type { ServiceProcessTarget, Target } from '../../src/profile/target';
import { parseProfileData } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import { runChecks } from '../../src/run/runner';
import { processChecks } from '../../suites/integration/process/index';
import { freePort } from '../../src/clients/loopback';
import { awaitStart, withProcess } from '../../suites/integration/process/harness';
import { sandboxProfile } from '../../sandbox/lifecycle/profile';
import http from 'node:http';
import { testTarget } from '../run/fixture-target';

/**
 * SVC-1..3 on the sandbox's standalone launcher (svc-tax as its own process): the SVC-PROC-*
 * checks green on the clean launcher, and each process fault turns its check red, the
 * findings naming only its rule. No database is needed: the launcher's pool connects lazily and
 * the checks' requests never reach it (the base DATABASE_URL points at a closed port).
 */
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gxv-svc-proc-'));
const JWT = 'launcher-test-secret-0123456789-abcdefghij';

function spec(faults: string[] = []): ServiceProcessTarget {
  return {
    service: 'tax',
    command: launcherCommand('tax'),
    cwd: LAUNCHER_CWD,
    env: { DATABASE_URL: 'postgresql://gx:pw@127.0.0.1:1/gx', JWT_SECRET: JWT, TENANT_ID: 'default', ...(faults.length ? { GXV_FAULTS: faults.join(',') } : {}) },
    startTimeoutMs: 30_000,
  };
}

async function run(target: Target, ids?: readonly string[], concurrency = 1): Promise<Record<string, CheckResult>> {
  const checks = ids ? processChecks.filter((c) => ids.includes(c.id)) : processChecks;
  const outcome = await runChecks(checks, { runId: 'svc-proc', target, fixtures: null, artifactsDir: path.join(scratch, 'artifacts'), concurrency });
  return Object.fromEntries(outcome.results.map((r) => [r.id, r]));
}

const explain = (r: CheckResult) => `${r.status}: ${r.message}\n${(r.findings ?? []).map((f) => `${f.rule} ${f.text}`).join('\n')}`;

describe('the service process (SVC-1..3)', () => {
  it('without a serviceProcess section every check is skipped, saying what is missing', async () => {
    const results = await run(testTarget());
    for (const r of Object.values(results)) {
      expect(r.status).toBe('skipped');
      expect(r.message).toBe('Needs how to start one service process of the build under test: the profile has no `serviceProcess` section (service, command, cwd, env).');
    }
  });

  it('the clean launcher passes all three', async () => {
    const results = await run(testTarget({ serviceProcess: spec() }), undefined, 3);
    for (const r of Object.values(results)) expect(r.status, explain(r)).toBe('pass');
    expect(results['SVC-PROC-PORT'].message).toMatch(/TAX_SERVICE_PORT wins over PORT/);
  }, 120_000);

  it.each(Object.keys(PROCESS_FAULTS) as Array<keyof typeof PROCESS_FAULTS>)('fault %s turns its check red, every finding naming its rule', async (fault) => {
    const { checks, rules } = FAULTS[fault];
    const results = await run(testTarget({ serviceProcess: spec([fault]) }), checks);
    for (const id of checks) {
      const r = results[id];
      expect(r.status, explain(r)).toBe('fail');
      expect(r.findings?.length).toBeGreaterThan(0);
      expect(new Set(r.findings!.map((f) => f.rule))).toEqual(new Set(rules));
      const text = r.findings!.map((f) => f.text).join('\n');
      if (fault === 'port-prefers-PORT') expect(text).toMatch(/TAX_SERVICE_PORT=\d+, PORT=\d+: listened on \d+ \(PORT\), but the contract's order gives \d+ \(TAX_SERVICE_PORT\)/);
      if (fault === 'config-unvalidated') expect(text).toMatch(/JWT_SECRET shorter than 32 characters: invalid configuration must make it exit non-zero before listening, but it started and listened/);
      if (fault === 'sigterm-exits-at-once') expect(text).toMatch(/SIGTERM during an in-flight POST \/api\/v1\/fees\/calculate: .*the in-flight request was dropped/);
    }
  }, 120_000);

  it('the profile section is validated, its references resolved and its secrets redacted', () => {
    const dir = mkdtempSync(path.join(scratch, 'profile-'));
    writeFileSync(path.join(dir, 'jwt'), `${JWT}\n`);
    const base = { name: 'p', regions: [{ name: 'local', baseUrl: 'http://127.0.0.1:9' }], auth: { mode: 'mint', secret: { file: 'jwt' } } };
    const good = parseProfileData({ ...base, serviceProcess: { service: 'tax', command: ['node', 'main.js'], env: { JWT_SECRET: { file: 'jwt' }, DATABASE_URL: 'postgres://gx:hunter2@db/gx', LOG_LEVEL: 'info' } } }, dir, { env: {} });
    expect(good.ok, JSON.stringify(good)).toBe(true);
    if (!good.ok) return;
    const target = resolveTarget(good.profile, { env: {} });
    expect(target.serviceProcess).toEqual({ service: 'tax', command: ['node', 'main.js'], cwd: dir, env: { JWT_SECRET: JWT, DATABASE_URL: 'postgres://gx:hunter2@db/gx', LOG_LEVEL: 'info' }, startTimeoutMs: 30_000 });
    expect(target.secrets).toEqual(expect.arrayContaining([JWT, 'hunter2', 'postgres://gx:hunter2@db/gx']));
    expect(target.secrets).not.toContain('info');

    const bad = parseProfileData({ ...base, serviceProcess: { service: 'payments', command: [], cwd: 'nowhere', env: { 'BAD-NAME': 'x', JWT_SECRET: { env: 'MISSING_SECRET' } } } }, dir, { env: {} });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^serviceProcess\.service: /),
      expect.stringMatching(/^serviceProcess\.command: /),
      expect.stringMatching(/^serviceProcess\.env\.BAD-NAME: /),
    ]));
    const bad2 = parseProfileData({ ...base, serviceProcess: { service: 'tax', command: ['node'], cwd: 'nowhere', env: { JWT_SECRET: { env: 'MISSING_SECRET' } } } }, dir, { env: {} });
    expect(bad2.ok).toBe(false);
    if (bad2.ok) return;
    expect(bad2.errors).toEqual(expect.arrayContaining([
      'serviceProcess.env.JWT_SECRET: secret does not resolve: environment variable MISSING_SECRET is not set',
      expect.stringMatching(/^serviceProcess\.cwd: /),
    ]));
  });

  it('the sandbox profile declares the launcher; it reads the faults on at its start from the sandbox control', async () => {
    const dir = mkdtempSync(path.join(scratch, 'sandbox-'));
    const file = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const control = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ faults: req.url === '/faults' ? ['config-unvalidated'] : [] }));
    });
    await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
    try {
      const controlUrl = `http://127.0.0.1:${(control.address() as import('node:net').AddressInfo).port}`;
      const doc = sandboxProfile({
        tenantId: 'default', services: Object.fromEntries(['identity', 'tokenomics', 'organization', 'loanpool', 'governance', 'admin', 'tax'].map((k) => [k, 'http://127.0.0.1:9'])) as never,
        jwtSecretFile: file('jwt', JWT), databaseUrlFile: file('db', 'postgresql://gx:pw@127.0.0.1:1/gx'), redisUrlFile: file('redis', 'redis://:pw@127.0.0.1:1/0'),
        controlUrl, scan: { configPaths: [], logPaths: [] }, allowedOrigins: ['https://app.gxcoin.money'], edges: null, ledger: null,
        manifestsDir: dir, kubeconfig: null, sbomFile: file('sbom.json', '{}'),
      });
      const parsed = parseProfileData(JSON.parse(JSON.stringify(doc)), dir, { env: {} });
      expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
      if (!parsed.ok) return;
      const target = resolveTarget(parsed.profile, { env: {} });
      const proc = target.serviceProcess!;
      expect(proc).toMatchObject({ service: 'tax', cwd: LAUNCHER_CWD, env: { JWT_SECRET: JWT, GXV_SANDBOX_CONTROL: controlUrl } });
      expect(target.secrets).toEqual(expect.arrayContaining([JWT, 'pw']));
      // config-unvalidated, on in the (fake) sandbox: an invalid LOG_LEVEL no longer stops the start.
      const port = await freePort();
      const outcome = await withProcess(proc, { TAX_SERVICE_PORT: String(port), LOG_LEVEL: 'verbose' }, 'control faults', new AbortController().signal,
        (p) => awaitStart(p, [port], 30_000, new AbortController().signal));
      expect(outcome).toMatchObject({ kind: 'listening', port });
    } finally {
      control.close();
    }
  }, 60_000);
});
