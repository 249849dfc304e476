import type { CheckContext } from '../../../src/checks/define';
import type { Finding } from '../../../src/evidence/types';
import { readManifests } from '../../../src/netpol/manifests/load';
import { buildManifestSet, type ManifestSet } from '../../../src/netpol/manifests/objects';
import { plannedWorkloads } from '../../../src/netpol/workloads/find';

/**
 * What the §13.1 manifest checks share: the profile's manifests read once per check (documents
 * that could not be read are counted unusable and logged), and the bookkeeping of what was judged.
 */

export async function loadManifests(ctx: CheckContext): Promise<ManifestSet | { skip: string }> {
  const k = ctx.target.kubernetes!;
  if (!k.manifests) return { skip: 'No manifests to judge: the profile\'s `kubernetes` section has no `manifests` folder.' };
  const set = buildManifestSet(await readManifests(k.manifests), k.namespace);
  for (const p of set.problems) {
    ctx.observe.unusable('manifest document not understood');
    ctx.log(`${p.source.file}:${p.source.line}: ${p.message}`);
  }
  return set;
}

/** Records the findings and what was judged: the §13.1 workloads found (none found is unusable, not a pass). */
export function judgeWorkloads(ctx: CheckContext, set: ManifestSet, findings: readonly Finding[]): number {
  const found = plannedWorkloads(set, ctx.target.kubernetes!.namespace).filter((p) => p.workload).length;
  if (found === 0) ctx.observe.unusable(`no §13.1 workload (svc-*, outbox-submitter, projector) in namespace ${ctx.target.kubernetes!.namespace}`);
  else ctx.observe.judged(found);
  for (const f of findings) ctx.findings.add(f);
  return found;
}
