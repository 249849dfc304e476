import { CheckFailure, pass, skip, type CheckContext } from '../../../src/checks/define';
import type { Finding } from '../../../src/evidence/types';
import { runScenario, type EngineResult } from '../../../src/load/engine';
import type { LoadFigures } from '../../../src/load/evidence';
import { judgeErrors, judgeP95, MIN_P95_SAMPLES, type Judgement } from '../../../src/load/judge';
import { describeRunner, discountFigures, SATURATED_MESSAGE } from '../../../src/load/saturation';
import type { Thresholds } from '../../../src/profile/target';
import { remeasured } from '../remeasure';
import { LOAD_ENDPOINTS, loadModeOf, modeReason } from '../requests';
import { endpointPlan } from '../scenarios';
import { figuresOf, judgedRunnerLoad, memo } from '../sessions';
import { grade, loadSettings, scenarioRegion, SEED_ENDPOINT_S, type EffectiveLoad } from '../settings';
import { defineLoadCheck, runArtifacts, runnerMeasurements, sourceProblem } from '../support';
import { spoiledBy, verdictOf, type Verdict } from '../verdicts';

/**
 * Per-endpoint scenarios: each of the 47 routes held under load on its own (or in groups, as
 * `load.endpoints.groupSize` says) through one region. LOAD-ENDPOINTS judges p95 and errors per
 * route (PT-LOAD-3); LOAD-DURATION says whether each was held the seed's 10 minutes (PT-LOAD-2).
 * A route whose breach only the runner's own lateness explains is measured again.
 */
interface EndpointRun { id: string; mode: string; result: EngineResult | null; skipped?: string; attempts: number }
interface EndpointsRun { region: string; settings: EffectiveLoad; runs: EndpointRun[] }

/** Answers a median is judged on when a route has too few for a p95. */
const MIN_MEDIAN_SAMPLES = 10;

const STATEMENT = { mode: 'spread' as const, addresses: [], statement: '' };

function routeFigures(id: string, result: EngineResult, region: string): LoadFigures {
  return figuresOf({ result, sources: STATEMENT }, region, `endpoint ${id}`);
}

/** One route: p95 (when it has enough answers for one) and the error rate, findings named by the route. */
function judgeRoute(id: string, f: LoadFigures, t: Thresholds): Judgement {
  const p = f.requests >= MIN_P95_SAMPLES ? judgeP95({ ...f, perEndpoint: [] }, t) : null;
  const e = judgeErrors(f, t);
  // A route too slow to collect answers enough for a p95 is the slow one: when even its median
  // is over the threshold, its p95 is too.
  const slow = !p && f.requests >= MIN_MEDIAN_SAMPLES && f.latency.p50Ms >= t.p95Ms
    ? [{ rule: null, endpoint: id, text: `p50 ${f.latency.p50Ms} ms over ${f.requests} requests in ${f.region} (fewer than ${MIN_P95_SAMPLES} for a p95, but its median alone is over the p95 threshold of ${t.p95Ms} ms)` }]
    : [];
  const findings = [...(p?.findings ?? []), ...slow, ...e.findings].map((x): Finding => ({ ...x, endpoint: id, text: `${id}: ${x.text}` }));
  const p95 = p ? `p95 ${f.latency.p95Ms} ms` : `p95 not judged (${f.requests} answers, fewer than ${MIN_P95_SAMPLES})`;
  return { findings, measurements: {}, message: `${p95}, p99 ${f.latency.p99Ms} ms, ${f.requests} requests, errors ${(f.errorRate * 100).toFixed(2)} %` };
}

function routeVerdict(id: string, result: EngineResult, region: string, t: Thresholds): Verdict {
  return verdictOf((f) => judgeRoute(id, f, t), routeFigures(id, result, region), discountFigures, judgedRunnerLoad(result), t);
}

function endpointsRun(ctx: CheckContext): Promise<EndpointsRun> {
  const settings = loadSettings(ctx);
  const region = scenarioRegion(ctx.target, settings.endpoints.region);
  const rctx: CheckContext = { ...ctx, region };
  const t = ctx.target.thresholds;
  return memo(ctx.target, 'endpoints', async () => {
    const list = LOAD_ENDPOINTS.filter((e) => ctx.target.allowWrites || !['write', 'revoke'].includes(loadModeOf(e)));
    const runs: EndpointRun[] = [];
    const size = settings.endpoints.groupSize;
    for (let i = 0; i < list.length && !ctx.signal.aborted; i += size) {
      const group = list.slice(i, i + size);
      runs.push(...await Promise.all(group.map(async (e): Promise<EndpointRun> => {
        const mode = loadModeOf(e);
        const first = await endpointPlan(rctx, settings, e);
        const why = first.model === 'closed' ? sourceProblem(first.sources, settings.endpoints.users, settings.thinkTimeMs) : null;
        if (why) return { id: e.id, mode, result: null, skipped: why, attempts: 0 };
        let plan: typeof first | null = first;
        const once = async () => runScenario(region, plan ?? await endpointPlan(rctx, settings, e), ctx.signal).finally(() => { plan = null; });
        // Bounded writes are never sent twice: a write route the runner spoiled stays spoiled.
        const again = mode !== 'write' && mode !== 'revoke';
        const { run, attempts } = await remeasured(ctx, `endpoint ${e.id}`, once, (r) => (again ? spoiledBy([routeVerdict(e.id, r, region.name, t)]) : null));
        return { id: e.id, mode, result: run, attempts: attempts.count };
      })));
    }
    return { region: region.name, settings, runs };
  });
}

