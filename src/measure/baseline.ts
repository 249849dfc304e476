import { send } from '../clients/http';
import { pace, throughEdge } from '../clients/pacer';
import type { RegionTarget, Target } from '../profile/target';
import { median } from './quantile';

/**
 * The network baseline: the round-trip time of a request the target does no work for, sampled
 * throughout the run (before the checks start, and again while each latency check measures). A
 * client-observed time minus this is the best a runner can say about the target's own time when
 * the deployment offers no clock of its own.
 */
export interface RttSample { at: number; ms: number }

export interface BaselineSummary {
  /** What was timed ("GET <identity>/livez through asia"). */
  route: string;
  medianMs: number | null;
  samples: number;
}

export class RttSampler {
  private readonly list: RttSample[] = [];
  constructor(readonly route: string, private readonly probe: () => Promise<unknown>) {}

  /** Times one probe; a probe that fails is not a sample (and is not retried here). */
  async sample(): Promise<number | null> {
    const started = performance.now();
    try {
      await this.probe();
    } catch {
      return null;
    }
    const ms = performance.now() - started;
    this.list.push({ at: Date.now(), ms });
    return ms;
  }

  /** One probe that is not a sample: opens the connection (and TLS) before timing starts. False when it failed. */
  async warm(): Promise<boolean> {
    return this.probe().then(() => true, () => false);
  }

  async sampleTimes(n: number): Promise<void> {
    for (let i = 0; i < n; i++) await this.sample();
  }

  /** Samples every `everyMs` until the returned function is called (which waits for the probe in flight). */
  during(everyMs: number): () => Promise<void> {
    let stopped = false;
    let wake: () => void = () => {};
    const loop = (async () => {
      while (!stopped) {
        await this.sample();
        // Stopped during the probe: no sleep. The unref'd timer would be the only thing left, and a
        // process with nothing else to wait for would end inside this await (Node's exit code 13).
        if (stopped) break;
        await new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, everyMs).unref(); });
      }
    })();
    return async () => { stopped = true; wake(); await loop; };
  }

  /** Median of the samples (since `since`, epoch ms, when given). */
  summary(since?: number): BaselineSummary {
    const picked = this.list.filter((s) => since === undefined || s.at >= since).map((s) => s.ms);
    const all = picked.length > 0 ? picked : this.list.map((s) => s.ms);
    return { route: this.route, medianMs: all.length ? Math.round(median(all) * 10) / 10 : null, samples: all.length };
  }
}

const httpSamplers = new WeakMap<Target, Map<string, RttSampler>>();

/** The HTTP baseline of a region: GET /livez of its identity service (INF-3: depends on nothing), paced through an edge. */
export function httpBaseline(target: Target, region: RegionTarget): RttSampler {
  let byRegion = httpSamplers.get(target);
  if (!byRegion) httpSamplers.set(target, (byRegion = new Map()));
  let sampler = byRegion.get(region.name);
  if (!sampler) {
    const baseUrl = region.serviceUrl('identity');
    const edge = throughEdge(baseUrl, region.edgeUrl);
    sampler = new RttSampler(`GET ${baseUrl}/livez${edge ? ` through the ${region.name} edge` : ''}`, async () => {
      if (edge) await pace(region.edgeUrl!);
      await send({ method: 'GET', baseUrl, path: '/livez', ca: region.ca, connectTo: region.connectTo, timeoutMs: 5_000 });
    });
    byRegion.set(region.name, sampler);
  }
  return sampler;
}

/** The database baseline: `SELECT 1` on the given client. */
export function dbBaseline(query: (sql: string) => Promise<unknown>, label = 'SELECT 1 on the profile database'): RttSampler {
  return new RttSampler(label, () => query('SELECT 1'));
}
