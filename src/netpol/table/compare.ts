import type { Connectivity } from './connectivity';
import { Grid } from './grid';

/**
 * Cell-by-cell comparison of two grids with the same keys, cyclonus-style: each cell is `same`,
 * `different` or `ignored` (by choice, e.g. outside the scope, a pod talking to itself, or a
 * cell nobody decided). A comparison passes when nothing is different.
 */

export type Comparison = 'same' | 'different' | 'ignored';

export interface CompareResult {
  same: number;
  different: number;
  ignored: number;
  diff: Grid<Comparison>;
}

export const COMPARISON_GLYPH: Record<Comparison, string> = { same: '.', different: 'X', ignored: ' ' };

export function compareGrids(expected: Grid<Connectivity>, actual: Grid<Connectivity>, ignore: (from: string, to: string) => boolean = () => false): CompareResult {
  const diff = new Grid<Comparison>(expected.rows, expected.cols);
  const counts = { same: 0, different: 0, ignored: 0 };
  for (const [from, to] of expected.keys()) {
    const e = expected.get(from, to);
    const a = actual.get(from, to);
    const verdict: Comparison = e === undefined || a === undefined || ignore(from, to) ? 'ignored' : e === a ? 'same' : 'different';
    counts[verdict]++;
    diff.set(from, to, verdict);
  }
  return { ...counts, diff };
}

export const summaryLine = (r: Pick<CompareResult, 'same' | 'different' | 'ignored'>) =>
  `${r.different} wrong, ${r.ignored} ignored, ${r.same} correct`;
