import { readFileSync } from 'node:fs';
import { Instrumenter } from '@stryker-mutator/instrumenter';

/** Every mutant StrykerJS's own instrumenter makes in the given files (the same mutators `stryker run` uses). */
export interface MutantSite {
  file: string;
  mutator: string;
  replacement: string;
  /** 1-based lines, 0-based columns (Stryker's `mutate` range syntax takes line:column). */
  start: { line: number; column: number };
  end: { line: number; column: number };
  /** The source line the mutant starts on, trimmed (for the report and the equivalence rules). */
  source: string;
  /** The line before it, trimmed (the equivalence rules read the condition a branch hangs on). */
  before: string;
  /** The text of its line left of the mutant, trimmed at the start (what the mutant sits inside). */
  prefix: string;
  /** The text of its line from the mutant on (what the mutant replaces, and what follows). */
  at: string;
  /** The lines that open the blocks it sits in, innermost first, trimmed (each less indented than the last). */
  enclosing: string[];
}

const quiet = { isTraceEnabled: () => false, isDebugEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => false, isErrorEnabled: () => false, isFatalEnabled: () => false, trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {} };

export async function listMutants(files: readonly string[]): Promise<MutantSite[]> {
  const instrumenter = new Instrumenter(quiet as never);
  const input = files.map((name) => ({ name, content: readFileSync(name, 'utf8'), mutate: true as const }));
  const result = await instrumenter.instrument(input, { plugins: null, excludedMutations: [], ignorers: [] });
  const lines = new Map(input.map((f) => [f.name, f.content.split('\n')]));
  return result.mutants.map((m) => ({
    file: m.fileName,
    mutator: m.mutatorName,
    replacement: m.replacement,
    // The instrumenter's lines are 0-based; Stryker's `mutate` ranges and the report use 1-based lines.
    start: { line: m.location.start.line + 1, column: m.location.start.column },
    end: { line: m.location.end.line + 1, column: m.location.end.column },
    source: (lines.get(m.fileName)?.[m.location.start.line] ?? '').trim(),
    before: (lines.get(m.fileName)?.[m.location.start.line - 1] ?? '').trim(),
    prefix: (lines.get(m.fileName)?.[m.location.start.line] ?? '').slice(0, m.location.start.column).trimStart(),
    at: (lines.get(m.fileName)?.[m.location.start.line] ?? '').slice(m.location.start.column),
    enclosing: enclosingLines(lines.get(m.fileName) ?? [], m.location.start.line),
  }));
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** Walking up from a 0-based line: each earlier non-blank line less indented than the one before. */
function enclosingLines(lines: readonly string[], at: number): string[] {
  const out: string[] = [];
  let indent = indentOf(lines[at] ?? '');
  for (let i = at - 1; i >= 0 && indent > 0; i--) {
    const line = lines[i];
    if (line.trim() === '' || indentOf(line) >= indent) continue;
    out.push(line.trim());
    indent = indentOf(line);
  }
  return out;
}
