import { describe, expect, it } from 'vitest';
import { parseCipherLine } from '../../src/tls/cipher-catalog';
import { cipherPoints, keyPoints, letterForScore, meetsGrade, protocolScore, rate, type RatingInput } from '../../src/tls/rating';
import type { AcceptedSuite, CertificateInfo, EphemeralKey, ProtocolName } from '../../src/tls/types';

// Suites built from real `openssl ciphers -V -stdname` lines, so the flags come from the parser under test.
const LINES: Record<string, string> = {
  ECDHE_AES128_GCM: '0xC0,0x2F - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 - ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 Kx=ECDH Au=RSA Enc=AESGCM(128) Mac=AEAD',
  ECDHE_AES256_GCM: '0xC0,0x30 - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 - ECDHE-RSA-AES256-GCM-SHA384 TLSv1.2 Kx=ECDH Au=RSA Enc=AESGCM(256) Mac=AEAD',
  TLS13_AES256: '0x13,0x02 - TLS_AES_256_GCM_SHA384 - TLS_AES_256_GCM_SHA384 TLSv1.3 Kx=any Au=any Enc=AESGCM(256) Mac=AEAD',
  ECDHE_AES128_CBC: '0xC0,0x13 - TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA - ECDHE-RSA-AES128-SHA TLSv1 Kx=ECDH Au=RSA Enc=AES(128) Mac=SHA1',
  RSA_AES128_CBC: '0x00,0x2F - TLS_RSA_WITH_AES_128_CBC_SHA - AES128-SHA SSLv3 Kx=RSA Au=RSA Enc=AES(128) Mac=SHA1',
  DHE_AES128_CBC: '0x00,0x33 - TLS_DHE_RSA_WITH_AES_128_CBC_SHA - DHE-RSA-AES128-SHA SSLv3 Kx=DH Au=RSA Enc=AES(128) Mac=SHA1',
  ADH_AES128_GCM: '0x00,0xA6 - TLS_DH_anon_WITH_AES_128_GCM_SHA256 - ADH-AES128-GCM-SHA256 TLSv1.2 Kx=DH Au=None Enc=AESGCM(128) Mac=AEAD',
  NULL_SHA256: '0x00,0x3B - TLS_RSA_WITH_NULL_SHA256 - NULL-SHA256 TLSv1.2 Kx=RSA Au=RSA Enc=None Mac=SHA256',
  RC4: '0x00,0x05 - TLS_RSA_WITH_RC4_128_SHA - RC4-SHA SSLv3 Kx=RSA Au=RSA Enc=RC4(128) Mac=SHA1',
  TDES: '0xC0,0x12 - TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA - ECDHE-RSA-DES-CBC3-SHA SSLv3 Kx=ECDH Au=RSA Enc=3DES(168) Mac=SHA1',
};

const x25519: EphemeralKey = { type: 'ECDH', name: 'X25519', bits: 253 };
function suite(key: keyof typeof LINES, protocol: ProtocolName, ephemeral?: EphemeralKey): AcceptedSuite {
  const info = parseCipherLine(LINES[key]);
  if (!info) throw new Error(`unparsed ${key}`);
  return { ...info, protocol, ephemeral: ephemeral ?? (info.kx === 'ECDH' || info.minProtocol === 'TLSv1.3' ? x25519 : undefined) };
}

const leaf = (keyType = 'RSA', keyBits = 2048, extra: Partial<CertificateInfo> = {}): CertificateInfo => ({
  subject: 'CN=api.gxcoin.money', issuer: 'CN=int', sans: ['DNS:api.gxcoin.money'], notBefore: '', notAfter: '', serialNumber: '1',
  fingerprint256: 'x', signatureAlgorithm: 'ecdsa-with-SHA256', keyType, keyBits, rsaExponent: keyType === 'RSA' ? 65537 : undefined, selfSigned: false, ...extra,
});

function clean(): RatingInput {
  return {
    protocols: { SSLv2: 'not-testable', SSLv3: 'not-testable', TLSv1: 'not-offered', 'TLSv1.1': 'not-offered', 'TLSv1.2': 'offered', 'TLSv1.3': 'offered' },
    suites: [suite('ECDHE_AES128_GCM', 'TLSv1.2'), suite('ECDHE_AES256_GCM', 'TLSv1.2'), suite('TLS13_AES256', 'TLSv1.3')],
    groups: [x25519],
    chain: { trusted: true, nameMatches: true, expired: false, notYetValid: false, selfSigned: false, chainComplete: true, certificates: [leaf()] },
    compression: false,
    secureRenegotiation: true,
    hsts: { present: true, maxAge: 63072000, malformed: false },
  };
}

