/**
 * A grid of values keyed by (from, to), with fixed row and column keys. Setting or reading an
 * unknown key throws: a typo in a probe or a table never turns into a silently empty cell.
 */
export class Grid<V> {
  private readonly cells = new Map<string, V>();
  private readonly rowSet: ReadonlySet<string>;
  private readonly colSet: ReadonlySet<string>;

  constructor(readonly rows: readonly string[], readonly cols: readonly string[]) {
    this.rowSet = new Set(rows);
    this.colSet = new Set(cols);
    if (this.rowSet.size !== rows.length || this.colSet.size !== cols.length) throw new Error('Grid keys must be unique');
  }

  private key(from: string, to: string): string {
    if (!this.rowSet.has(from)) throw new Error(`Grid: unknown row "${from}"`);
    if (!this.colSet.has(to)) throw new Error(`Grid: unknown column "${to}"`);
    return `${from}\u0000${to}`;
  }

  set(from: string, to: string, value: V): void {
    this.cells.set(this.key(from, to), value);
  }

  get(from: string, to: string): V | undefined {
    return this.cells.get(this.key(from, to));
  }

  has(from: string, to: string): boolean {
    return this.cells.has(this.key(from, to));
  }

  /** Every (from, to) in row-major order. */
  keys(): Array<[string, string]> {
    return this.rows.flatMap((r) => this.cols.map((c): [string, string] => [r, c]));
  }

  /** Every cell is set. */
  isComplete(): boolean {
    return this.cells.size === this.rows.length * this.cols.length;
  }

  map<U>(fn: (value: V | undefined, from: string, to: string) => U): Grid<U> {
    const out = new Grid<U>(this.rows, this.cols);
    for (const [r, c] of this.keys()) out.set(r, c, fn(this.get(r, c), r, c));
    return out;
  }

  /**
   * A text matrix: rows and columns numbered, names in a legend (names are long), one glyph per
   * cell from `glyph`.
   */
  render(glyph: (value: V | undefined, from: string, to: string) => string): string {
    const colIndex = this.cols.map((_, i) => String(i));
    const width = Math.max(...colIndex.map((s) => s.length), 1);
    const rowLabel = (i: number) => String(i).padStart(3);
    const header = `    | ${colIndex.map((s) => s.padStart(width)).join(' ')}`;
    const lines = this.rows.map((r, i) => `${rowLabel(i)} | ${this.cols.map((c) => glyph(this.get(r, c), r, c).padStart(width)).join(' ')}`);
    const legend = [
      'rows (from):', ...this.rows.map((r, i) => `${rowLabel(i)}  ${r}`),
      'columns (to):', ...this.cols.map((c, i) => `${rowLabel(i)}  ${c}`),
    ];
    return [header, '-'.repeat(header.length), ...lines, '', ...legend].join('\n');
  }
}
