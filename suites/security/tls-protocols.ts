import { PROTOCOLS } from '../../src/tls/types';
import { defineTlsCheck } from './support/tls';

/** SEC-TLS-PROTOCOLS (EDGE-3): TLS 1.2 and 1.3 offered; SSLv2/3, TLS 1.0 and 1.1 not. */

const REQUIRED = ['TLSv1.2', 'TLSv1.3'] as const;

export const tlsProtocolsCheck = defineTlsCheck({
  id: 'SEC-TLS-PROTOCOLS',
  rules: ['EDGE-3'],
  title: 'The edge offers TLS 1.2 and 1.3 only',
  judge(report) {
    const listing = PROTOCOLS.map((p) => `${p}: ${report.protocols[p]}`).join('\n');
    const problems: string[] = [];
    for (const p of REQUIRED) if (report.protocols[p] !== 'offered') problems.push(`${p} is ${report.protocols[p]}`);
    for (const p of PROTOCOLS) {
      if (!(REQUIRED as readonly string[]).includes(p) && report.protocols[p] === 'offered') problems.push(`${p} is offered`);
    }
    const untestable = PROTOCOLS.filter((p) => report.protocols[p] === 'not-testable');
    const measurements = Object.fromEntries(PROTOCOLS.map((p) => [p, report.protocols[p]]));
    const evidence = [{ note: `protocols negotiated by ${report.host}:${report.port}`, response: listing }];
    const note = untestable.length ? ` (${untestable.join(', ')} not testable with the local TLS stack)` : '';
    return {
      problems, measurements, evidence, received: problems.join('; '),
      expected: 'TLSv1.2 and TLSv1.3 offered, nothing older',
      passMessage: `TLSv1.2 and TLSv1.3 only${note}`,
    };
  },
});
