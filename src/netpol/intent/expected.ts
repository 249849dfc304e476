import type { Endpoint, PortProto } from '../engine/endpoints';
import { fromBoolean, type Connectivity } from '../table/connectivity';
import { Grid } from '../table/grid';
import type { TruthTable } from '../table/truth-table';
import { inGroup, type Flow, type ResolvedIntent } from './resolve';

/**
 * What the intent says about each cell of a truth table: judged or not (a cell is judged when its
 * source or destination lives in the intent's scope namespace), and the flows that allow it.
 * A migration workload (NP-10) counts as a member of the `from` side of the flows it needs.
 */

export interface ExpectedCell {
  judged: boolean;
  /** Rule ids of the flows allowing the cell (`NP-10` where only the migration rule lets it in). */
  allowedBy: string[];
}

export interface ExpectedTable {
  grid: Grid<Connectivity>;
  cell(from: string, column: string): ExpectedCell;
}

const portIn = (p: PortProto, flow: Flow) => flow.ports.some((r) => r.protocol === p.protocol && p.port >= r.from && p.port <= r.to);

export function expectedFor(intent: ResolvedIntent, migrations: ReadonlySet<string>, from: Endpoint, to: Endpoint, port: PortProto): ExpectedCell {
  const inScope = (e: Endpoint) => e.kind === 'pod' && e.namespace === intent.scope;
  const judged = inScope(from) || inScope(to);
  const allowedBy: string[] = [];
  for (const flow of intent.flows) {
    if (!portIn(port, flow) || !flow.to.some((g) => inGroup(to, g))) continue;
    if (flow.from.some((g) => inGroup(from, g))) allowedBy.push(flow.id);
    else if (intent.migrations?.needs.includes(flow.id) && migrations.has(from.id)) allowedBy.push('NP-10');
  }
  return { judged, allowedBy: [...new Set(allowedBy)] };
}

export function expectedTable(intent: ResolvedIntent, migrations: ReadonlySet<string>, table: TruthTable): ExpectedTable {
  const grid = new Grid<Connectivity>(table.grid.rows, table.grid.cols);
  const cells = new Map<string, ExpectedCell>();
  for (const from of table.endpoints) {
    for (const col of table.columns) {
      if (from.kind === 'external' && col.to.kind === 'external') continue;
      const cell = expectedFor(intent, migrations, from, col.to, col.port);
      cells.set(`${from.id}\u0000${col.id}`, cell);
      grid.set(from.id, col.id, fromBoolean(cell.allowedBy.length > 0));
    }
  }
  return {
    grid,
    cell(from, column) {
      const c = cells.get(`${from}\u0000${column}`);
      if (!c) throw new Error(`expected table: no cell ${from} → ${column}`);
      return c;
    },
  };
}
