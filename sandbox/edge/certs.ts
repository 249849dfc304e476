import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The public hostname every edge serves (contract §12). */
export const EDGE_HOSTNAME = 'api.gxcoin.money';
/** The name on the leaf served by the edge-wrong-name-cert fault. */
export const WRONG_HOSTNAME = 'wrong.gxcoin.invalid';

/** A leaf plus the intermediate, as nginx wants it (leaf first), and its private key. */
export interface ServedCert {
  chainPath: string;
  keyPath: string;
}

/** The sandbox's own PKI, generated fresh per run with the openssl CLI. */
export interface EdgeCerts {
  dir: string;
  /** The test root CA (PEM): what clients trust, i.e. the profile's CA bundle. */
  caPem: string;
  caPath: string;
  /** Leaf for api.gxcoin.money, valid now. */
  valid: ServedCert;
  /** Leaf for api.gxcoin.money whose validity ended in the past. */
  expired: ServedCert;
  /** Leaf for another name. */
  wrongName: ServedCert;
  /** 1024-bit finite-field DH parameters (RFC 5114 group), used only by the edge-weak-cipher fault. */
  weakDhParamPath: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await run('openssl', args, { cwd, timeout: 30_000 });
}

const CA_CONFIG = `[ca]
default_ca = ca_default
[ca_default]
dir = .
database = index.txt
new_certs_dir = issued
serial = serial
default_md = sha256
policy = policy_any
copy_extensions = none
unique_subject = no
email_in_dn = no
[policy_any]
commonName = supplied
`;

function leafExtensions(name: string): string {
  return [
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature, keyEncipherment',
    'extendedKeyUsage = serverAuth',
    `subjectAltName = DNS:${name}`,
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    '',
  ].join('\n');
}

/**
 * Root (ECDSA P-256) → intermediate (ECDSA P-256) → leaves (one RSA-2048 key).
 * `openssl ca` is used for leaves because only it can set a past validity window (OpenSSL 3.0).
 */
export async function createEdgeCerts(dir: string): Promise<EdgeCerts> {
  await mkdir(join(dir, 'issued'), { recursive: true });
  await writeFile(join(dir, 'ca.cnf'), CA_CONFIG);
  await writeFile(join(dir, 'index.txt'), '');
  await writeFile(join(dir, 'serial'), '1000\n');
  await writeFile(join(dir, 'int.ext'), 'basicConstraints = critical, CA:TRUE, pathlen:0\nkeyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n');
  await writeFile(join(dir, 'leaf.ext'), leafExtensions(EDGE_HOSTNAME));
  await writeFile(join(dir, 'wrong.ext'), leafExtensions(WRONG_HOSTNAME));

  const ec = ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  await Promise.all([
    openssl([...ec, '-out', 'root.key'], dir),
    openssl([...ec, '-out', 'int.key'], dir),
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'leaf.key'], dir),
    openssl(['genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'dh_rfc5114:1', '-out', 'weak-dh.pem'], dir),
  ]);
  // The default openssl.cnf marks `req -x509` output as a CA (v3_ca: basicConstraints CA:true).
  await openssl(['req', '-x509', '-new', '-key', 'root.key', '-subj', '/O=GX Sandbox/CN=GX Sandbox Test Root CA', '-days', '30', '-sha256', '-out', 'root.pem'], dir);
  await openssl(['req', '-new', '-key', 'int.key', '-subj', '/O=GX Sandbox/CN=GX Sandbox Test Intermediate CA', '-out', 'int.csr'], dir);
  await openssl(['x509', '-req', '-in', 'int.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-days', '20', '-sha256', '-extfile', 'int.ext', '-out', 'int.pem'], dir);
  await openssl(['req', '-new', '-key', 'leaf.key', '-subj', `/CN=${EDGE_HOSTNAME}`, '-out', 'leaf.csr'], dir);
  await openssl(['req', '-new', '-key', 'leaf.key', '-subj', `/CN=${WRONG_HOSTNAME}`, '-out', 'wrong.csr'], dir);

  const issue = (csr: string, ext: string, out: string, validity: string[]) =>
    openssl(['ca', '-batch', '-notext', '-config', 'ca.cnf', '-cert', 'int.pem', '-keyfile', 'int.key', '-in', csr, '-extfile', ext, '-out', out, ...validity], dir);
  // Sequential: `openssl ca` keeps its serial and index in files.
  await issue('leaf.csr', 'leaf.ext', 'leaf.pem', ['-days', '10']);
  await issue('leaf.csr', 'leaf.ext', 'expired.pem', ['-startdate', '20240101000000Z', '-enddate', '20240401000000Z']);
  await issue('wrong.csr', 'wrong.ext', 'wrong.pem', ['-days', '10']);

  const intPem = await readFile(join(dir, 'int.pem'), 'utf8');
  const served = async (leaf: string, name: string): Promise<ServedCert> => {
    const chainPath = join(dir, `${name}-chain.pem`);
    await writeFile(chainPath, (await readFile(join(dir, leaf), 'utf8')) + intPem);
    return { chainPath, keyPath: join(dir, 'leaf.key') };
  };
  return {
    dir,
    caPem: await readFile(join(dir, 'root.pem'), 'utf8'),
    caPath: join(dir, 'root.pem'),
    valid: await served('leaf.pem', 'valid'),
    expired: await served('expired.pem', 'expired'),
    wrongName: await served('wrong.pem', 'wrong'),
    weakDhParamPath: join(dir, 'weak-dh.pem'),
  };
}
