import { DEFAULT_RTT_MS } from '../edge/regional-edge';
import { EDGE_REGIONS, type EdgeRegion } from '../edge/nginx-conf';

/**
 * `--latency` for the sandbox: one-way delay in ms added in each direction (the round trip grows by
 * twice that) to every HTTP route a client uses — the services and workers of the direct `local`
 * region and each regional edge. `250` puts everything 250 ms away; `asia=200,europe=80` sets
 * regions one by one (the others keep their defaults: no delay for `local`, DEFAULT_RTT_MS for the
 * edges); `100,asia=200` sets a default and overrides. The database and the ledger gateway stay
 * direct.
 */
export interface LatencySpec {
  /** One-way ms for every region not named. */
  all?: number;
  /** One-way ms per region (`local`, `asia`, `north-america`, `europe`). */
  regions?: Partial<Record<'local' | EdgeRegion, number>>;
}

export const LATENCY_REGIONS = ['local', ...EDGE_REGIONS] as const;
const MAX_ONE_WAY_MS = 10_000;

function milliseconds(text: string, what: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(value) || value > MAX_ONE_WAY_MS) {
    throw new Error(`${what} must be a number of milliseconds between 0 and ${MAX_ONE_WAY_MS}, not "${text}"`);
  }
  return value;
}

/** Parses `250`, `asia=200,europe=80` or `100,asia=200`; throws with what is wrong. */
export function parseLatency(text: string): LatencySpec {
  const spec: LatencySpec = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (spec.all !== undefined) throw new Error(`--latency has two defaults ("${spec.all}" and "${part}")`);
      spec.all = milliseconds(part, '--latency');
      continue;
    }
    const region = part.slice(0, eq).trim();
    if (!(LATENCY_REGIONS as readonly string[]).includes(region)) {
      throw new Error(`--latency names an unknown region "${region}"; the sandbox regions are ${LATENCY_REGIONS.join(', ')}`);
    }
    (spec.regions ??= {})[region as 'local'] = milliseconds(part.slice(eq + 1), `--latency ${region}`);
  }
  if (spec.all === undefined && !spec.regions) throw new Error('--latency needs a value, e.g. 250 or asia=200,europe=80');
  return spec;
}

/** One-way ms for the direct `local` region (0: the services are reached as they are). */
export function localOneWayMs(spec: LatencySpec | undefined): number {
  return spec?.regions?.local ?? spec?.all ?? 0;
}

/** The round-trip time of an edge's delay proxy: twice the one-way latency asked for, else its default. */
export function edgeRttMs(spec: LatencySpec | undefined): Record<EdgeRegion, number> {
  return Object.fromEntries(EDGE_REGIONS.map((region) => {
    const oneWay = spec?.regions?.[region] ?? spec?.all;
    return [region, oneWay === undefined ? DEFAULT_RTT_MS[region] : 2 * oneWay];
  })) as Record<EdgeRegion, number>;
}

/** `local 250 ms, asia 250 ms, …` (one-way) for the sandbox's banner; null without a spec. */
export function describeLatency(spec: LatencySpec | undefined): string | null {
  if (!spec) return null;
  const edges = edgeRttMs(spec);
  return [`local ${localOneWayMs(spec)} ms`, ...EDGE_REGIONS.map((r) => `${r} ${edges[r] / 2} ms`)].join(', ') + ' one-way';
}
