import type { Target } from '../profile/target';
import { predictCoverage, predictedWorld } from './coverage';
import { inspectDatabase } from './database';
import { probeLedger, probeRegion, probeToken, probeWorkers } from './probes';
import type { TargetDiagnosis } from './types';

export type { TargetDiagnosis } from './types';

/** `doctor --profile`: everything the suite can learn about a target before it writes anything. */
export async function inspectTarget(target: Target): Promise<TargetDiagnosis> {
  const [regions, auth, database, ledger, workers] = await Promise.all([
    Promise.all(target.regions.map(probeRegion)), probeToken(target), inspectDatabase(target), probeLedger(target), probeWorkers(target),
  ]);
  const coverage = await predictCoverage(target, predictedWorld(target, database));
  return { profile: target.profileName, regions, auth, database, ledger, workers, coverage };
}

/** Problems that stop a run from judging the target at all (not differences it will report). */
export function targetProblems(d: TargetDiagnosis): string[] {
  return [
    ...d.regions.filter((r) => !r.ok).map((r) => `region ${r.name}: ${r.detail}`),
    ...(d.auth.ok ? [] : [`token: ${d.auth.detail}`]),
    ...(d.database && !d.database.ok ? [`database: ${d.database.detail}`] : []),
    ...(d.ledger && !d.ledger.ok ? [`ledger: ${d.ledger.detail}`] : []),
    ...d.workers.filter((w) => !w.ok).map((w) => `${w.name}: ${w.detail}`),
  ];
}

const mark = (ok: boolean) => (ok ? 'ok     ' : 'PROBLEM');

export function renderDiagnosis(d: TargetDiagnosis): string {
  const out: string[] = [`target ${d.profile} (read only: nothing was written)`];
  for (const r of d.regions) {
    out.push(`  ${mark(r.ok)} region ${r.name}: ${r.detail}`);
    for (const s of r.services.filter((x) => !x.ok)) out.push(`            ${s.service}: ${s.detail}`);
  }
  out.push(`  ${mark(d.auth.ok)} token: ${d.auth.detail}`);
  if (!d.database) out.push('  absent  database: no `database` section (read-model checks and fixture seeding are skipped)');
  else {
    out.push(`  ${mark(d.database.ok)} database: ${d.database.detail}`);
    if (d.database.ok) out.push(`          migrations: ${d.database.migrations}`);
    for (const x of d.database.differences.blocking) out.push(`          DIFF ${x} (INT-DB-SCHEMA fails on it)`);
    for (const x of d.database.differences.advisory) out.push(`          ADVISORY (†) ${x}`);
    const failing = d.database.fixtures.filter((i) => i.status === 'failed');
    if (d.database.fixtures.length > 0) {
      out.push(`          fixture items seeding can write here: ${d.database.fixtures.length - failing.length} of ${d.database.fixtures.length}`);
      for (const i of failing) out.push(`          cannot seed ${i.item}: ${i.detail}`);
    }
  }
  out.push(d.ledger ? `  ${mark(d.ledger.ok)} ledger: ${d.ledger.detail}` : '  absent  ledger: no `fabric` section');
  for (const w of d.workers) out.push(`  ${mark(w.ok)} ${w.name}: ${w.detail}`);
  out.push('what the profile can evaluate (from its sections and the items above; checks may still skip on what they find)');
  for (const l of d.coverage.layers) {
    out.push(`  ${l.layer}: ${l.runnable} of ${l.total} checks can run`);
    for (const s of l.skipped) out.push(`    skipped (${s.checks.length}): ${s.reason}\n      ${s.checks.join(', ')}`);
  }
  for (const l of d.coverage.missingLayers) out.push(`  ${l}: not built in this checkout`);
  if (d.coverage.criteria.length > 0) {
    out.push(`  criteria that cannot pass with this profile, even if every runnable check passes (${d.coverage.criteria.length}):`);
    for (const c of d.coverage.criteria) out.push(`    ${c.id} ${c.status}: ${c.reason}`);
  }
  return `${out.join('\n')}\n`;
}
