import { defineTlsCheck } from './support/tls';

/**
 * SEC-TLS-CERT (EDGE-2): the served chain is trusted (profile CA or system store), names the
 * edge host, is within its validity, complete, signed with SHA-256 or better, with a key of at
 * least 2048 bits (RSA) or 256 bits (EC).
 */

export const tlsCertCheck = defineTlsCheck({
  id: 'SEC-TLS-CERT',
  rules: ['EDGE-2'],
  title: 'The edge certificate is trusted, valid now, for the edge host name, with a full chain',
  judge(report) {
    const c = report.chain;
    const leaf = c.certificates[0];
    const problems: string[] = [];
    if (!leaf) problems.push('no certificate was sent');
    if (!c.trusted) problems.push(`not trusted by the ${c.trustStore === 'profile-ca' ? 'profile CA' : 'system store'}${c.trustError ? ` (${c.trustError})` : ''}`);
    if (!c.nameMatches) problems.push(`the certificate does not name ${c.servername} (SANs: ${leaf?.sans.join(', ') || 'none'})`);
    if (c.expired) problems.push(`expired on ${leaf?.notAfter}`);
    if (c.notYetValid) problems.push(`not valid before ${leaf?.notBefore}`);
    if (!c.chainComplete) problems.push('the chain is incomplete');
    if (c.selfSigned) problems.push('self-signed leaf');
    if (c.weakSignature) problems.push(`weak signature ${c.weakSignature}`);
    if (leaf && /rsa/i.test(leaf.keyType) && leaf.keyBits < 2048) problems.push(`RSA key of ${leaf.keyBits} bits`);
    if (leaf && /ec/i.test(leaf.keyType) && !/rsa/i.test(leaf.keyType) && leaf.keyBits < 256) problems.push(`EC key of ${leaf.keyBits} bits`);
    const listing = c.certificates.map((cert, i) => `#${i} subject=${cert.subject} issuer=${cert.issuer} sans=${cert.sans.join(',')} notAfter=${cert.notAfter} ${cert.keyType} ${cert.keyBits} ${cert.signatureAlgorithm}`);
    const evidence = [{ note: `chain served by ${report.host}:${report.port} for ${c.servername}`, response: listing.join('\n') }];
    const measurements = { daysRemaining: c.daysRemaining, trusted: c.trusted, nameMatches: c.nameMatches, chainLength: c.certificates.length };
    return {
      problems, measurements, evidence, received: problems.join('; '),
      expected: `a trusted, current certificate for ${c.servername} with its full chain`,
      passMessage: `trusted for ${c.servername}, ${c.daysRemaining} days remaining`,
    };
  },
});
