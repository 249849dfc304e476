import { HSTS_MIN_SECONDS } from './probe-extras';
import type { AcceptedSuite, ChainFindings, EphemeralKey, Grade, GradeCap, HstsFinding, ProtocolName, ProtocolState, Rating } from './types';

/**
 * SSL Labs Server Rating Guide (2009r) as summarised in shared/reference/anchors.md §3.1:
 * three category scores (30/30/40, a zero anywhere zeroes the total), score → letter, caps that
 * only lower, T/M for trust and name problems, A+ for an uncapped warning-free A with long HSTS,
 * A- for an A with warnings. Choices where sources differ are noted inline.
 */
export interface RatingInput {
  protocols: Record<ProtocolName, ProtocolState>;
  suites: AcceptedSuite[];
  groups: EphemeralKey[];
  chain: Pick<ChainFindings, 'trusted' | 'trustError' | 'nameMatches' | 'expired' | 'notYetValid' | 'selfSigned' | 'chainComplete' | 'weakSignature' | 'certificates'>;
  compression: boolean;
  secureRenegotiation: boolean | 'unknown';
  hsts: Pick<HstsFinding, 'present' | 'maxAge' | 'malformed'>;
}

const PROTOCOL_POINTS: Record<ProtocolName, number> = { SSLv2: 0, SSLv3: 80, TLSv1: 90, 'TLSv1.1': 95, 'TLSv1.2': 100, 'TLSv1.3': 100 };
const LETTERS: Grade[] = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F'];

export function letterForScore(score: number): Grade {
  if (score >= 80) return 'A';
  if (score >= 65) return 'B';
  if (score >= 50) return 'C';
  if (score >= 35) return 'D';
  if (score >= 20) return 'E';
  return 'F';
}

const worse = (a: Grade, b: Grade): Grade => (LETTERS.indexOf(a) >= LETTERS.indexOf(b) ? a : b);

export function protocolScore(offered: ProtocolName[]): number {
  if (!offered.length) return 0;
  const points = offered.map((p) => PROTOCOL_POINTS[p]);
  return (Math.max(...points) + Math.min(...points)) / 2;
}

/** Points for one key: RSA/DH sizes in bits, EC sizes on the EC scale (X25519 counts as 253 bits). */
export function keyPoints(kind: 'RSA-DH' | 'EC', bits: number): number {
  const [t512, t1024, t2048, t4096] = kind === 'EC' ? [110, 123, 163, 225] : [512, 1024, 2048, 4096];
  if (bits < t512) return 20;
  if (bits < t1024) return 40;
  if (bits < t2048) return 80;
  if (bits < t4096) return 90;
  return 100;
}

/** The weakest of the server key and every ephemeral key seen; anonymous key exchange scores 0. */
export function keyExchangeScore(input: Pick<RatingInput, 'suites' | 'groups' | 'chain'>): number {
  if (input.suites.some((s) => s.anonymous)) return 0;
  const scores: number[] = [];
  const leaf = input.chain.certificates[0];
  if (leaf) scores.push(keyPoints(leaf.keyType === 'EC' ? 'EC' : 'RSA-DH', leaf.keyBits));
  const ephemerals = [...input.groups, ...input.suites.flatMap((s) => (s.ephemeral ? [s.ephemeral] : []))];
  for (const key of ephemerals) scores.push(keyPoints(key.type === 'ECDH' ? 'EC' : 'RSA-DH', key.bits));
  return scores.length ? Math.min(...scores) : 0;
}

export function cipherPoints(bits: number): number {
  if (bits === 0) return 0;
  if (bits < 128) return 20;
  if (bits < 256) return 80;
  return 100;
}

export function cipherStrengthScore(suites: AcceptedSuite[]): number {
  if (!suites.length) return 0;
  const points = suites.map((s) => cipherPoints(s.bits));
  return (Math.max(...points) + Math.min(...points)) / 2;
}

