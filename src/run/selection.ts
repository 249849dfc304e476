import type { CheckDef } from '../checks/define';
import { baseId, matchesGlob } from '../criteria/essential';
import { readReport } from '../report/read';

/**
 * Which checks a run executes: `run --checks <id-globs>` picks by id, `run --rerun <run-dir>`
 * picks the checks that failed, errored or were blocked in an earlier run. Prerequisites
 * (`dependsOn`) of what is picked come along, so a root cause is judged again with its dependants.
 */
export interface Selection {
  checks: CheckDef[];
  notes: string[];
}

function withPrerequisites(picked: readonly CheckDef[], all: readonly CheckDef[]): CheckDef[] {
  const byId = new Map(all.map((c) => [c.id, c]));
  const out = new Map(picked.map((c) => [c.id, c]));
  const queue = [...picked];
  while (queue.length > 0) {
    for (const dep of queue.shift()!.dependsOn ?? []) {
      const def = byId.get(dep);
      if (def && !out.has(dep)) { out.set(dep, def); queue.push(def); }
    }
  }
  // Keep the layers' own order.
  return all.filter((c) => out.has(c.id));
}

export async function selectChecks(all: readonly CheckDef[], opts: { checks?: string[]; rerun?: string }): Promise<Selection> {
  const notes: string[] = [];
  let picked = [...all];
  if (opts.checks?.length) {
    picked = picked.filter((c) => opts.checks!.some((g) => matchesGlob(c.id, g)));
    if (picked.length === 0) throw new Error(`--checks ${opts.checks.join(',')} matches no check of the chosen layers; \`gx-verify checks\` lists them.`);
    notes.push(`Only the checks matching ${opts.checks.join(', ')} ran (--checks).`);
  }
  if (opts.rerun) {
    const earlier = await readReport(opts.rerun);
    const red = new Set(earlier.checks.filter((r) => r.status === 'fail' || r.status === 'error' || r.status === 'blocked').map((r) => baseId(r)));
    picked = picked.filter((c) => red.has(c.id));
    notes.push(earlier.checks.length === 0 || red.size === 0
      ? `Rerun of ${earlier.runId}: it had no failing, erroring or blocked check, so nothing was rerun.`
      : `Rerun of ${earlier.runId}: only its ${red.size} failing, erroring or blocked check(s) ran again (--rerun).`);
  }
  const checks = picked.length === all.length ? picked : withPrerequisites(picked, all);
  const added = checks.length - picked.length;
  if (added > 0) notes.push(`${added} prerequisite check(s) ran too, so blocked checks are judged against their root cause.`);
  return { checks, notes };
}
