import { CheckFailure, pass, skip } from '../../../src/checks/define';
import { Latencies } from '../../../src/load/histogram';
import { describeRunner, discountMs, SATURATED_MESSAGE } from '../../../src/load/saturation';
import { judgedRunnerLoad, measurementRegion, underLoadRun } from '../sessions';
import { grade } from '../settings';
import { defineLoadCheck, runnerMeasurements } from '../support';

/**
 * PERF-2 "under normal load": projector lag sampled during load-100 in the measurement region (the
 * first edge region), beside the idle-system check (RT-LAG) that stays as the baseline. Two
 * sources: the projector's own `projector_lag_ms`, and the suite's commit → read-model probes, whose
 * polling is timed by the runner (so their lag is discounted by the runner's own delay before it is
 * blamed on the projector).
 */
const p = (values: number[], q: number) => {
  const l = new Latencies();
  for (const v of values) l.record(Math.max(0.001, v));
  return l.percentileMs(q);
};

export const loadProjectorLagCheck = defineLoadCheck({
  id: 'LOAD-PROJECTOR-LAG',
  title: 'Projector lag under load-100 (projector_lag_ms and commit → read-model probes) within thresholds.projectorLagMs',
  criteria: ['PERF-2', 'FUNC-2'],
  precondition: () => null,
  async run(ctx) {
    const run = await underLoadRun(ctx);
    if (typeof run === 'string') return skip(run);
    const u = run.underLoad!;
    if (u.projectorLag.length === 0 && u.probeLags.length === 0) {
      return skip('Neither the projector\'s /metrics (profile `workers.projector`) nor commit probes (needs `database` and allowWrites) gave a sample during the load.');
    }
    const threshold = Number(ctx.target.thresholds.projectorLagMs);
    ctx.observe.judged(u.projectorLag.length + u.probeLags.length);
    const runner = judgedRunnerLoad(run.result);
    const late = discountMs(runner, ctx.target.thresholds);
    const metricP95 = u.projectorLag.length ? Math.round(p(u.projectorLag, 95)) : null;
    const probeP95 = u.probeLags.length ? Math.round(p(u.probeLags, 95)) : null;
    const measurements = {
      region: measurementRegion(ctx.target).name, metricSamples: u.projectorLag.length, projectorLagP95Ms: metricP95,
      projectorLagMaxMs: u.projectorLag.length ? Math.max(...u.projectorLag) : null, probes: u.probeLags.length, probesLost: u.probesLost,
      probeLagP95Ms: probeP95, thresholdMs: threshold, grade: grade(run.settings, ctx.target),
      probeLagFrom: 'outbox row COMMITTED (polled) to the Transaction row (polled)', ...runnerMeasurements(runner),
    };
    const problems: string[] = [];
    if (metricP95 !== null && metricP95 >= threshold) problems.push(`projector_lag_ms p95 ${metricP95} ms over ${u.projectorLag.length} one-second samples`);
    if (probeP95 !== null && probeP95 - late >= threshold) {
      problems.push(`commit → read-model probe lag p95 ${probeP95} ms over ${u.probeLags.length} probes${late > 0 ? ` (${Math.round(probeP95 - late)} ms without the runner's own delay)` : ''}`);
    }
    if (u.probesSent > 0 && u.probesLost > u.probesSent / 2) problems.push(`${u.probesLost} of ${u.probesSent} probes never reached the read model within 15 s`);
    if (problems.length > 0) {
      for (const text of problems) ctx.findings.add({ rule: 'PROJ-9', component: 'worker', text: `${text} under load (threshold ${threshold} ms)` });
      throw new CheckFailure({ message: `projector lag under load: ${problems.join('; ')}; threshold ${threshold} ms`, measurements });
    }
    if (probeP95 !== null && probeP95 >= threshold) {
      throw new Error(`${SATURATED_MESSAGE}: probe lag p95 ${probeP95} ms is over ${threshold} ms only with the runner's own delay; ${describeRunner(runner)}.`);
    }
    return pass({ message: `under load: projector_lag_ms p95 ${metricP95 ?? '–'} ms (${u.projectorLag.length} samples), probe lag p95 ${probeP95 ?? '–'} ms (${u.probeLags.length} probes); threshold ${threshold} ms`, measurements });
  },
});
