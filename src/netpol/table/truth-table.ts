import type { Endpoint, NamespaceLabels, PortProto } from '../engine/endpoints';
import { evaluate, type Verdict } from '../engine/evaluate';
import type { EnginePolicy } from '../engine/policy';
import { fromBoolean, type Connectivity } from './connectivity';
import { Grid } from './grid';

/**
 * The truth table: every (source endpoint, destination endpoint, destination port/protocol) →
 * allowed or blocked, with the verdict (sides, deciding policies and rules) kept per cell. Rows
 * are endpoint ids; columns are `<destination id> <port>/<protocol>`, one per port the
 * destination listens on, so one grid holds the whole table.
 */

export interface TableCell {
  from: Endpoint;
  to: Endpoint;
  port: PortProto;
  verdict: Verdict;
}

export interface Column {
  id: string;
  to: Endpoint;
  port: PortProto;
}

export interface TruthTable {
  endpoints: Endpoint[];
  columns: Column[];
  grid: Grid<Connectivity>;
  cell(from: string, column: string): TableCell;
}

export const columnId = (to: Endpoint, port: PortProto): string => `${to.id} ${port.port}/${port.protocol}`;

export function tableColumns(endpoints: readonly Endpoint[]): Column[] {
  return endpoints.flatMap((to) => to.ports.map((port) => ({ id: columnId(to, port), to, port: { port: port.port, protocol: port.protocol } })));
}

export function computeTable(endpoints: readonly Endpoint[], policies: readonly EnginePolicy[], namespaces: NamespaceLabels): TruthTable {
  const columns = tableColumns(endpoints);
  const grid = new Grid<Connectivity>(endpoints.map((e) => e.id), columns.map((c) => c.id));
  const cells = new Map<string, TableCell>();
  for (const from of endpoints) {
    for (const col of columns) {
      // Traffic between two addresses outside the cluster is nobody's policy.
      if (from.kind === 'external' && col.to.kind === 'external') continue;
      const verdict = evaluate(policies, { from, to: col.to, port: col.port }, namespaces);
      cells.set(`${from.id}\u0000${col.id}`, { from, to: col.to, port: col.port, verdict });
      grid.set(from.id, col.id, fromBoolean(verdict.allowed));
    }
  }
  return {
    endpoints: [...endpoints],
    columns,
    grid,
    cell(from, column) {
      const c = cells.get(`${from}\u0000${column}`);
      if (!c) throw new Error(`truth table: no cell ${from} → ${column}`);
      return c;
    },
  };
}
