import type { CheckContext } from '../../src/checks/define';
import type { Endpoint } from '../../src/catalog/types';
import { budgetOf } from '../../src/load/budget';
import type { Phase, ScenarioPlan } from '../../src/load/plan';
import type { RequestPlan } from '../../src/load/request';
import { planSources, type SourcePlan } from '../../src/load/sources';
import { LOAD_ENDPOINTS, loadModeOf, requestMaker, type RequestMaker } from './requests';
import type { EffectiveLoad } from './settings';

/**
 * The scenarios as plans for the engine: load-100 (the realistic mix), one per endpoint,
 * stress-500 (steps, overload, recovery) and soak. Durations and users come from the settings.
 */

const s = (seconds: number) => Math.round(seconds * 1000);

/** The realistic mix: reads and (with allowWrites) user commands in the profile's ratio. */
export async function mixedPick(ctx: CheckContext, settings: EffectiveLoad): Promise<{ pick: (vu: number, i: number) => RequestPlan; reads: string[]; writes: string[] }> {
  const reads = LOAD_ENDPOINTS.filter((e) => loadModeOf(e) === 'read');
  const writes = ctx.target.allowWrites ? LOAD_ENDPOINTS.filter((e) => loadModeOf(e) === 'write') : [];
  const readMakers = await Promise.all(reads.map((e) => requestMaker(ctx, e)));
  const writeMakers = await Promise.all(writes.map((e) => requestMaker(ctx, e)));
  const ratio = writeMakers.length === 0 ? 1 : settings.readRatio;
  const pickFrom = (list: RequestMaker[], n: number) => list[Math.floor(Math.random() * list.length)](n);
  return {
    pick: (vu, i) => (Math.random() < ratio || writeMakers.length === 0 ? pickFrom(readMakers, i) : pickFrom(writeMakers, i)),
    reads: reads.map((e) => e.id), writes: writes.map((e) => e.id),
  };
}

function base(ctx: CheckContext, name: string, sources: SourcePlan, pick: ScenarioPlan['pick']): Omit<ScenarioPlan, 'model' | 'phases'> {
  return { name, pick, sources, requestTimeoutMs: ctx.limits.requestMs, budget: budgetOf(ctx.target) };
}

export function sourcesFor(ctx: CheckContext, settings: EffectiveLoad, users: number): SourcePlan {
  return planSources(ctx.region, ctx.region.serviceUrl('tax'), settings.sourceAddresses, users);
}

export async function load100Plan(ctx: CheckContext, settings: EffectiveLoad, users = settings.users, holdS = settings.holdS, name = 'load-100'): Promise<{ plan: ScenarioPlan; reads: string[]; writes: string[] }> {
  const mix = await mixedPick(ctx, settings);
  const think = settings.thinkTimeMs;
  const phases: Phase[] = [
    { name: 'ramp', durationMs: s(settings.rampS), vus: users, ramp: true, thinkTimeMs: think },
    { name: 'hold', durationMs: s(holdS), vus: users, thinkTimeMs: think },
  ];
  return { plan: { ...base(ctx, name, sourcesFor(ctx, settings, users), mix.pick), model: 'closed', phases }, reads: mix.reads, writes: mix.writes };
}

/** One route held under load for `durationS`; commands and hashing routes at a bounded rate. */
export async function endpointPlan(ctx: CheckContext, settings: EffectiveLoad, e: Endpoint): Promise<ScenarioPlan> {
  const mode = loadModeOf(e);
  const d = settings.endpoints.durationS;
  const users = settings.endpoints.users;
  const bounded = mode === 'write' || mode === 'revoke' || e.id === 'I4';
  const writeRate = Math.max(0.2, Math.min(20, settings.endpoints.maxWrites / d));
  const rate = mode === 'hashing' ? Math.min(settings.endpoints.hashingRatePerS, bounded ? writeRate : Infinity) : writeRate;
  const maker = await requestMaker(ctx, e, mode, mode === 'revoke' ? Math.ceil(rate * d) : 0);
  const name = `endpoint ${e.id}`;
  if (mode === 'read' || mode === 'guarded') {
    const ramp = Math.min(settings.rampS, d / 4);
    return {
      ...base(ctx, name, sourcesFor(ctx, settings, users), (_vu, i) => maker(i)), model: 'closed',
      phases: [
        { name: 'ramp', durationMs: s(ramp), vus: users, ramp: true, thinkTimeMs: settings.thinkTimeMs },
        { name: 'hold', durationMs: s(d), vus: users, thinkTimeMs: settings.thinkTimeMs },
      ],
    };
  }
  return {
    ...base(ctx, name, sourcesFor(ctx, settings, Math.ceil(rate)), (n) => maker(n)), model: 'open', maxInFlight: 200,
    phases: [{ name: 'hold', durationMs: s(d), rate }],
  };
}

/** stress-500: steps up to the top, an overload burst without think time, then recovery at the first step. */
export async function stressPlan(ctx: CheckContext, settings: EffectiveLoad): Promise<ScenarioPlan> {
  const st = settings.stress;
  const think = st.thinkTimeMs ?? settings.thinkTimeMs;
  const top = st.steps[st.steps.length - 1];
  const mix = await mixedPick(ctx, settings);
  const phases: Phase[] = st.steps.map((vus) => ({ name: `step-${vus}`, durationMs: s(st.stepS), vus, thinkTimeMs: think }));
  if (st.overloadS > 0) phases.push({ name: 'overload', durationMs: s(st.overloadS), vus: top, thinkTimeMs: 0 });
  phases.push({ name: 'recovery', durationMs: s(st.recoveryS), vus: st.steps[0], thinkTimeMs: think });
  return { ...base(ctx, 'stress-500', sourcesFor(ctx, settings, top), mix.pick), model: 'closed', phases };
}
