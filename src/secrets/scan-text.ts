import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { contractMatches, toFinding } from './contract-rules';
import { maskSecret } from './mask';
import type { SecretFinding } from './types';

/**
 * Scans one text for secrets with secretlint's recommended preset (private keys, cloud and SaaS
 * tokens, database connection strings with passwords, basic-auth URLs, …) plus the contract
 * rules (known profile secrets, bearer tokens, password hashes). Findings carry the source and
 * line; the value is masked, never kept.
 */

const CONFIG = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };

export interface ScanOptions {
  /** Exact secret values to look for (Target.secrets). */
  known?: readonly string[];
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

export async function scanText(text: string, source: string, opts: ScanOptions = {}): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  const result = await lintSource({
    source: { content: text, filePath: source, contentType: 'text' },
    options: { config: CONFIG, maskSecrets: true },
  });
  const starts = lineStarts(text);
  const covered: [number, number][] = [];
  for (const m of result.messages) {
    const [from, to] = m.range;
    covered.push([from, to]);
    const { line, column } = position(starts, from);
    findings.push({ source, line, column, rule: m.ruleId, kind: m.messageId ?? m.ruleId, masked: maskSecret(text.slice(from, to)) });
  }
  text.split('\n').forEach((line, i) => {
    for (const match of contractMatches(line, opts.known ?? [])) {
      const at = starts[i] + match.index;
      // A spot secretlint already reported (a DSN holding a known password) is reported once.
      if (covered.some(([from, to]) => at < to && at + match.length > from)) continue;
      findings.push(toFinding(source, i + 1, line, match));
    }
  });
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}
