import type { CheckContext } from '../../../src/checks/define';
import { analyse, type NetpolAnalysis } from '../../../src/netpol/analysis';
import type { KubernetesTarget } from '../../../src/profile/target';

/**
 * What the NetworkPolicy and manifest checks share: the analysis of the profile's manifests
 * against the intent, or the precise reason there is nothing to judge. Documents that could not
 * be read are counted as unusable (never silently dropped) and logged with file and line.
 */

export const NP_RULES = ['NP-0', 'NP-1', 'NP-2', 'NP-3', 'NP-4', 'NP-5', 'NP-6', 'NP-7', 'NP-8', 'NP-9', 'NP-10'];

export function namespaceParameters(k: KubernetesTarget): Record<string, string | undefined> {
  return { backend: k.namespace, ...k.namespaces };
}

export async function manifestAnalysis(ctx: CheckContext): Promise<NetpolAnalysis | { skip: string }> {
  const k = ctx.target.kubernetes!;
  if (!k.manifests) return { skip: 'No manifests to judge: the profile\'s `kubernetes` section has no `manifests` folder.' };
  const a = await analyse({ manifests: k.manifests, intentFile: k.intent, namespaces: namespaceParameters(k) });
  for (const p of a.set.problems) {
    ctx.observe.unusable('manifest document not understood');
    ctx.log(`${p.source.file}:${p.source.line}: ${p.message}`);
  }
  const inScope = a.set.workloads.filter((w) => w.namespace === a.intent.scope);
  if (inScope.length === 0) {
    const seen = [...new Set(a.set.workloads.map((w) => w.namespace))];
    return {
      skip: `The manifests in ${k.manifests} hold no workload in namespace ${a.intent.scope} (${a.set.files.length} files; workloads in: ${seen.join(', ') || 'none'}); set \`kubernetes.namespace\`.`,
    };
  }
  return a;
}

export const isSkip = (x: NetpolAnalysis | { skip: string }): x is { skip: string } => 'skip' in x;
