import { defineCheck, pass, skip } from '../../../src/checks/define';
import { liveFindings, triesJsonl } from '../../../src/netpol/live/findings';
import { probeLive } from '../../../src/netpol/live/probe';
import { buildMatrix } from '../../../src/netpol/report/matrix';
import { renderNetpolMatrix } from '../../../src/netpol/report/matrix-svg';
import { liveReport } from '../../../src/netpol/report/live-text';
import { summaryLine } from '../../../src/netpol/table/compare';
import { liveSource } from './live-source';
import { isSkip, manifestAnalysis, NP_RULES } from './support';

/**
 * SEC-NETPOL-LIVE: the cluster enforces what the manifests say. Every (source pod, destination
 * pod, port) of the truth table is probed with a bounded TCP connect or UDP echo, in parallel;
 * cells that disagree with the manifests are retried (every try kept) and then reported. Only a
 * live probe sees a network plugin that ignores NetworkPolicies.
 */
export const netpolLiveCheck = defineCheck({
  id: 'SEC-NETPOL-LIVE',
  layer: 'security',
  title: 'The cluster enforces the NetworkPolicies of the manifests (live probe of every pod pair and port)',
  criteria: ['SEC-1', 'ST-NETPOL'],
  needs: ['kubernetes'],
  rules: NP_RULES.filter((r) => r !== 'NP-10'),
  timeoutMs: 240_000,
  async run(ctx) {
    const a = await manifestAnalysis(ctx);
    if (isSkip(a)) return skip(a.skip);
    const source = await liveSource(ctx, a);
    if ('skip' in source) return skip(source.skip);
    try {
      const result = await probeLive(a, source.pods, source.runner, { timeoutMs: 1_000, retries: source.retries ?? 2, sources: source.sources, signal: ctx.signal });
      for (const f of liveFindings(a, result, source.runner)) ctx.findings.add(f);
      const failed = result.jobs.filter((j) => result.actual.get(j.from.name, `${j.to.name} ${j.port}/${j.protocol}`) === 'probe-failed').length;
      ctx.observe.judged(result.comparison.same + result.comparison.different);
      if (failed > 0) ctx.observe.unusable('probe failed', failed);
      const matrix = buildMatrix(a, 'NetworkPolicy: intent / manifests / live', (row, column) => result.cellAnswer(row, column));
      await ctx.artifact('live.txt', liveReport(result, source.runner.label));
      await ctx.artifact('matrix.svg', renderNetpolMatrix(matrix));
      await ctx.artifact('matrix.json', JSON.stringify(matrix));
      await ctx.artifact('tries.jsonl', triesJsonl(result, source.runner));
      const retried = [...result.tries.values()].filter((t) => t.length > 1).length;
      return pass({
        message: `${summaryLine(result.comparison)} (${result.jobs.length} probes over ${source.pods.length} pods, ${result.durationMs} ms)`,
        measurements: {
          probes: result.jobs.length, pods: source.pods.length, correct: result.comparison.same, wrong: result.comparison.different,
          ignored: result.comparison.ignored, probeFailed: failed, retried, durationMs: result.durationMs,
          ...(source.unhosted.length > 0 ? { unhosted: source.unhosted.join('; ') } : {}),
        },
      });
    } finally {
      await source.runner.close();
    }
  },
});
