import { CheckFailure, defineCheck, pass } from '../../src/checks/define';
import type { EvidenceItem } from '../../src/evidence/types';
import { meetsGrade, type Grade, type TlsReport } from '../../src/tls/index';
import { saveReport, tlsReportFor } from './support/tls';

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

export const tlsGradeCheck = defineCheck({
  id: 'SEC-TLS-GRADE',
  layer: 'security',
  title: 'The edge grades at least the target TLS rating (SSL Labs rules, default A+)',
  criteria: ['SEC-3', 'FUNC-5'],
  needs: ['edge'],
  perRegion: true,
  timeoutMs: 90_000,
  async run(ctx) {
    const target = String(ctx.target.thresholds.tlsGrade ?? 'A+') as Grade;
    if (!GRADES.includes(target)) throw new Error(`thresholds.tlsGrade "${target}" is not a grade (${GRADES.join(', ')})`);
    const report = await tlsReportFor(ctx);
    const artifact = await saveReport(ctx, report);
    const r = report.rating;
    const measurements = {
      grade: r.grade, score: r.score,
      protocolSupport: r.categories.protocolSupport, keyExchange: r.categories.keyExchange, cipherStrength: r.categories.cipherStrength,
      probeMs: report.durationMs,
    };
    const evidence = [ratingEvidence(report)];
    if (!meetsGrade(r.grade, target)) {
      const why = [...r.caps.map((c) => `${c.grade}: ${c.reason}`), ...r.trustIssues, ...r.notes].slice(0, 4).join('; ');
      throw new CheckFailure({
        message: `Region ${ctx.region.name} grades ${r.grade}, below ${target}${why ? ` (${why})` : ''}. Full report: ${artifact}`,
        expected: `grade ${target} or better`, received: r.grade, evidence, measurements,
      });
    }
    return pass({ message: `grade ${r.grade} (score ${r.score})`, measurements, evidence, artifacts: [artifact] });
  },
});