type Case = { name: string; change: (input: RatingInput) => void; grade: string; trustIgnored?: string; cap?: RegExp; warning?: RegExp; trust?: RegExp };

const CASES: Case[] = [
  { name: 'clean TLS 1.2/1.3, ECDHE+AEAD, RSA-2048, long HSTS', change: () => {}, grade: 'A+' },
  { name: 'HSTS missing', change: (i) => { i.hsts = { present: false, malformed: false }; }, grade: 'A', cap: /HSTS is not offered/ },
  { name: 'HSTS one day', change: (i) => { i.hsts.maxAge = 86400; }, grade: 'A-', warning: /below 180 days/ },
  { name: 'HSTS max-age=0', change: (i) => { i.hsts.maxAge = 0; }, grade: 'A-', warning: /max-age is 0/ },
  { name: 'HSTS exactly 180 days', change: (i) => { i.hsts.maxAge = 15552000; }, grade: 'A+' },
  { name: 'TLS 1.3 not supported', change: (i) => { i.protocols['TLSv1.3'] = 'not-offered'; i.suites = i.suites.filter((s) => s.protocol !== 'TLSv1.3'); }, grade: 'A-', warning: /TLS 1.3 is not supported/ },
  { name: 'no secure renegotiation', change: (i) => { i.secureRenegotiation = false; }, grade: 'A-', warning: /renegotiation/ },
  { name: 'TLS 1.0 offered', change: (i) => { i.protocols.TLSv1 = 'offered'; i.suites.push(suite('ECDHE_AES128_CBC', 'TLSv1')); }, grade: 'B', cap: /TLS 1.0 is offered/ },
  { name: 'TLS 1.1 offered', change: (i) => { i.protocols['TLSv1.1'] = 'offered'; i.suites.push(suite('ECDHE_AES128_CBC', 'TLSv1.1')); }, grade: 'B', cap: /TLS 1.1 is offered/ },
  { name: 'DHE with 1024-bit group', change: (i) => { i.suites.push(suite('DHE_AES128_CBC', 'TLSv1.2', { type: 'DH', bits: 1024 })); }, grade: 'B', cap: /Key exchange score 80/ },
  { name: 'RSA-1024 certificate', change: (i) => { i.chain.certificates = [leaf('RSA', 1024)]; }, grade: 'B', cap: /Key exchange score 80/ },
  { name: 'RSA-512 certificate', change: (i) => { i.chain.certificates = [leaf('RSA', 512)]; }, grade: 'F', cap: /Key exchange score 40/ },
  { name: 'anonymous suite', change: (i) => { i.suites.push(suite('ADH_AES128_GCM', 'TLSv1.2')); }, grade: 'F' },
  { name: 'NULL cipher', change: (i) => { i.suites.push(suite('NULL_SHA256', 'TLSv1.2')); }, grade: 'F', cap: /less than 112-bit/ },
  { name: '3DES with TLS 1.2', change: (i) => { i.suites.push(suite('TDES', 'TLSv1.2')); }, grade: 'C', cap: /SWEET32/ },
  { name: 'RC4 with TLS 1.2', change: (i) => { i.suites.push(suite('RC4', 'TLSv1.2')); }, grade: 'C', cap: /RC4 with TLS 1.1/ },
  { name: 'only static-RSA CBC suites (TLS 1.2 only)', change: (i) => { i.protocols['TLSv1.3'] = 'not-offered'; i.suites = [suite('RSA_AES128_CBC', 'TLSv1.2')]; i.groups = []; }, grade: 'B', cap: /No forward secrecy/ },
  { name: 'CBC-only with ECDHE (TLS 1.2 only)', change: (i) => { i.protocols['TLSv1.3'] = 'not-offered'; i.suites = [suite('ECDHE_AES128_CBC', 'TLSv1.2')]; }, grade: 'B', cap: /No AEAD/ },
  { name: 'TLS 1.2 missing (1.3 only)', change: (i) => { i.protocols['TLSv1.2'] = 'not-offered'; i.suites = i.suites.filter((s) => s.protocol === 'TLSv1.3'); }, grade: 'C', cap: /TLS 1.2 is not supported/ },
  { name: 'compression', change: (i) => { i.compression = true; }, grade: 'C', cap: /CRIME/ },
  { name: 'incomplete chain', change: (i) => { i.chain.chainComplete = false; i.chain.trusted = false; }, grade: 'T', trustIgnored: 'B', cap: /Incomplete certificate chain/ },
  { name: 'expired certificate', change: (i) => { i.chain.expired = true; i.chain.trusted = false; i.chain.trustError = 'CERT_HAS_EXPIRED'; }, grade: 'T', trustIgnored: 'A+', trust: /expired/ },
  { name: 'self-signed', change: (i) => { i.chain.selfSigned = true; i.chain.trusted = false; }, grade: 'T', trust: /Self-signed/ },
  { name: 'SHA-1 signature', change: (i) => { i.chain.weakSignature = 'SHA1'; }, grade: 'T', trust: /SHA-1/ },
  { name: 'MD5 signature', change: (i) => { i.chain.weakSignature = 'MD5'; }, grade: 'F', cap: /MD5/ },
  { name: 'name mismatch', change: (i) => { i.chain.nameMatches = false; }, grade: 'M', trustIgnored: 'A+', trust: /name does not match/ },
  { name: 'EC P-256 certificate and 256-bit-only suites', change: (i) => { i.chain.certificates = [leaf('EC', 256)]; i.suites = i.suites.filter((s) => s.bits === 256); }, grade: 'A+' },
];

