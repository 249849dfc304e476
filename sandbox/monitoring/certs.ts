import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EdgeCerts, ServedCert } from '../edge/certs';

const run = promisify(execFile);

/** The name the monitoring front serves (it is reached at 127.0.0.1, which the leaf also names). */
export const MONITORING_HOSTNAME = 'monitoring.gxcoin.money';

/**
 * A leaf for the monitoring front, issued by the sandbox's per-run intermediate CA (sandbox/edge/certs.ts),
 * so one CA file verifies the edges and the monitoring endpoints. `openssl ca` keeps its serial and
 * index in the PKI folder; call this after createEdgeCerts has finished.
 */
export async function issueMonitoringCert(pki: EdgeCerts): Promise<ServedCert> {
  const dir = pki.dir;
  await writeFile(join(dir, 'monitoring.ext'), [
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature, keyEncipherment',
    'extendedKeyUsage = serverAuth',
    `subjectAltName = DNS:${MONITORING_HOSTNAME}, IP:127.0.0.1`,
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    '',
  ].join('\n'));
  const openssl = (args: string[]) => run('openssl', args, { cwd: dir, timeout: 30_000 });
  await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'monitoring.key']);
  await openssl(['req', '-new', '-key', 'monitoring.key', '-subj', `/CN=${MONITORING_HOSTNAME}`, '-out', 'monitoring.csr']);
  await openssl(['ca', '-batch', '-notext', '-config', 'ca.cnf', '-cert', 'int.pem', '-keyfile', 'int.key', '-in', 'monitoring.csr',
    '-extfile', 'monitoring.ext', '-out', 'monitoring.pem', '-days', '10']);
  const chainPath = join(dir, 'monitoring-chain.pem');
  await writeFile(chainPath, (await readFile(join(dir, 'monitoring.pem'), 'utf8')) + (await readFile(join(dir, 'int.pem'), 'utf8')));
  return { chainPath, keyPath: join(dir, 'monitoring.key') };
}
