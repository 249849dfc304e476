import type { NetpolAnalysis } from '../analysis';
import { GLYPH_LEGEND, glyphOf } from '../table/connectivity';
import { COMPARISON_GLYPH, compareGrids, summaryLine, type CompareResult } from '../table/compare';

/**
 * The intent-vs-manifests report as text, from summary to detail: the counts, then (when anything
 * is wrong) the intent grid, the manifests grid and the diff grid, then each mismatch with the
 * policies that decided it. A passing comparison prints only the manifests grid.
 */

export function compareIntent(a: NetpolAnalysis): CompareResult {
  return compareGrids(a.expected.grid, a.table.grid, (from, to) => !a.expected.cell(from, to).judged);
}

export function intentReport(a: NetpolAnalysis, result: CompareResult = compareIntent(a)): string {
  const out = [`Intent vs manifests (${a.set.root}): ${summaryLine(result)}`, `Glyphs: ${GLYPH_LEGEND}`, ''];
  if (a.defaultDeny.length > 0) out.push(...a.defaultDeny.map((d) => `NP-0: ${d}`), '');
  if (result.different > 0) {
    out.push('Intent (contract §13.2):', a.expected.grid.render(glyphOf), '');
    out.push('Manifests (computed):', a.table.grid.render(glyphOf), '');
    out.push('Difference (. same, X different, blank ignored):', result.diff.render((c) => COMPARISON_GLYPH[c ?? 'ignored']), '');
    out.push('Mismatches:');
    for (const m of a.mismatches) out.push(`- [${m.rule}] ${m.text}`, `    ${m.explanation}`);
  } else {
    out.push('Manifests (computed):', a.table.grid.render(glyphOf));
  }
  if (a.selectingNothing.length > 0) out.push('', 'Policies selecting no pod:', ...a.selectingNothing.map((s) => `- ${s}`));
  return `${out.join('\n')}\n`;
}
