import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { signatureAlgorithmOf } from './der';
import type { CertificateInfo, ChainFindings } from './types';

const DAY_MS = 86_400_000;

function describe(cert: X509Certificate): CertificateInfo {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const keyType = key.asymmetricKeyType ?? 'unknown';
  const keyBits = details.modulusLength ?? (details.namedCurve ? curveBits(details.namedCurve) : keyType === 'ed25519' ? 256 : 0);
  let signatureAlgorithm = 'unknown';
  try {
    signatureAlgorithm = signatureAlgorithmOf(cert.raw);
  } catch {
    // recorded as unknown; the rating treats it as not weak
  }
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    sans: (cert.subjectAltName ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    serialNumber: cert.serialNumber,
    fingerprint256: cert.fingerprint256,
    signatureAlgorithm,
    keyType: keyType === 'rsa' || keyType === 'rsa-pss' ? 'RSA' : keyType === 'ec' ? 'EC' : keyType.toUpperCase(),
    keyBits,
    rsaExponent: details.publicExponent !== undefined ? Number(details.publicExponent) : undefined,
    selfSigned: cert.subject === cert.issuer && safeVerify(cert, cert),
  };
}

function curveBits(curve: string): number {
  const known: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521, secp256k1: 256 };
  return known[curve] ?? Number(/(\d{3})/.exec(curve)?.[1] ?? 0);
}

function safeVerify(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function weakSignature(algorithm: string): ChainFindings['weakSignature'] {
  if (/^md2/i.test(algorithm)) return 'MD2';
  if (/^md5/i.test(algorithm)) return 'MD5';
  if (/sha1/i.test(algorithm)) return 'SHA1';
  return undefined;
}

/**
 * Judges the chain the server sent (leaf first). `verifyError` is OpenSSL's verdict from the
 * handshake; completeness is checked separately: walking from the leaf through the certificates
 * the server sent must reach one issued by a trusted root (otherwise a client without cached
 * intermediates fails).
 */
export function analyseChain(chainDer: Buffer[], servername: string, caPem: string | undefined, verifyError: string | undefined, now = new Date()): ChainFindings {
  const certs = chainDer.map((der) => new X509Certificate(der));
  const roots = (caPem ? splitPem(caPem) : [...rootCertificates]).map((pem) => new X509Certificate(pem));
  const leaf = certs[0];
  if (!leaf) throw new Error('The server sent no certificate');
  const isRoot = (cert: X509Certificate) => roots.some((root) => root.fingerprint256 === cert.fingerprint256);
  // node may append the trusted root it found; that one was not necessarily sent.
  const sent = certs.filter((cert, index) => index === 0 || !isRoot(cert));
  let current = leaf;
  let chainComplete = false;
  for (let hops = 0; hops < 10; hops += 1) {
    if (roots.some((root) => safeVerify(current, root))) { chainComplete = true; break; }
    const next = sent.find((cert) => cert !== current && safeVerify(current, cert));
    if (!next) break;
    current = next;
  }
  const info = sent.map(describe);
  const notAfter = new Date(leaf.validTo).getTime();
  const expired = notAfter < now.getTime() || sent.some((cert) => new Date(cert.validTo).getTime() < now.getTime());
  const notYetValid = new Date(leaf.validFrom).getTime() > now.getTime();
  const selfSigned = info[0].selfSigned;
  const weak = info.filter((c) => !c.selfSigned).map((c) => weakSignature(c.signatureAlgorithm)).find(Boolean);
  return {
    certificates: info,
    trusted: !verifyError && chainComplete,
    trustError: verifyError ?? (chainComplete ? undefined : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'),
    trustStore: caPem ? 'profile-ca' : 'system',
    nameMatches: leaf.checkHost(servername) !== undefined,
    servername,
    expired,
    notYetValid,
    daysRemaining: Math.floor((notAfter - now.getTime()) / DAY_MS),
    selfSigned,
    chainComplete,
    weakSignature: weak,
  };
}

export function splitPem(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
