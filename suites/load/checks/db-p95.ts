import { CheckFailure, pass, skip, type CheckContext, type CheckOutcome } from '../../../src/checks/define';
import { judgeRequestBound, routeLines } from '../../../src/load/request-bound';
import { underLoadRun, type LoadRun } from '../sessions';
import { callWeightedP95, readModelStatements, type StatementFigures } from '../samplers';
import { grade } from '../settings';
import { defineLoadCheck } from '../support';

/**
 * PERF-3 "under normal load": read-model query time during load-100, beside the idle-system check
 * (INT-DB-QUERY-LATENCY) that stays as the baseline. From pg_stat_statements when the profile gives
 * the database and the extension is readable; else from the services' request-duration histograms,
 * which bound query time from above only (they can show the criterion met, never broken).
 */
async function fromStatements(ctx: CheckContext, run: LoadRun, list: StatementFigures[]): Promise<CheckOutcome> {
  const statements = readModelStatements(list);
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
}

async function fromRequestDurations(ctx: CheckContext, run: LoadRun, statementsProblem: string): Promise<CheckOutcome> {
  const u = run.underLoad!;
  const h = u.serviceHistograms;
  const neither = `Database query times under load need pg_stat_statements (${statementsProblem})`;
  if (!h) return skip(`${neither} or the services' http_request_duration_seconds (${u.serviceHistogramsProblem ?? 'not scraped'}).`);
  const threshold = Number(ctx.target.thresholds.dbQueryP95Ms);
  const j = judgeRequestBound(h.series.flatMap((s) => s.observed), threshold);
  const unusable = h.unusable.length > 0 ? ` Unusable: ${h.unusable.join('; ')}.` : '';
  if (j.requests === 0) return skip(`${neither}; the services' request-duration histograms (${h.from}) observed no read request during the load.${unusable}`);
  ctx.observe.judged(j.requests);
  const lines = routeLines(j);
  const artifact = await ctx.artifact('request-duration-bounds.txt', `${lines.join('\n')}\n`);
  const method = `upper bound from the services' http_request_duration_seconds buckets (${h.from}): every read request lasted at least as long as each query it ran, `
    + 'so this bounds query time from above (request-weighted) — it is not a measurement of query time';
  const measurements = {
    readRequests: j.requests, routes: j.routes.length, p95UpperBoundMs: Number.isFinite(j.p95BoundMs) ? j.p95BoundMs : 'above the last finite bucket',
    thresholdMs: threshold, routesWithBoundAbove: j.above.length, finestBucketMs: j.finestBucketMs, method, grade: grade(run.settings, ctx.target),
    sourcesUnusable: h.unusable.length,
  };
  if (j.shown) {
    return pass({ message: `query time p95 ≤ ${j.p95BoundMs} ms under load (${method}); ${j.requests} read requests over ${j.routes.length} routes; threshold ${threshold} ms.${unusable}`, measurements, artifacts: [artifact] });
  }
  const why = j.finestBucketMs >= threshold
    ? `the histograms' finest bucket is ${j.finestBucketMs} ms, too coarse to show anything under ${threshold} ms`
    : `request-duration p95 is only bounded by ${j.p95BoundMs} ms${j.above.length ? `, and by ≥ ${threshold} ms on ${j.above.map((r) => `GET ${r.route} (${r.p95BoundMs} ms)`).join(', ')}` : ''}`;
  return skip(`${neither}. The services' request durations cannot show query time under ${threshold} ms: ${why}; a request's time may be spent anywhere, so this is no finding against the database either.${unusable}`);
}

export const loadDbP95Check = defineLoadCheck({
  id: 'LOAD-DB-P95',
  title: 'Read-model query latency under load-100 (pg_stat_statements, else an upper bound from the services\' request durations) under thresholds.dbQueryP95Ms',
  criteria: ['PERF-3'],
  precondition: () => null,
  async run(ctx) {
    const run = await underLoadRun(ctx);
    if (typeof run === 'string') return skip(run);
    const u = run.underLoad!;
    if (u.statements) return fromStatements(ctx, run, u.statements);
    return fromRequestDurations(ctx, run, u.statementsProblem ?? 'no snapshot');
  },
});
