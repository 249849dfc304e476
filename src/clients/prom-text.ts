/** Samples of the Prometheus text exposition, parsed directly (see src/load/prom-histogram.ts for why). */
export interface Sample { labels: Record<string, string>; value: number }

const LABEL = /([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function unescape(v: string): string {
  return v.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
}

/** Every labelled sample of the series `name` (`name{…} value`), label values unescaped. */
export function samplesOf(text: string, name: string): Sample[] {
  const prefix = `${name}{`;
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const close = line.lastIndexOf('}');
    const value = Number(line.slice(close + 1).trim().split(/\s+/)[0]);
    const labels: Record<string, string> = {};
    for (const m of line.slice(prefix.length, close).matchAll(LABEL)) labels[m[1]] = unescape(m[2]);
    out.push({ labels, value });
  }
  return out;
}
