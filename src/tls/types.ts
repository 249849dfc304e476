/** What the TLS grader observed and concluded about one host:port. */

export type ProtocolName = 'SSLv2' | 'SSLv3' | 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
export const PROTOCOLS: readonly ProtocolName[] = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** `not-testable`: the local TLS stack cannot speak it, so absence is not proven. */
export type ProtocolState = 'offered' | 'not-offered' | 'not-testable';

export interface CipherInfo {
  /** IANA name (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256). */
  iana: string;
  /** OpenSSL name (ECDHE-RSA-AES128-GCM-SHA256). */
  openssl: string;
  /** Two-byte code point, e.g. 0xC02F. */
  code: number;
  /** Lowest protocol the suite exists in, as OpenSSL lists it. */
  minProtocol: ProtocolName;
  kx: string;
  au: string;
  enc: string;
  /** Symmetric key bits (0 for NULL). */
  bits: number;
  mac: string;
  aead: boolean;
  cbc: boolean;
  forwardSecret: boolean;
  anonymous: boolean;
  export: boolean;
  rc4: boolean;
  tripleDes: boolean;
}

export interface AcceptedSuite extends CipherInfo {
  protocol: ProtocolName;
  /** Ephemeral key seen when this suite was negotiated (ECDH curve or DH group size). */
  ephemeral?: EphemeralKey;
}

export interface EphemeralKey {
  type: 'ECDH' | 'DH';
  name?: string;
  bits: number;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  sans: string[];
  notBefore: string;
  notAfter: string;
  serialNumber: string;
  fingerprint256: string;
  signatureAlgorithm: string;
  keyType: string;
  keyBits: number;
  rsaExponent?: number;
  selfSigned: boolean;
}

export interface ChainFindings {
  /** Certificates as sent by the server, leaf first. */
  certificates: CertificateInfo[];
  trusted: boolean;
  /** OpenSSL verification error code, when untrusted. */
  trustError?: string;
  trustStore: 'profile-ca' | 'system';
  nameMatches: boolean;
  servername: string;
  expired: boolean;
  notYetValid: boolean;
  daysRemaining: number;
  selfSigned: boolean;
  chainComplete: boolean;
  weakSignature?: 'MD2' | 'MD5' | 'SHA1';
}

export interface HstsFinding {
  present: boolean;
  raw?: string;
  /** Number of Strict-Transport-Security headers seen (more than one is a misconfiguration). */
  count: number;
  maxAge?: number;
  includeSubDomains: boolean;
  preload: boolean;
  malformed: boolean;
  status?: number;
  error?: string;
}

export type Grade = 'A+' | 'A' | 'A-' | 'B' | 'C' | 'D' | 'E' | 'F' | 'T' | 'M';

export interface GradeCap {
  grade: Exclude<Grade, 'A+' | 'A-'>;
  reason: string;
}

export interface Rating {
  grade: Grade;
  /** The grade if certificate trust/name issues are ignored (SSL Labs' gradeTrustIgnored). */
  gradeTrustIgnored: Grade;
  /** Weighted total, 0-100. */
  score: number;
  categories: { protocolSupport: number; keyExchange: number; cipherStrength: number };
  caps: GradeCap[];
  warnings: string[];
  trustIssues: string[];
  /** Why the grade is (or is not) A+. */
  notes: string[];
}

export interface TlsReport {
  host: string;
  port: number;
  servername: string;
  probedAt: string;
  durationMs: number;
  protocols: Record<ProtocolName, ProtocolState>;
  /** Accepted suites per protocol, in server preference order when the server enforces it. */
  suites: AcceptedSuite[];
  serverCipherPreference: boolean | 'unknown';
  /** Groups the server accepted for ECDHE / TLS 1.3 key exchange. */
  groups: EphemeralKey[];
  chain: ChainFindings;
  ocspStapling: boolean;
  secureRenegotiation: boolean | 'unknown';
  compression: boolean;
  hsts: HstsFinding;
  alpn?: string;
  rating: Rating;
  /** Probes that failed for reasons other than a refusal (so the report can say what is unproven). */
  errors: string[];
}
