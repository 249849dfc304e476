import { toConnectivity, podColumn, type LiveResult } from '../live/probe';
import { GLYPH_LEGEND, glyphOf } from '../table/connectivity';
import { COMPARISON_GLYPH, summaryLine } from '../table/compare';

/**
 * The live probe as text, cyclonus-style: the counts first; when anything is wrong the expected
 * grid (from the manifests), the grid of every try, and the diff grid; a passing probe prints
 * only the actual grid. Rows are source pods, columns destination pod ports.
 */
export function liveReport(r: LiveResult, label: string): string {
  const out = [
    `Live probe (${label}): ${summaryLine(r.comparison)}; ${r.jobs.length} probes in ${r.durationMs} ms`,
    `Glyphs: ${GLYPH_LEGEND}`,
  ];
  if (r.withoutPods.length > 0) out.push(`Workloads without pods (not probed): ${r.withoutPods.join(', ')}`);
  out.push('');
  if (r.comparison.different === 0) {
    out.push('Actual:', r.actual.render(glyphOf));
    return `${out.join('\n')}\n`;
  }
  out.push('Expected (manifests):', r.expected.render(glyphOf), '');
  const attempts = Math.max(0, ...[...r.tries.values()].map((t) => t.length));
  for (let i = 0; i < attempts; i++) {
    const grid = r.actual.map(() => undefined as ReturnType<typeof toConnectivity> | undefined);
    for (const j of r.jobs) {
      const t = r.tries.get(j.key)?.[i];
      if (t) grid.set(j.from.name, podColumn(j.to, j.port, j.protocol), toConnectivity(t.answer));
    }
    out.push(`Try ${i + 1}${i > 0 ? ' (cells that disagreed before)' : ''}:`, grid.render((c) => (c ? glyphOf(c) : ' ')), '');
  }
  out.push('Difference (. same, X different, blank ignored):', r.comparison.diff.render((c) => COMPARISON_GLYPH[c ?? 'ignored']));
  return `${out.join('\n')}\n`;
}
