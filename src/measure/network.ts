import { useMeasuredRtt } from '../clients/agents';
import type { Target } from '../profile/target';
import { httpBaseline } from './baseline';

/**
 * A run's distance to its target: each region's round-trip time, measured before the checks
 * start (for their time budgets, src/run/budget.ts, and the keep-alive margin), then sampled in the
 * background every few seconds until the run ends, so latency checks judge against a baseline
 * taken throughout the run and not only at its start.
 */
const BACKGROUND_EVERY_MS = 5_000;
const FIRST_PROBES = 5;

export interface MeasuredNetwork {
  measured: { rttMs: Record<string, number> };
  stop(): Promise<void>;
}

/** A few probes per region (regions side by side); a region whose first probe fails is left unmeasured. */
async function measureRegions(target: Target): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await Promise.all(target.regions.map(async (region) => {
    const sampler = httpBaseline(target, region);
    if (!(await sampler.warm())) return;
    await sampler.sampleTimes(FIRST_PROBES);
    const m = sampler.summary().medianMs;
    if (m !== null) out[region.name] = m;
  }));
  return out;
}

export async function measureNetwork(target: Target): Promise<MeasuredNetwork> {
  const rttMs = await measureRegions(target);
  const values = Object.values(rttMs);
  if (values.length > 0) useMeasuredRtt(Math.max(...values));
  const stops = target.regions.map((region) => httpBaseline(target, region).during(BACKGROUND_EVERY_MS));
  return { measured: { rttMs }, stop: async () => { await Promise.all(stops.map((stop) => stop())); } };
}
