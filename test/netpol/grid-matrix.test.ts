import { describe, expect, it } from 'vitest';
import { cellState, type NetpolMatrix } from '../../src/netpol/report/matrix';
import { renderNetpolMatrix } from '../../src/netpol/report/matrix-svg';
import { compareGrids } from '../../src/netpol/table/compare';
import type { Connectivity } from '../../src/netpol/table/connectivity';
import { Grid } from '../../src/netpol/table/grid';

/** The grid, the comparison and the heat map: small pure parts with exact answers. */

describe('Grid', () => {
  it('refuses unknown keys, knows when it is complete, renders numbered rows and columns', () => {
    const g = new Grid<Connectivity>(['a', 'b'], ['x 80/TCP']);
    expect(() => g.set('c', 'x 80/TCP', 'allowed')).toThrow('unknown row "c"');
    expect(() => g.get('a', 'y')).toThrow('unknown column "y"');
    g.set('a', 'x 80/TCP', 'allowed');
    expect(g.isComplete()).toBe(false);
    g.set('b', 'x 80/TCP', 'blocked');
    expect(g.isComplete()).toBe(true);
    expect(g.render((c) => (c === 'allowed' ? '.' : 'X'))).toBe([
      '    | 0', '-------', '  0 | .', '  1 | X', '', 'rows (from):', '  0  a', '  1  b', 'columns (to):', '  0  x 80/TCP',
    ].join('\n'));
    expect(() => new Grid(['a', 'a'], [])).toThrow('unique');
  });

  it('compares cell by cell into same, different and ignored', () => {
    const e = new Grid<Connectivity>(['a', 'b'], ['x', 'y']);
    const a = new Grid<Connectivity>(['a', 'b'], ['x', 'y']);
    for (const [r, c] of e.keys()) { e.set(r, c, 'blocked'); a.set(r, c, 'blocked'); }
    a.set('a', 'y', 'allowed');
    a.set('b', 'x', 'probe-failed');
    const r = compareGrids(e, a, (from, to) => a.get(from, to) === 'probe-failed');
    expect([r.same, r.different, r.ignored]).toEqual([2, 1, 1]);
    expect(r.diff.get('a', 'y')).toBe('different');
  });
});

describe('NetworkPolicy heat map', () => {
  it('colours a pair by its worst port and keeps every port in the tooltip, escaped', () => {
    const ports = [
      { port: '5432/TCP', intent: 'blocked' as const, manifest: 'blocked' as const, live: 'blocked' as const },
      { port: '6379/TCP', intent: 'blocked' as const, manifest: 'blocked' as const, live: 'allowed' as const },
    ];
    expect(cellState(ports)).toBe('live-mismatch');
    expect(cellState([{ port: '53/UDP', intent: 'allowed', manifest: 'blocked', live: 'blocked' }])).toBe('intent-mismatch');
    expect(cellState([{ port: '53/UDP', intent: null, manifest: 'allowed', live: null }])).toBe('not-judged');
    const m: NetpolMatrix = { title: 'a <b> & c', rows: ['ns/a', 'ns/b'], cols: ['ns/a', 'ns/b'], cells: [{ from: 'ns/a', to: 'ns/b', state: cellState(ports), ports }] };
    const svg = renderNetpolMatrix(m);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('a &lt;b&gt; &amp; c');
    expect(svg).toContain('data-state="live-mismatch"');
    expect(svg).toContain('6379/TCP: intent X manifests X live .');
    expect(svg).not.toMatch(/<script|href=/);
  });
});
