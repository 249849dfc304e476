import type { EvidenceItem } from '../../src/evidence/types';
import { meetsGrade, type Grade, type TlsReport } from '../../src/tls/index';
import { defineTlsCheck } from './support/tls';

/**
 * SEC-TLS-GRADE (SEC-3, FUNC-5; EDGE-2..4): each edge grades at least `thresholds.tlsGrade`
 * (default A+) under the SSL Labs rating rules, from what the server really negotiates.
 */

const GRADES: readonly Grade[] = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F', 'T', 'M'];

export function ratingEvidence(report: TlsReport): EvidenceItem {
  const r = report.rating;
  const lines = [
    `grade ${r.grade} (trust ignored: ${r.gradeTrustIgnored}), score ${r.score}`,
    `protocol support ${r.categories.protocolSupport}, key exchange ${r.categories.keyExchange}, cipher strength ${r.categories.cipherStrength}`,
    ...r.caps.map((c) => `cap ${c.grade}: ${c.reason}`),
    ...r.trustIssues.map((t) => `trust: ${t}`),
    ...r.warnings.map((w) => `warning: ${w}`),
    ...r.notes.map((n) => `note: ${n}`),
  ];
  return { note: `TLS rating of ${report.servername} at ${report.host}:${report.port}`, response: lines.join('\n') };
}

export const tlsGradeCheck = defineTlsCheck({
  id: 'SEC-TLS-GRADE',
  rules: ['EDGE-3', 'EDGE-2', 'EDGE-4'],
  // The grade's cap names its cause: HSTS (EDGE-4), the certificate (EDGE-2), else protocols and suites (EDGE-3).
  ruleOf: (p) => (/HSTS|Strict-Transport/i.test(p) ? 'EDGE-4' : /certificate|trust|expired|name|chain/i.test(p) ? 'EDGE-2' : 'EDGE-3'),
  title: 'The edge grades at least the target TLS rating (SSL Labs rules, default A+)',
  judge(report, ctx, artifact) {
    const target = String(ctx.target.thresholds.tlsGrade ?? 'A+') as Grade;
    if (!GRADES.includes(target)) throw new Error(`thresholds.tlsGrade "${target}" is not a grade (${GRADES.join(', ')})`);
    const r = report.rating;
    const measurements = {
      grade: r.grade, score: r.score,
      protocolSupport: r.categories.protocolSupport, keyExchange: r.categories.keyExchange, cipherStrength: r.categories.cipherStrength,
      probeMs: report.durationMs,
    };
    const why = [...r.caps.map((c) => `${c.grade}: ${c.reason}`), ...r.trustIssues, ...r.notes].join('; ');
    return {
      problems: meetsGrade(r.grade, target) ? [] : [`grade ${r.grade} is below ${target}${why ? ` (${why})` : ''}`],
      measurements, evidence: [ratingEvidence(report)], received: r.grade,
      failMessage: `Region ${ctx.region.name} grades ${r.grade}, below ${target}${why ? ` (${why})` : ''}. Full report: ${artifact}`,
      expected: `grade ${target} or better`,
      passMessage: `grade ${r.grade} (score ${r.score})`,
    };
  },
});