function capsFor(input: RatingInput, offered: ProtocolName[], keyExchange: number): GradeCap[] {
  const caps: GradeCap[] = [];
  const cap = (grade: GradeCap['grade'], reason: string) => caps.push({ grade, reason });
  const has = (p: ProtocolName) => offered.includes(p);
  const modern = input.suites.filter((s) => s.protocol === 'TLSv1.1' || s.protocol === 'TLSv1.2' || s.protocol === 'TLSv1.3');
  const leaf = input.chain.certificates[0];

  if (has('SSLv2')) cap('F', 'SSL 2.0 is offered');
  if (has('SSLv3') && offered.every((p) => p === 'SSLv3' || p === 'SSLv2')) cap('F', 'SSL 3.0 is the best protocol offered');
  if (input.suites.some((s) => s.export)) cap('F', 'Export cipher suites are offered');
  const tooWeak = input.suites.filter((s) => s.bits < 112);
  if (tooWeak.length) cap('F', `Cipher suites with less than 112-bit keys are offered (${unique(tooWeak.map((s) => s.iana)).join(', ')})`);
  if (keyExchange <= 40) cap('F', `Key exchange score ${keyExchange} (anonymous, or RSA/DH below 1024 bits, EC below 123 bits)`);
  if (input.chain.weakSignature === 'MD2' || input.chain.weakSignature === 'MD5') cap('F', `Certificate signed with ${input.chain.weakSignature}`);
  if (leaf?.rsaExponent === 1) cap('F', 'RSA public exponent is 1');

  if (!has('TLSv1.2')) cap('C', 'TLS 1.2 is not supported');
  if (input.compression) cap('C', 'TLS compression is enabled (CRIME)');
  if (modern.some((s) => s.tripleDes)) cap('C', '64-bit block cipher (3DES) with TLS 1.1 or newer (SWEET32)');
  if (has('SSLv3') && input.suites.some((s) => s.protocol === 'SSLv3' && s.cbc)) cap('C', 'SSL 3.0 with CBC suites (POODLE)');
  if (modern.some((s) => s.rc4)) cap('C', 'RC4 with TLS 1.1 or newer');

  if (has('SSLv3')) cap('B', 'SSL 3.0 is offered');
  if (has('TLSv1')) cap('B', 'TLS 1.0 is offered');
  if (has('TLSv1.1')) cap('B', 'TLS 1.1 is offered');
  if (keyExchange > 40 && keyExchange <= 80) cap('B', `Key exchange score ${keyExchange} (RSA/DH below 2048 bits, or EC below 163 bits)`);
  if (input.suites.length && !input.suites.some((s) => s.forwardSecret)) cap('B', 'No forward secrecy');
  if (input.suites.length && !input.suites.some((s) => s.aead)) cap('B', 'No AEAD cipher suites');
  if (input.suites.some((s) => s.rc4)) cap('B', 'RC4 is offered');
  if (input.suites.some((s) => s.protocol === 'TLSv1' && s.cbc)) cap('B', 'CBC suites with TLS 1.0 (BEAST, no server-side mitigation)');
  if (!input.chain.chainComplete) cap('B', 'Incomplete certificate chain');

  // 2009q-era rule (and the brief): without HSTS there is no A+; 2009r warnings cover short/invalid values.
  if (!input.hsts.present) cap('A', 'HSTS is not offered');
  return caps;
}

function warningsFor(input: RatingInput, offered: ProtocolName[]): string[] {
  const warnings: string[] = [];
  if (!offered.includes('TLSv1.3')) warnings.push('TLS 1.3 is not supported');
  if (input.hsts.present) {
    if (input.hsts.malformed) warnings.push('HSTS header is malformed');
    else if (input.hsts.maxAge === 0) warnings.push('HSTS max-age is 0');
    else if ((input.hsts.maxAge ?? 0) < HSTS_MIN_SECONDS) warnings.push(`HSTS max-age ${input.hsts.maxAge} s is below 180 days`);
  }
  if (input.secureRenegotiation === false) warnings.push('Secure renegotiation is not supported');
  return warnings;
}

function trustIssuesFor(chain: RatingInput['chain']): { trust: string[]; mismatch: string[] } {
  const trust: string[] = [];
  if (chain.expired) trust.push('Certificate expired');
  if (chain.notYetValid) trust.push('Certificate not yet valid');
  if (chain.selfSigned) trust.push('Self-signed certificate');
  if (chain.weakSignature === 'SHA1') trust.push('Certificate signed with SHA-1');
  if (!chain.trusted && !chain.expired && !chain.selfSigned && chain.chainComplete) trust.push(`Certificate not trusted (${chain.trustError ?? 'unknown issuer'})`);
  if (!chain.trusted && !chain.chainComplete && !chain.selfSigned) trust.push('Chain does not lead to a trusted root');
  return { trust, mismatch: chain.nameMatches ? [] : ['Certificate name does not match the host name'] };
}

export function rate(input: RatingInput): Rating {
  const offered = (Object.keys(input.protocols) as ProtocolName[]).filter((p) => input.protocols[p] === 'offered');
  const categories = {
    protocolSupport: protocolScore(offered),
    keyExchange: keyExchangeScore(input),
    cipherStrength: cipherStrengthScore(input.suites),
  };
  const anyZero = Object.values(categories).some((v) => v === 0);
  const score = anyZero ? 0 : Math.round((0.3 * categories.protocolSupport + 0.3 * categories.keyExchange + 0.4 * categories.cipherStrength) * 10) / 10;
  const caps = capsFor(input, offered, categories.keyExchange);
  const warnings = warningsFor(input, offered);
  const notes: string[] = [];

  let grade = letterForScore(score);
  for (const c of caps) grade = worse(grade, c.grade);
  if (grade === 'A') {
    const longHsts = input.hsts.present && !input.hsts.malformed && (input.hsts.maxAge ?? 0) >= HSTS_MIN_SECONDS;
    if (warnings.length) { grade = 'A-'; notes.push('A- because of warnings'); }
    else if (caps.length) notes.push('No A+: capped at A');
    else if (longHsts) { grade = 'A+'; notes.push('A+: no caps, no warnings, HSTS max-age at least 180 days'); }
    else notes.push('No A+: HSTS max-age below 180 days');
  }
  const { trust, mismatch } = trustIssuesFor(input.chain);
  const trustIssues = [...trust, ...mismatch];
  const final: Grade = trust.length ? 'T' : mismatch.length ? 'M' : grade;
  return { grade: final, gradeTrustIgnored: grade, score, categories, caps, warnings, trustIssues, notes };
}

/** True when `grade` is at least `target` (T and M never meet a letter target). */
export function meetsGrade(grade: Grade, target: Grade): boolean {
  if (grade === 'T' || grade === 'M') return false;
  return LETTERS.indexOf(grade) <= LETTERS.indexOf(target);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
