import type { AcceptedSuite } from '../../src/tls/types';
import { defineTlsCheck } from './support/tls';

/**
 * SEC-TLS-CIPHERS (EDGE-3): every accepted TLS 1.2 suite is ECDHE + AEAD; no CBC, RC4, 3DES,
 * static RSA, export, NULL or anonymous suite on any protocol; server preference on; no TLS
 * compression; secure renegotiation only.
 */

export function suiteProblem(s: AcceptedSuite): string | null {
  if (s.protocol === 'TLSv1.3') return null; // all five TLS 1.3 suites are AEAD with (EC)DHE
  const bad: string[] = [];
  if (!s.kx.startsWith('ECDH') || !s.forwardSecret) bad.push(`key exchange ${s.kx}`);
  if (!s.aead) bad.push('not AEAD');
  if (s.cbc) bad.push('CBC');
  if (s.rc4) bad.push('RC4');
  if (s.tripleDes) bad.push('3DES');
  if (s.export) bad.push('export');
  if (s.anonymous) bad.push('anonymous');
  if (s.bits === 0) bad.push('NULL cipher');
  if (s.ephemeral && s.ephemeral.type === 'DH' && s.ephemeral.bits < 2048) bad.push(`DH ${s.ephemeral.bits} bits`);
  return bad.length ? `${s.protocol} ${s.openssl}: ${bad.join(', ')}` : null;
}

export const tlsCiphersCheck = defineTlsCheck({
  id: 'SEC-TLS-CIPHERS',
  rules: ['EDGE-3'],
  title: 'The edge offers only ECDHE with AEAD suites, with server preference and no compression',
  judge(report, ctx) {
    const problems = report.suites.map(suiteProblem).filter((p): p is string => p !== null);
    const tls12 = report.suites.filter((s) => s.protocol === 'TLSv1.2');
    if (tls12.length > 1 && report.serverCipherPreference === false) problems.push('the server follows the client\'s cipher order');
    if (report.compression) problems.push('TLS compression is enabled');
    if (report.secureRenegotiation === false) problems.push('secure renegotiation is not supported');
    const listing = report.suites.map((s) => `${s.protocol} ${s.openssl} (${s.iana})${s.ephemeral ? ` ${s.ephemeral.type} ${s.ephemeral.name ?? ''} ${s.ephemeral.bits}` : ''}`);
    const evidence = [{ note: `suites accepted by ${report.host}:${report.port}`, response: listing.join('\n') }];
    const measurements = { suites: report.suites.length, tls12Suites: tls12.length, weakSuites: problems.length, serverPreference: String(report.serverCipherPreference) };
    return {
      problems, measurements, evidence,
      failMessage: `Region ${ctx.region.name}: ${problems.length} problem(s): ${problems.join('; ')}`,
      expected: 'ECDHE + AES-GCM/CHACHA20-POLY1305 on TLS 1.2, TLS 1.3 suites, nothing else',
      passMessage: `${report.suites.length} suites, all ECDHE/AEAD or TLS 1.3`,
    };
  },
});
