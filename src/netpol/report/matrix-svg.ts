import { escapeXml } from '../../report/escape';
import { GLYPH } from '../table/connectivity';
import type { MatrixCell, MatrixState, NetpolMatrix } from './matrix';

/**
 * The NetworkPolicy matrix as a heat map: rows are sources, columns destinations, each cell
 * coloured by its state (agreeing allowed / blocked, manifests vs intent, live vs manifests,
 * probe failed, not judged), with a `<title>` tooltip listing every port's intent, manifest and
 * live answer. A pure function returning one standalone SVG string (no scripts, no external
 * references), so the HTML report can inline it as is.
 */

const COLOURS: Record<MatrixState, { fill: string; label: string }> = {
  allowed: { fill: '#4caf50', label: 'allowed (intent, manifests and probes agree)' },
  blocked: { fill: '#e0e0e0', label: 'blocked (all agree)' },
  'intent-mismatch': { fill: '#d32f2f', label: 'manifests differ from the intent' },
  'live-mismatch': { fill: '#f57c00', label: 'live probe differs from the manifests' },
  'probe-failed': { fill: '#7b1fa2', label: 'probe failed' },
  'not-judged': { fill: '#ffffff', label: 'not judged (outside the intent\'s scope)' },
};

const CELL = 18;
const LABEL_W = 250;
const HEADER_H = 200;
const LEGEND_H = 22 * 6 + 10;

const glyph = (c: string | null) => (c === null ? '-' : GLYPH[c as keyof typeof GLYPH] ?? '?');

function tooltip(cell: MatrixCell): string {
  const lines = cell.ports.map((p) => `${p.port}: intent ${glyph(p.intent)} manifests ${glyph(p.manifest)} live ${glyph(p.live)}`);
  return `${cell.from} → ${cell.to} (${COLOURS[cell.state].label})\n${lines.join('\n')}`;
}

export function renderNetpolMatrix(m: NetpolMatrix): string {
  const width = LABEL_W + m.cols.length * CELL + 20;
  const gridBottom = HEADER_H + m.rows.length * CELL;
  const height = gridBottom + 20 + LEGEND_H;
  const colIndex = new Map(m.cols.map((c, i) => [c, i]));
  const rowIndex = new Map(m.rows.map((r, i) => [r, i]));
  const parts: string[] = [
    `<text x="4" y="16" font-size="13" font-weight="bold">${escapeXml(m.title)}</text>`,
    `<text x="4" y="${HEADER_H - 6}" font-size="10" fill="#555">from ↓ / to →</text>`,
  ];
  m.cols.forEach((c, i) => {
    const x = LABEL_W + i * CELL + CELL / 2 + 4;
    parts.push(`<text transform="translate(${x},${HEADER_H - 4}) rotate(-60)" font-size="10">${escapeXml(c)}</text>`);
  });
  m.rows.forEach((r, i) => {
    parts.push(`<text x="${LABEL_W - 4}" y="${HEADER_H + i * CELL + CELL - 5}" font-size="10" text-anchor="end">${escapeXml(r)}</text>`);
  });
  for (const cell of m.cells) {
    const x = LABEL_W + (colIndex.get(cell.to) ?? 0) * CELL;
    const y = HEADER_H + (rowIndex.get(cell.from) ?? 0) * CELL;
    const colour = COLOURS[cell.state];
    parts.push(`<rect x="${x}" y="${y}" width="${CELL - 1}" height="${CELL - 1}" fill="${colour.fill}" stroke="#9e9e9e" stroke-width="0.5" data-state="${cell.state}"><title>${escapeXml(tooltip(cell))}</title></rect>`);
  }
  Object.values(COLOURS).forEach((c, i) => {
    const y = gridBottom + 20 + i * 22;
    parts.push(`<rect x="4" y="${y}" width="14" height="14" fill="${c.fill}" stroke="#9e9e9e"/>`, `<text x="24" y="${y + 11}" font-size="11">${escapeXml(c.label)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif">${parts.join('')}</svg>\n`;
}
