import type { NetpolAnalysis } from '../analysis';
import type { Connectivity } from '../table/connectivity';

/**
 * The intent / manifests / live matrix per workload pair: one cell per (source, destination)
 * holding each destination port's three answers, and the cell's overall state — the worst of its
 * ports, so one wrong port colours the whole pair.
 */

export type MatrixState =
  | 'allowed'         // every layer agrees: allowed
  | 'blocked'         // every layer agrees: blocked
  | 'intent-mismatch' // manifests differ from the intent
  | 'live-mismatch'   // live probes differ from the manifests
  | 'probe-failed'    // a probe could not run
  | 'not-judged';     // outside the intent's scope (and not probed)

export interface MatrixPort {
  /** `5432/TCP`. */
  port: string;
  intent: Connectivity | null;
  manifest: Connectivity;
  live: Connectivity | null;
}

export interface MatrixCell {
  from: string;
  to: string;
  state: MatrixState;
  ports: MatrixPort[];
}

export interface NetpolMatrix {
  title: string;
  rows: string[];
  cols: string[];
  cells: MatrixCell[];
}

const RANK: Record<MatrixState, number> = { 'not-judged': 0, blocked: 1, allowed: 2, 'probe-failed': 3, 'live-mismatch': 4, 'intent-mismatch': 5 };

function portState(p: MatrixPort): MatrixState {
  if (p.live === 'probe-failed') return 'probe-failed';
  if (p.intent !== null && p.intent !== p.manifest) return 'intent-mismatch';
  if (p.live !== null && p.live !== 'unknown' && p.live !== p.manifest) return 'live-mismatch';
  if (p.intent === null && p.live === null) return 'not-judged';
  return p.manifest === 'allowed' ? 'allowed' : 'blocked';
}

export function cellState(ports: readonly MatrixPort[]): MatrixState {
  return ports.map(portState).reduce<MatrixState>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'not-judged');
}

/**
 * Builds the matrix from an analysis and, when there was a live probe, its per-column answers
 * (`live(fromId, columnId)`, null where the cell was not probed).
 */
export function buildMatrix(a: NetpolAnalysis, title: string, live?: (from: string, column: string) => Connectivity | null): NetpolMatrix {
  const ids = a.table.endpoints.map((e) => e.id);
  const cells: MatrixCell[] = [];
  for (const from of a.table.endpoints) {
    const byDest = new Map<string, MatrixPort[]>();
    for (const col of a.table.columns) {
      const manifest = a.table.grid.get(from.id, col.id);
      if (manifest === undefined) continue;
      const want = a.expected.cell(from.id, col.id);
      const port: MatrixPort = {
        port: `${col.port.port}/${col.port.protocol}`,
        intent: want.judged ? (want.allowedBy.length > 0 ? 'allowed' : 'blocked') : null,
        manifest,
        live: live ? live(from.id, col.id) : null,
      };
      byDest.set(col.to.id, [...(byDest.get(col.to.id) ?? []), port]);
    }
    for (const [to, ports] of byDest) cells.push({ from: from.id, to, state: cellState(ports), ports });
  }
  return { title, rows: ids, cols: ids, cells };
}

/** Counts of cells per state (for measurements and the summary line). */
export function matrixCounts(m: NetpolMatrix): Record<MatrixState, number> {
  const out: Record<MatrixState, number> = { allowed: 0, blocked: 0, 'intent-mismatch': 0, 'live-mismatch': 0, 'probe-failed': 0, 'not-judged': 0 };
  for (const c of m.cells) out[c.state]++;
  return out;
}
