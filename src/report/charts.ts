import { escapeHtml } from './escape';

/**
 * Inline SVG charts for report.html: no scripts, no external resources. Horizontal bars so long
 * check ids stay readable.
 */
export interface BarSeries { name: string; color: string }
export interface BarRow { label: string; values: number[] }

const LABEL_W = 260;
const BAR_W = 420;
const ROW_H = 22;

/** Grouped horizontal bars (e.g. p50/p95 per check), scaled to the largest value; an optional threshold line. */
export function groupedBars(title: string, series: BarSeries[], rows: BarRow[], unit: string, threshold?: number): string {
  const max = Math.max(1, threshold ?? 0, ...rows.flatMap((r) => r.values.filter(Number.isFinite)));
  const group = ROW_H * series.length + 8;
  const height = rows.length * group + 40;
  const width = LABEL_W + BAR_W + 90;
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const y0 = 30 + i * group;
    parts.push(`<text x="${LABEL_W - 8}" y="${y0 + group / 2}" text-anchor="end" class="lbl">${escapeHtml(row.label)}</text>`);
    row.values.forEach((v, j) => {
      const w = Number.isFinite(v) ? Math.max(1, (v / max) * BAR_W) : 0;
      const y = y0 + j * ROW_H;
      parts.push(`<rect x="${LABEL_W}" y="${y}" width="${w.toFixed(1)}" height="${ROW_H - 4}" fill="${series[j].color}"><title>${escapeHtml(`${row.label} ${series[j].name}: ${v} ${unit}`)}</title></rect>`);
      const label = Number.isFinite(v) ? `${series[j].name} ${round(v)} ${unit}` : `${series[j].name} not measured`;
      parts.push(`<text x="${LABEL_W + w + 4}" y="${y + ROW_H - 8}" class="val">${escapeHtml(label)}</text>`);
    });
  });
  if (threshold !== undefined) {
    const x = LABEL_W + (threshold / max) * BAR_W;
    parts.push(`<line x1="${x}" y1="24" x2="${x}" y2="${height - 6}" class="thr"/><text x="${x + 3}" y="20" class="val">${escapeHtml(`threshold ${threshold} ${unit}`)}</text>`);
  }
  const legend = series.map((s, j) => `<rect x="${10 + j * 90}" y="6" width="10" height="10" fill="${s.color}"/><text x="${24 + j * 90}" y="15" class="val">${escapeHtml(s.name)}</text>`).join('');
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${legend}${parts.join('')}</svg></figure>`;
}

/** One stacked bar per group (layer, region) of pass/fail/error/skipped counts. */
export function stackedStatus(title: string, rows: Array<[string, Record<string, number>]>, colors: Record<string, string>): string {
  const keys = Object.keys(colors);
  const max = Math.max(1, ...rows.map(([, c]) => keys.reduce((s, k) => s + (c[k] ?? 0), 0)));
  const height = rows.length * ROW_H + 30;
  const width = LABEL_W + BAR_W + 120;
  const parts: string[] = [];
  rows.forEach(([label, counts], i) => {
    const y = 24 + i * ROW_H;
    let x = LABEL_W;
    parts.push(`<text x="${LABEL_W - 8}" y="${y + ROW_H - 8}" text-anchor="end" class="lbl">${escapeHtml(label)}</text>`);
    for (const k of keys) {
      const n = counts[k] ?? 0;
      if (n === 0) continue;
      const w = (n / max) * BAR_W;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ROW_H - 4}" fill="${colors[k]}"><title>${escapeHtml(`${label}: ${n} ${k}`)}</title></rect>`);
      x += w;
    }
    const total = keys.reduce((s, k) => s + (counts[k] ?? 0), 0);
    parts.push(`<text x="${x + 4}" y="${y + ROW_H - 8}" class="val">${total}</text>`);
  });
  const legend = keys.map((k, j) => `<rect x="${10 + j * 90}" y="4" width="10" height="10" fill="${colors[k]}"/><text x="${24 + j * 90}" y="13" class="val">${escapeHtml(k)}</text>`).join('');
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${legend}${parts.join('')}</svg></figure>`;
}

function round(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v * 10) / 10) : '–';
}
