/** Lag statistics: nearest-rank percentiles over the samples of a command type or of all round trips. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface LagSummary { n: number; p50: number; p95: number; max: number }

export function summarize(samples: readonly number[]): LagSummary {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.length ? Math.max(...samples) : NaN };
}

/** A fixed-width text table: one row per command type, lag in ms from ledger commit to read-model change. */
export function lagTable(byCommand: ReadonlyMap<string, readonly number[]>): string {
  const rows = [...byCommand.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([command, samples]) => {
    const s = summarize(samples);
    const ms = (v: number) => (Number.isNaN(v) ? '-' : String(Math.round(v)));
    return [command, String(s.n), ms(s.p50), ms(s.p95), ms(s.max)];
  });
  const all = summarize([...byCommand.values()].flat());
  const ms = (v: number) => (Number.isNaN(v) ? '-' : String(Math.round(v)));
  rows.push(['ALL', String(all.n), ms(all.p50), ms(all.p95), ms(all.max)]);
  const header = ['command type', 'n', 'p50 ms', 'p95 ms', 'max ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