function precondition(ctx: CheckContext): string | null {
  return loadSettings(ctx).scenarios.includes('endpoints') ? null : 'The profile leaves the per-endpoint scenarios out (load.scenarios).';
}

export const loadEndpointsCheck = defineLoadCheck({
  id: 'LOAD-ENDPOINTS',
  title: 'Every route held under load on its own: p95 and error rate under the thresholds',
  criteria: ['PT-LOAD-3'],
  precondition,
  async run(ctx) {
    const all = await endpointsRun(ctx);
    const t = ctx.target.thresholds;
    const rows: string[] = [];
    const artifacts: string[] = [];
    const failed: Verdict[] = [];
    const saturated: Array<{ id: string; v: Verdict }> = [];
    let judged = 0;
    let p95Judged = 0;
    for (const r of all.runs) {
      if (!r.result) { rows.push(`${r.id}: not run (${r.skipped})`); continue; }
      if (routeFigures(r.id, r.result, all.region).requests === 0) { rows.push(`${r.id}: no answers recorded`); continue; }
      const v = routeVerdict(r.id, r.result, all.region, t);
      judged++;
      if (routeFigures(r.id, r.result, all.region).requests >= MIN_P95_SAMPLES) p95Judged++;
      if (v.decision === 'fail') failed.push(v);
      if (v.decision === 'saturated') saturated.push({ id: r.id, v });
      const tries = r.attempts > 1 ? ` [${r.attempts} attempts]` : '';
      rows.push(`${r.id} (${modeReason(r.mode as never)}): ${v.measured.message}${v.decision === 'saturated' ? ` — ${SATURATED_MESSAGE}` : ''}${tries}`);
      artifacts.push(...await runArtifacts(ctx, r.result, `endpoint-${r.id.replace('#', 'E')}`));
    }
    ctx.observe.judged(judged);
    const table = await ctx.artifact('endpoints.txt', `${rows.join('\n')}\n`);
    const worst = [...failed, ...saturated.map((s) => s.v)].map((v) => v.runner).sort((a, b) => b.delayMs - a.delayMs)[0];
    const measurements = {
      region: all.region, endpoints: all.runs.length, judged, p95Judged, failing: failed.length, runnerSaturated: saturated.length,
      heldSPerEndpoint: all.settings.endpoints.durationS, usersPerEndpoint: all.settings.endpoints.users, groupSize: all.settings.endpoints.groupSize,
      grade: grade(all.settings, ctx.target), ...(worst ? runnerMeasurements(worst) : {}),
    };
    const evidence = [{ note: `per endpoint through ${all.region}`, response: rows.join('\n') }];
    if (failed.length > 0) {
      for (const v of failed) for (const f of v.measured.findings) ctx.findings.add(f);
      const also = saturated.length > 0 ? `; ${saturated.length} more not judged (${SATURATED_MESSAGE}: ${saturated.map((s) => s.id).join(', ')})` : '';
      throw new CheckFailure({ message: `${failed.length} routes breached the thresholds under load through ${all.region}${also}`, measurements, evidence });
    }
    if (saturated.length > 0) {
      throw new Error(`${SATURATED_MESSAGE} for ${saturated.map((s) => s.id).join(', ')} (${describeRunner(saturated[0].v.runner)}); `
        + `their breaches do not remain once that delay is discounted. The other ${judged - saturated.length} routes passed.`);
    }
    // A route with too few answers for a p95 had only its errors judged: say so rather than "all under".
    const p95Note = p95Judged < judged ? ` (p95 judged on ${p95Judged}; the other ${judged - p95Judged} had fewer than ${MIN_P95_SAMPLES} answers, errors only)` : '';
    return pass({ message: `${judged} routes held ${all.settings.endpoints.durationS} s each under load through ${all.region}, all under the thresholds${p95Note}`, measurements, evidence, artifacts: [table, ...artifacts] });
  },
});

export const loadDurationCheck = defineLoadCheck({
  id: 'LOAD-DURATION',
  title: 'Each route was held under load for the seed\'s 10 minutes',
  criteria: ['PT-LOAD-2'],
  precondition,
  async run(ctx) {
    const settings = loadSettings(ctx);
    if (settings.quick) return skip('Quick phases (run --quick): each route is held seconds, not the seed\'s 10 minutes; PT-LOAD-2 is not judged.');
    const all = await endpointsRun(ctx);
    const held = all.runs.map((r) => ({ id: r.id, s: r.result ? Math.round(r.result.elapsedMs / 1000) : 0, why: r.skipped ?? r.result?.stoppedEarly ?? null }));
    ctx.observe.judged(held.length);
    const short = held.filter((h) => h.s < SEED_ENDPOINT_S);
    const measurements = { endpoints: held.length, minHeldS: Math.min(...held.map((h) => h.s)), seedS: SEED_ENDPOINT_S, plannedS: settings.endpoints.durationS, groupSize: settings.endpoints.groupSize };
    if (short.length > 0) {
      throw new CheckFailure({
        message: `${short.length} of ${held.length} routes were held less than ${SEED_ENDPOINT_S} s (planned ${settings.endpoints.durationS} s each)`,
        expected: `${SEED_ENDPOINT_S} s per route`, received: short.slice(0, 10).map((h) => `${h.id} ${h.s} s${h.why ? ` (${h.why})` : ''}`).join(', '), measurements,
      });
    }
    return pass({ message: `every one of ${held.length} routes was held ≥ ${SEED_ENDPOINT_S} s`, measurements });
  },
});
