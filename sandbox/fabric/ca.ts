import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Per-run test PKI for the emulated peer, made with the machine's `openssl` CLI (node:crypto can make
 * keys but not certificates). Like a Fabric test network (cryptogen), it has two CAs: a signing CA
 * whose certificates make up MSP `Org1MSP`, and a TLS CA for the peer's TLS server certificate.
 */
export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

export interface TestPki {
  /** MSP signing CA (the root the peer checks creators against). */
  ca: KeyPairPem;
  /** TLS CA; clients pass its certificate as the root of trust. */
  tlsCa: KeyPairPem;
  /** The peer's TLS server certificate (SAN: peer host, localhost, 127.0.0.1). */
  peerTls: KeyPairPem;
  /** The peer's own signing identity, used to sign endorsements. */
  peer: KeyPairPem;
  /** A client identity (OU=client) for the workers and the checks. */
  client: KeyPairPem;
}

export const PEER_HOST = 'peer0.org1.example.com';
const ORG_DOMAIN = 'org1.example.com';

interface LeafSpec {
  cn: string;
  ou?: string;
  /** Extra X509v3 lines (SAN, extendedKeyUsage). */
  extensions?: string[];
}

function newKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'gxv-fabric-ca-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A self-signed P-256 root CA, valid for two days (a run never lives longer). */
export async function createCa(cn: string, org = ORG_DOMAIN): Promise<KeyPairPem> {
  return withTempDir(async (dir) => {
    const keyPem = newKeyPem();
    await writeFile(join(dir, 'ca.key'), keyPem, { mode: 0o600 });
    await run('openssl', [
      'req', '-x509', '-new', '-key', join(dir, 'ca.key'), '-sha256', '-days', '2',
      '-subj', `/C=US/ST=North Carolina/L=Durham/O=${org}/CN=${cn}`,
      '-addext', 'basicConstraints=critical,CA:true',
      '-addext', 'keyUsage=critical,digitalSignature,keyCertSign,cRLSign',
      '-addext', 'subjectKeyIdentifier=hash',
      '-out', join(dir, 'ca.crt'),
    ]);
    return { certPem: await readFile(join(dir, 'ca.crt'), 'utf8'), keyPem };
  });
}

/** Issue a P-256 leaf certificate signed by `ca`. */
export async function issueCert(ca: KeyPairPem, spec: LeafSpec, org = ORG_DOMAIN): Promise<KeyPairPem> {
  return withTempDir(async (dir) => {
    const keyPem = newKeyPem();
    await writeFile(join(dir, 'ca.key'), ca.keyPem, { mode: 0o600 });
    await writeFile(join(dir, 'ca.crt'), ca.certPem);
    await writeFile(join(dir, 'leaf.key'), keyPem, { mode: 0o600 });
    const ext = [
      'basicConstraints=critical,CA:false',
      'keyUsage=critical,digitalSignature',
      'authorityKeyIdentifier=keyid',
      ...(spec.extensions ?? []),
    ];
    await writeFile(join(dir, 'ext.cnf'), ext.join('\n') + '\n');
    const ou = spec.ou ? `/OU=${spec.ou}` : '';
    await run('openssl', [
      'req', '-new', '-key', join(dir, 'leaf.key'), '-subj', `/C=US/ST=North Carolina/L=Durham/O=${org}${ou}/CN=${spec.cn}`,
      '-out', join(dir, 'leaf.csr'),
    ]);
    await run('openssl', [
      'x509', '-req', '-in', join(dir, 'leaf.csr'), '-CA', join(dir, 'ca.crt'), '-CAkey', join(dir, 'ca.key'),
      '-set_serial', `0x${randomBytes(16).toString('hex')}`, '-days', '2', '-sha256',
      '-extfile', join(dir, 'ext.cnf'), '-out', join(dir, 'leaf.crt'),
    ]);
    return { certPem: await readFile(join(dir, 'leaf.crt'), 'utf8'), keyPem };
  });
}

/** A client identity of MSP Org1MSP's shape (OU=client) issued by `ca`. */
export function issueClientCert(ca: KeyPairPem, cn: string, org = ORG_DOMAIN): Promise<KeyPairPem> {
  return issueCert(ca, { cn, ou: 'client' }, org);
}

export async function createTestPki(): Promise<TestPki> {
  const [ca, tlsCa] = await Promise.all([createCa(`ca.${ORG_DOMAIN}`), createCa(`tlsca.${ORG_DOMAIN}`)]);
  const [peerTls, peer, client] = await Promise.all([
    issueCert(tlsCa, {
      cn: PEER_HOST,
      extensions: [
        'extendedKeyUsage=serverAuth,clientAuth',
        `subjectAltName=DNS:${PEER_HOST},DNS:peer0,DNS:localhost,IP:127.0.0.1`,
      ],
    }),
    issueCert(ca, { cn: PEER_HOST, ou: 'peer' }),
    issueClientCert(ca, `User1@${ORG_DOMAIN}`),
  ]);
  return { ca, tlsCa, peerTls, peer, client };
}
