import { defineCheck, skip } from '../../src/checks/define';
import { scanPaths } from '../../src/secrets/index';
import { secretOutcome } from './support/secret-findings';

/**
 * SEC-SECRETS-CONFIG (AUTH-4, §13.1 Secret, SEC-4): the deployment's configuration — the
 * Kubernetes manifests folder and the generated configs the profile lists in `scan.configPaths`
 * (the sandbox: its service env file and the edges' nginx confs) — holds no secret value.
 */

export const secretsConfigCheck = defineCheck({
  id: 'SEC-SECRETS-CONFIG',
  layer: 'security',
  title: 'No secrets (JWT secret, keys, passwords, DSNs with passwords) in manifests or configs',
  criteria: ['SEC-4'],
  rules: ['AUTH-4'],
  async run(ctx) {
    const paths = [...(ctx.target.kubernetes?.manifests ? [ctx.target.kubernetes.manifests] : []), ...(ctx.target.scan?.configPaths ?? [])];
    if (paths.length === 0) return skip('No configuration to scan: the profile has neither `kubernetes.manifests` nor `scan.configPaths`.');
    const scan = await scanPaths(paths, { known: ctx.target.secrets });
    const unreadable = scan.skipped.filter((s) => s.reason !== 'binary');
    if (scan.filesScanned === 0) throw new Error(`None of the configured paths could be read: ${unreadable.map((s) => `${s.path} (${s.reason})`).join(', ')}`);
    ctx.log(`scanned ${scan.filesScanned} files; skipped ${scan.skipped.length}`);
    return secretOutcome(scan.findings, `${scan.filesScanned} configuration files`, { files: scan.filesScanned, skipped: scan.skipped.length }, { rule: 'AUTH-4', component: 'config' });
  },
});
