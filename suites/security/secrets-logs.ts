import { readFile } from 'node:fs/promises';
import { CheckFailure, defineCheck, skip } from '../../src/checks/define';
import { SERVICE_KEYS } from '../../src/catalog/services';
import { scanPaths } from '../../src/secrets/index';
import { sendRaw } from './support/http';
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
  async run(ctx) {
    const paths = ctx.target.scan?.logPaths ?? [];
    if (paths.length === 0) return skip('No logs to scan: the profile has no `scan.logPaths`.');
    const token = await probeToken(ctx, 'userA');
    if (token) {
      for (const service of SERVICE_KEYS) {
        await sendRaw(ctx.region, { url: `${serviceBase(ctx, service)}/health`, token, note: `${service} authenticated request to be logged` });
      }
      await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
    }
    const scan = await scanPaths(paths, { known: ctx.target.secrets });
    if (scan.filesScanned === 0) throw new Error(`No log file could be read: ${scan.skipped.map((s) => `${s.path} (${s.reason})`).join(', ')}`);
    let lines = 0;
    const notJson: string[] = [];
    for (const path of paths) {
      const text = await readFile(path, 'utf8').catch(() => '');
      text.split('\n').forEach((line, i) => {
        if (line.trim() === '') return;
        lines++;
        try { JSON.parse(line); } catch { if (notJson.length < 5) notJson.push(`${path}:${i + 1}`); }
      });
    }
    const measurements = { files: scan.filesScanned, lines, authenticatedRequests: token ? SERVICE_KEYS.length : 0 };
    if (scan.findings.length === 0 && notJson.length > 0) {
      throw new CheckFailure({ message: `log lines that are not JSON (LOG-1): ${notJson.join(', ')}`, expected: 'structured JSON lines', received: notJson[0], measurements });
    }
    return secretOutcome(scan.findings, `${lines} log lines`, measurements, { rule: 'LOG-1', component: 'service' });
  },
});
