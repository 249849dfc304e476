import { readFile } from 'node:fs/promises';
import { defineCheck, skip } from '../../src/checks/define';
import { SERVICE_KEYS } from '../../src/catalog/services';
import { scanPaths } from '../../src/secrets/index';
import { SEC_ROUTED } from '../integration/support/routing';
import { askRaw } from './support/ask';
import { probeToken } from './support/identity';
import { serviceBase } from './support/probes';
import { secretOutcome } from './support/secret-findings';

/**
 * SEC-SECRETS-LOGS (LOG-1, AUTH-4, SEC-4): the service logs the profile lists in `scan.logPaths`
 * are JSON lines and hold no secret, token, password hash or Authorization header. The check
 * first sends one authenticated request per service, so the logs have something to leak.
 */

const FLUSH_MS = 300;

export const secretsLogsCheck = defineCheck({
  id: 'SEC-SECRETS-LOGS',
  layer: 'security',
  title: 'Service logs are structured JSON and hold no secrets, tokens or Authorization headers',
  criteria: ['SEC-4'],
  rules: ['LOG-1'],
  dependsOn: SEC_ROUTED,
  async run(ctx) {
    const paths = ctx.target.scan?.logPaths ?? [];
    if (paths.length === 0) return skip('No logs to scan: the profile has no `scan.logPaths`.');
    const token = await probeToken(ctx, 'userA');
    let reached = 0;
    if (token) {
      for (const service of SERVICE_KEYS) {
        const { answer } = await askRaw(ctx, { service }, { url: `${serviceBase(ctx, service)}/health`, token, note: `${service} authenticated request to be logged` });
        if (answer.expected) reached++;
        else ctx.observe.unusable(answer.kind);
      }
      await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
    }
    const scan = await scanPaths(paths, { known: ctx.target.secrets });
    if (scan.filesScanned === 0) throw new Error(`No log file could be read: ${scan.skipped.map((s) => `${s.path} (${s.reason})`).join(', ')}`);
    // The scan is judged when the logs had an authenticated request to leak (or no token could be had at all).
    if (!token || reached > 0) ctx.observe.judged();
    let lines = 0;
    const notJson: string[] = [];
    for (const path of paths) {
      const text = await readFile(path, 'utf8').catch(() => '');
      text.split('\n').forEach((line, i) => {
        if (line.trim() === '') return;
        lines++;
        try { JSON.parse(line); } catch { notJson.push(`${path}:${i + 1}`); }
      });
    }
    // Every line that is not JSON is a finding of its own (none dropped).
    for (const at of notJson) ctx.findings.add({ rule: 'LOG-1', text: `${at}: a log line that is not JSON`, evidence: [{ note: 'log line position', response: at }] });
    const measurements = { files: scan.filesScanned, lines, notJsonLines: notJson.length, authenticatedRequests: token ? SERVICE_KEYS.length : 0, reachedServices: reached };
    return secretOutcome(scan.findings, `${lines} log lines`, measurements, { rule: 'LOG-1', component: 'service' });
  },
});
