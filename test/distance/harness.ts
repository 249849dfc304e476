import type { CheckResult } from '../../src/evidence/types';
import { measureNetwork } from '../../src/measure/network';
import type { LatencySpec } from '../../sandbox/lifecycle/latency';
import { startHarness, type IntegrationHarness } from '../integration/harness';

/**
 * The integration harness seen from afar: a sandbox with its write path started with `latency`
 * (every direct route behind a delay proxy), and each run preceded by the network measurement a
 * real run makes, so time budgets and the network baseline are those of a run.
 */
export interface DistanceHarness extends IntegrationHarness {
  /** RTT per region measured before the last run. */
  rttMs: Record<string, number>;
}

export async function startDistanceHarness(namespace: string, latency?: LatencySpec): Promise<DistanceHarness> {
  const h = await startHarness(namespace, { ledger: true, latency });
  let rttMs: Record<string, number> = {};
  return {
    ...h,
    get rttMs() { return rttMs; },
    async run(ids, opts = {}) {
      const network = await measureNetwork(h.target);
      rttMs = network.measured.rttMs;
      try {
        return await h.run(ids, { ...opts, network: network.measured });
      } finally {
        await network.stop();
      }
    },
  };
}

export function explain(result: CheckResult | undefined): string {
  if (!result) return 'no result';
  const evidence = result.evidence.slice(0, 2).map((e) => `${e.note ?? ''}\n${e.response ?? ''}`).join('\n---\n');
  return `${result.id}: ${result.status} — ${result.message}\n${JSON.stringify(result.measurements)}\n${evidence}`.slice(0, 4000);
}
