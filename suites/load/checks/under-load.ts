import { CheckFailure, defineCheck, pass, skip, type CheckContext } from '../../../src/checks/define';
import { Latencies } from '../../../src/load/histogram';
import { load100Run, measurementRegion, type LoadRun } from '../sessions';
import { grade, loadSettings } from '../settings';
import { callWeightedP95, readModelStatements } from '../samplers';
import { LOAD_TIMEOUT_MS, sourceProblem } from '../support';
import { planSources } from '../../../src/load/sources';
import { LOAD_ITEMS } from '../requests';

/**
 * PERF-2 and PERF-3 "under normal load": sampled during load-100 in the measurement region (the
 * first edge region), beside the idle-system checks (RT-LAG, INT-DB-QUERY-LATENCY) that stay as
 * the baseline.
 */
async function underLoad(ctx: CheckContext): Promise<LoadRun | string> {
  const settings = loadSettings(ctx);
  if (!settings.scenarios.includes('load-100')) return 'The profile leaves load-100 out (load.scenarios): nothing to sample under.';
  const region = measurementRegion(ctx.target);
  const why = sourceProblem(planSources(region, region.serviceUrl('tax'), settings.sourceAddresses, settings.users), settings.users, settings.thinkTimeMs);
  if (why) return why;
  return load100Run({ ...ctx, region });
}

const p = (values: number[], q: number) => {
  const l = new Latencies();
  for (const v of values) l.record(Math.max(0.001, v));
  return l.percentileMs(q);
};

export const loadProjectorLagCheck = defineCheck({
  id: 'LOAD-PROJECTOR-LAG',
  layer: 'load',
  title: 'Projector lag under load-100 (projector_lag_ms and commit → read-model probes) within thresholds.projectorLagMs',
  criteria: ['PERF-2', 'FUNC-2'],
  needs: ['load', 'fixtures'],
  fixtureItems: LOAD_ITEMS,
  exclusive: true,
  timeoutMs: LOAD_TIMEOUT_MS,
  async run(ctx) {
    const run = await underLoad(ctx);
    if (typeof run === 'string') return skip(run);
    const u = run.underLoad!;
    if (u.projectorLag.length === 0 && u.probeLags.length === 0) {
      return skip('Neither the projector\'s /metrics (profile `workers.projector`) nor commit probes (needs `database` and allowWrites) gave a sample during the load.');
    }
    const threshold = Number(ctx.target.thresholds.projectorLagMs);
    ctx.observe.judged(u.projectorLag.length + u.probeLags.length);
    const metricP95 = u.projectorLag.length ? Math.round(p(u.projectorLag, 95)) : null;
    const probeP95 = u.probeLags.length ? Math.round(p(u.probeLags, 95)) : null;
    const measurements = {
      region: measurementRegion(ctx.target).name, metricSamples: u.projectorLag.length, projectorLagP95Ms: metricP95,
      projectorLagMaxMs: u.projectorLag.length ? Math.max(...u.projectorLag) : null, probes: u.probeLags.length, probesLost: u.probesLost,
      probeLagP95Ms: probeP95, thresholdMs: threshold, grade: grade(run.settings, ctx.target),
      probeLagFrom: 'outbox row COMMITTED (polled) to the Transaction row (polled)',
    };
    const problems: string[] = [];
    if (metricP95 !== null && metricP95 >= threshold) problems.push(`projector_lag_ms p95 ${metricP95} ms over ${u.projectorLag.length} one-second samples`);
    if (probeP95 !== null && probeP95 >= threshold) problems.push(`commit → read-model probe lag p95 ${probeP95} ms over ${u.probeLags.length} probes`);
    if (u.probesSent > 0 && u.probesLost > u.probesSent / 2) problems.push(`${u.probesLost} of ${u.probesSent} probes never reached the read model within 15 s`);
    if (problems.length > 0) {
      for (const text of problems) ctx.findings.add({ rule: 'PROJ-9', component: 'worker', text: `${text} under load (threshold ${threshold} ms)` });
      throw new CheckFailure({ message: `projector lag under load: ${problems.join('; ')}; threshold ${threshold} ms`, measurements });
    }
    return pass({ message: `under load: projector_lag_ms p95 ${metricP95 ?? '–'} ms (${u.projectorLag.length} samples), probe lag p95 ${probeP95 ?? '–'} ms (${u.probeLags.length} probes); threshold ${threshold} ms`, measurements });
  },
});

export const loadDbP95Check = defineCheck({
  id: 'LOAD-DB-P95',
  layer: 'load',
  title: 'Read-model query latency under load-100 (pg_stat_statements) under thresholds.dbQueryP95Ms',
  criteria: ['PERF-3'],
  needs: ['load', 'fixtures', 'database'],
  fixtureItems: LOAD_ITEMS,
  exclusive: true,
  timeoutMs: LOAD_TIMEOUT_MS,
  async run(ctx) {
    const run = await underLoad(ctx);
    if (typeof run === 'string') return skip(run);
    const u = run.underLoad!;
    if (!u.statements) return skip(`Database query times under load need pg_stat_statements: ${u.statementsProblem ?? 'no snapshot'}.`);
    const statements = readModelStatements(u.statements);
    const calls = statements.reduce((n, s) => n + s.calls, 0);
    if (calls === 0) return skip('pg_stat_statements recorded no read-model statement during the load (another database, or statements not tracked).');
    ctx.observe.judged(calls);
    const threshold = Number(ctx.target.thresholds.dbQueryP95Ms);
    const p95 = callWeightedP95(statements);
    const slow = statements.filter((s) => s.meanMs >= threshold).sort((a, b) => b.meanMs - a.meanMs);
    const lines = [...statements].sort((a, b) => b.meanMs - a.meanMs).map((s) => `${s.meanMs.toFixed(2)} ms mean, ${s.calls} calls: ${s.query.replace(/\s+/g, ' ').slice(0, 200)}`);
    const artifact = await ctx.artifact('statements.txt', `${lines.join('\n')}\n`);
    const measurements = {
      statements: statements.length, calls, p95EstimateMs: Math.round(p95 * 100) / 100, thresholdMs: threshold, slowStatements: slow.length,
      method: 'pg_stat_statements interval means, weighted by calls (a per-call p95 is at least this)', grade: grade(run.settings, ctx.target),
    };
    for (const s of slow) ctx.findings.add({ rule: null, component: 'database', text: `read-model statement averaged ${s.meanMs.toFixed(1)} ms over ${s.calls} calls under load: ${s.query.replace(/\s+/g, ' ').slice(0, 160)}` });
    if (slow.length > 0 || p95 >= threshold) {
      throw new CheckFailure({ message: `${slow.length} read-model statements averaged ≥ ${threshold} ms under load; call-weighted p95 ${p95.toFixed(1)} ms`, measurements, evidence: [{ note: 'statements by mean time under load', response: lines.slice(0, 15).join('\n') }] });
    }
    return pass({ message: `${statements.length} read-model statements, ${calls} calls under load: call-weighted p95 ${p95.toFixed(2)} ms (threshold ${threshold} ms)`, measurements, artifacts: [artifact] });
  },
});
