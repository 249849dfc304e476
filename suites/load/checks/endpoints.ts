import { CheckFailure, defineCheck, pass, skip, type CheckContext } from '../../../src/checks/define';
import { runScenario, type EngineResult } from '../../../src/load/engine';
import { judgeErrors, judgeP95 } from '../../../src/load/judge';
import type { Finding } from '../../../src/evidence/types';
import { LOAD_ENDPOINTS, LOAD_ITEMS, loadModeOf, modeReason } from '../requests';
import { endpointPlan } from '../scenarios';
import { figuresOf, memo } from '../sessions';
import { grade, loadSettings, scenarioRegion, SEED_ENDPOINT_S, type EffectiveLoad } from '../settings';
import { LOAD_TIMEOUT_MS, runArtifacts, sourceProblem } from '../support';

/**
 * Per-endpoint scenarios: each of the 47 routes held under load on its own (or in groups, as
 * `load.endpoints.groupSize` says) through one region. LOAD-ENDPOINTS judges p95 and errors per
 * route (PT-LOAD-3); LOAD-DURATION says whether each was held the seed's 10 minutes (PT-LOAD-2).
 */
interface EndpointRun { id: string; mode: string; result: EngineResult | null; skipped?: string }
interface EndpointsRun { region: string; settings: EffectiveLoad; runs: EndpointRun[] }

function endpointsRun(ctx: CheckContext): Promise<EndpointsRun> {
  const settings = loadSettings(ctx);
  const region = scenarioRegion(ctx.target, settings.endpoints.region);
  const rctx: CheckContext = { ...ctx, region };
  return memo(ctx.target, 'endpoints', async () => {
    const list = LOAD_ENDPOINTS.filter((e) => ctx.target.allowWrites || !['write', 'revoke'].includes(loadModeOf(e)));
    const runs: EndpointRun[] = [];
    const size = settings.endpoints.groupSize;
    for (let i = 0; i < list.length && !ctx.signal.aborted; i += size) {
      const group = list.slice(i, i + size);
      runs.push(...await Promise.all(group.map(async (e): Promise<EndpointRun> => {
        const plan = await endpointPlan(rctx, settings, e);
        const why = plan.model === 'closed' ? sourceProblem(plan.sources, settings.endpoints.users, settings.thinkTimeMs) : null;
        if (why) return { id: e.id, mode: loadModeOf(e), result: null, skipped: why };
        return { id: e.id, mode: loadModeOf(e), result: await runScenario(region, plan, ctx.signal) };
      })));
    }
    return { region: region.name, settings, runs };
  });
}

function precondition(ctx: CheckContext): string | null {
  return loadSettings(ctx).scenarios.includes('endpoints') ? null : 'The profile leaves the per-endpoint scenarios out (load.scenarios).';
}

export const loadEndpointsCheck = defineCheck({
  id: 'LOAD-ENDPOINTS',
  layer: 'load',
  title: 'Every route held under load on its own: p95 and error rate under the thresholds',
  criteria: ['PT-LOAD-3'],
  needs: ['load', 'fixtures'],
  fixtureItems: LOAD_ITEMS,
  exclusive: true,
  timeoutMs: LOAD_TIMEOUT_MS,
  async run(ctx) {
    const why = precondition(ctx);
    if (why) return skip(why);
    const all = await endpointsRun(ctx);
    const findings: Finding[] = [];
    const rows: string[] = [];
    const artifacts: string[] = [];
    let judged = 0;
    for (const r of all.runs) {
      if (!r.result) { rows.push(`${r.id}: not run (${r.skipped})`); continue; }
      const run = { result: r.result, sources: { mode: 'spread' as const, addresses: [], statement: '' }, settings: all.settings, reads: [], writes: [], underLoad: null };
      const phase = r.result.tally.phases().includes('hold') ? 'hold' : r.result.tally.phases()[0];
      const f = figuresOf(run, all.region, `endpoint ${r.id}`);
      if (!phase || f.requests === 0) { rows.push(`${r.id}: no answers recorded`); continue; }
      judged++;
      const p = judgeP95({ ...f, perEndpoint: [] }, ctx.target.thresholds);
      const e = judgeErrors(f, ctx.target.thresholds);
      for (const x of [...p.findings, ...e.findings]) findings.push({ ...x, endpoint: r.id, text: `${r.id}: ${x.text}` });
      rows.push(`${r.id} (${modeReason(r.mode as never)}): p95 ${f.latency.p95Ms} ms, p99 ${f.latency.p99Ms} ms, ${f.requests} requests, errors ${(f.errorRate * 100).toFixed(2)} %`);
      artifacts.push(...await runArtifacts(ctx, r.result, `endpoint-${r.id.replace('#', 'E')}`));
    }
    ctx.observe.judged(judged);
    const table = await ctx.artifact('endpoints.txt', `${rows.join('\n')}\n`);
    const measurements = {
      region: all.region, endpoints: all.runs.length, judged, heldSPerEndpoint: all.settings.endpoints.durationS,
      usersPerEndpoint: all.settings.endpoints.users, groupSize: all.settings.endpoints.groupSize, grade: grade(all.settings, ctx.target),
    };
    const evidence = [{ note: `per endpoint through ${all.region}`, response: rows.join('\n') }];
    if (findings.some((f) => !f.advisory)) {
      for (const f of findings) ctx.findings.add(f);
      throw new CheckFailure({ message: `${findings.length} endpoint breaches under load through ${all.region}`, measurements, evidence });
    }
    return pass({ message: `${judged} routes held ${all.settings.endpoints.durationS} s each under load through ${all.region}, all under the thresholds`, measurements, evidence, artifacts: [table, ...artifacts] });
  },
});

export const loadDurationCheck = defineCheck({
  id: 'LOAD-DURATION',
  layer: 'load',
  title: 'Each route was held under load for the seed\'s 10 minutes',
  criteria: ['PT-LOAD-2'],
  needs: ['load', 'fixtures'],
  fixtureItems: LOAD_ITEMS,
  exclusive: true,
  timeoutMs: LOAD_TIMEOUT_MS,
  async run(ctx) {
    const why = precondition(ctx);
    if (why) return skip(why);
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