describe('SSL Labs rating (2009r rules from anchors §3.1)', () => {
  it.each(CASES)('$name → $grade', (c) => {
    const input = clean();
    c.change(input);
    const rating = rate(input);
    expect(rating.grade).toBe(c.grade);
    if (c.trustIgnored) expect(rating.gradeTrustIgnored).toBe(c.trustIgnored);
    if (c.cap) expect(rating.caps.map((x) => x.reason).join('\n')).toMatch(c.cap);
    if (c.warning) expect(rating.warnings.join('\n')).toMatch(c.warning);
    if (c.trust) expect(rating.trustIssues.join('\n')).toMatch(c.trust);
  });

  it('scores a clean RSA-2048 server 100/90/90 = 93', () => {
    const rating = rate(clean());
    expect(rating.categories).toEqual({ protocolSupport: 100, keyExchange: 90, cipherStrength: 90 });
    expect(rating.score).toBe(93);
  });

  it('a zero category zeroes the total', () => {
    const input = clean();
    input.suites.push(suite('NULL_SHA256', 'TLSv1.2'));
    const rating = rate(input);
    expect(rating.categories.cipherStrength).toBe(50);
    input.suites.push(suite('ADH_AES128_GCM', 'TLSv1.2'));
    expect(rate(input).categories.keyExchange).toBe(0);
    expect(rate(input).score).toBe(0);
  });

  it.each([[80, 'A'], [79.9, 'B'], [65, 'B'], [50, 'C'], [35, 'D'], [20, 'E'], [19, 'F']])('score %d → %s', (score, letter) => {
    expect(letterForScore(score)).toBe(letter);
  });

  it('category tables', () => {
    expect(protocolScore(['TLSv1', 'TLSv1.2'])).toBe(95);
    expect(protocolScore(['SSLv3', 'TLSv1.2'])).toBe(90);
    expect([keyPoints('RSA-DH', 511), keyPoints('RSA-DH', 1023), keyPoints('RSA-DH', 2047), keyPoints('RSA-DH', 2048), keyPoints('RSA-DH', 4096)]).toEqual([20, 40, 80, 90, 100]);
    expect([keyPoints('EC', 109), keyPoints('EC', 122), keyPoints('EC', 162), keyPoints('EC', 224), keyPoints('EC', 253)]).toEqual([20, 40, 80, 90, 100]);
    expect([cipherPoints(0), cipherPoints(56), cipherPoints(128), cipherPoints(168), cipherPoints(256)]).toEqual([0, 20, 80, 80, 100]);
  });

  it('grade targets', () => {
    expect(meetsGrade('A+', 'A+')).toBe(true);
    expect(meetsGrade('A', 'A+')).toBe(false);
    expect(meetsGrade('A-', 'A')).toBe(false);
    expect(meetsGrade('B', 'C')).toBe(true);
    expect(meetsGrade('T', 'F')).toBe(false);
  });
});
