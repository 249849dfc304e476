import { X509Certificate, createPrivateKey, createHash, sign, verify, type KeyObject } from 'node:crypto';
import { msp } from '@hyperledger/fabric-protos';

/**
 * The peer's MSP for channel members: a creator (SerializedIdentity: MSP id + PEM certificate) is
 * accepted only if its MSP id is the channel's and its certificate chains to the MSP's root CA and
 * is valid now. Signatures are ECDSA over SHA-256, DER-encoded, low-S only (Fabric rejects high-S).
 */
export class IdentityError extends Error {}

export interface VerifiedIdentity {
  mspId: string;
  certPem: string;
  subject: string;
  publicKey: KeyObject;
  notBefore: number;
  notAfter: number;
}

// P-256 group order and half of it: a signature with s > n/2 is malleable and refused.
const P256_N = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551');
const P256_HALF_N = P256_N >> 1n;

export class MspVerifier {
  private readonly root: X509Certificate;
  // Verified creators by SHA-256 of their bytes; bounded so a long run cannot grow it without limit.
  private readonly cache = new Map<string, VerifiedIdentity>();

  constructor(readonly mspId: string, rootCertPem: string, private readonly channel: string) {
    this.root = new X509Certificate(rootCertPem);
  }

  /** Check a serialized creator identity; throws IdentityError with a Fabric-like access-denied text. */
  verifyCreator(creator: Uint8Array): VerifiedIdentity {
    const key = createHash('sha256').update(creator).digest('hex');
    const cached = this.cache.get(key);
    if (cached && this.stillValid(cached)) return cached;
    let serialized: msp.SerializedIdentity;
    try {
      serialized = msp.SerializedIdentity.deserializeBinary(creator);
    } catch {
      throw new IdentityError(`access denied: channel [${this.channel}] creator org unknown, creator is malformed`);
    }
    const mspId = serialized.getMspid();
    if (mspId !== this.mspId) {
      throw new IdentityError(`access denied: channel [${this.channel}] creator org unknown, creator is malformed (MSP ${JSON.stringify(mspId)} is not a channel member)`);
    }
    const certPem = Buffer.from(serialized.getIdBytes_asU8()).toString('utf8');
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(certPem);
    } catch {
      throw new IdentityError(`access denied: channel [${this.channel}] creator org [${mspId}]: the identity is not a valid X.509 certificate`);
    }
    if (!cert.checkIssued(this.root) || !cert.verify(this.root.publicKey)) {
      throw new IdentityError(`access denied: channel [${this.channel}] creator org [${mspId}]: could not obtain certification chain: the supplied identity is not valid: x509: certificate signed by unknown authority`);
    }
    if (cert.ca) {
      throw new IdentityError(`access denied: channel [${this.channel}] creator org [${mspId}]: a CA certificate cannot be used as an identity`);
    }
    const identity: VerifiedIdentity = {
      mspId, certPem, subject: cert.subject, publicKey: cert.publicKey, notBefore: Date.parse(cert.validFrom), notAfter: Date.parse(cert.validTo),
    };
    if (!this.stillValid(identity)) {
      throw new IdentityError(`access denied: channel [${this.channel}] creator org [${mspId}]: the supplied identity is not valid: x509: certificate has expired or is not yet valid`);
    }
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(key, identity);
    return identity;
  }

  private stillValid(identity: VerifiedIdentity): boolean {
    const now = Date.now();
    return identity.notBefore <= now && now <= identity.notAfter;
  }
}

/** Verify an ECDSA/SHA-256 DER signature by `identity` over `message`, refusing high-S forms. */
export function verifySignature(identity: VerifiedIdentity, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length === 0) return false;
  const parsed = parseDerSignature(signature);
  if (!parsed || parsed.s > P256_HALF_N) return false;
  try {
    return verify('sha256', message, identity.publicKey, signature);
  } catch {
    return false;
  }
}

/** The peer's signer for endorsements: DER ECDSA over SHA-256, normalised to low-S like Fabric's BCCSP. */
export function newPeerSigner(keyPem: string): (message: Uint8Array) => Uint8Array {
  const key = createPrivateKey(keyPem);
  return (message) => {
    const der = sign('sha256', message, key);
    const parsed = parseDerSignature(der);
    if (!parsed || parsed.s <= P256_HALF_N) return der;
    return encodeDerSignature(parsed.r, P256_N - parsed.s);
  };
}

/** SerializedIdentity bytes for an MSP member. */
export function serializeIdentity(mspId: string, certPem: string): Uint8Array {
  const id = new msp.SerializedIdentity();
  id.setMspid(mspId);
  id.setIdBytes(Buffer.from(certPem));
  return id.serializeBinary();
}

function parseDerSignature(der: Uint8Array): { r: bigint; s: bigint } | null {
  // SEQUENCE (0x30, short length) of two INTEGERs (0x02, short length).
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return null;
  let offset = 2;
  const ints: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    if (der[offset] !== 0x02) return null;
    const len = der[offset + 1];
    const start = offset + 2;
    if (len === 0 || start + len > der.length) return null;
    ints.push(BigInt('0x' + Buffer.from(der.subarray(start, start + len)).toString('hex')));
    offset = start + len;
  }
  if (offset !== der.length) return null;
  return { r: ints[0], s: ints[1] };
}

function encodeDerSignature(r: bigint, s: bigint): Uint8Array {
  const int = (v: bigint) => {
    let hex = v.toString(16);
    if (hex.length % 2) hex = '0' + hex;
    let bytes = Buffer.from(hex, 'hex');
    if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
    return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
  };
  const body = Buffer.concat([int(r), int(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
