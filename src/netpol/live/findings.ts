import type { NetpolAnalysis } from '../analysis';
import type { Finding } from '../../evidence/types';
import { toConnectivity, type LiveResult } from './probe';
import type { ProbeJob, ProbeRunner } from './types';

/**
 * Live answers that differ from the manifests, one finding per truth-table cell (source workload,
 * destination port) with every disagreeing pod pair and every try as evidence. The rule is the
 * intent's: a live allow §13.2 forbids breaks NP-9; a live block of a §13.2 flow breaks that flow.
 * Where the cluster differs from the manifests but happens to match §13.2, the finding is
 * advisory (the manifests are wrong, which SEC-NETPOL-INTENT reports).
 */

const tryText = (t: { answer: string; ms: number; timeoutMs: number; detail: string }) => `${t.answer} in ${Math.round(t.ms)} ms (timeout ${t.timeoutMs} ms${t.detail ? `, ${t.detail}` : ''})`;

export function liveFindings(a: NetpolAnalysis, r: LiveResult, runner: ProbeRunner): Finding[] {
  const byCell = new Map<string, ProbeJob[]>();
  for (const j of r.jobs) {
    const diff = r.comparison.diff.get(j.from.name, `${j.to.name} ${j.port}/${j.protocol}`);
    if (diff !== 'different') continue;
    const key = `${j.row}\u0000${j.column}`;
    byCell.set(key, [...(byCell.get(key) ?? []), j]);
  }
  const out: Finding[] = [];
  for (const jobs of byCell.values()) {
    const { row, column } = jobs[0];
    const manifest = a.table.grid.get(row, column)!;
    const want = a.expected.cell(row, column);
    const intentAllows = want.allowedBy.length > 0;
    const live = manifest === 'allowed' ? 'blocked' : 'allowed';
    const pairs = r.jobs.filter((j) => j.row === row && j.column === column && j.from.name !== j.to.name).length;
    const agreesWithIntent = want.judged && (live === 'allowed') === intentAllows;
    out.push({
      rule: !want.judged || agreesWithIntent ? null : intentAllows ? want.allowedBy[0] : 'NP-9',
      advisory: !want.judged || agreesWithIntent,
      component: 'cluster',
      text: `${row} → ${column} is ${live} in the cluster (${jobs.length} of ${pairs} pod pairs), but the manifests say ${manifest}`
        + (want.judged ? ` and §13.2 says ${intentAllows ? `allowed (${want.allowedBy.join(', ')})` : 'blocked'}` : ''),
      evidence: jobs.map((j) => ({
        note: `${j.key}: ${(r.tries.get(j.key) ?? []).map(tryText).join('; then ')}`,
        request: `${runner.label}: ${j.from.name} (${j.from.ip}) → ${j.to.name} (${j.to.ip}) ${j.protocol}/${j.port}`,
        reproduce: runner.reproduce(j),
      })),
    });
  }
  return out;
}

/** Every try of every job as JSON lines (the cells' history), with its reproduction command. */
export function triesJsonl(r: LiveResult, runner: ProbeRunner): string {
  return r.jobs.map((j) => JSON.stringify({
    job: j.key, row: j.row, column: j.column,
    tries: (r.tries.get(j.key) ?? []).map((t) => ({ ...t, connectivity: toConnectivity(t.answer) })),
    reproduce: runner.reproduce(j),
  })).join('\n') + '\n';
}
