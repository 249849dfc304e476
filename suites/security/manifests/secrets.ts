import { defineCheck, pass, skip } from '../../../src/checks/define';
import { checkInlineSecrets } from '../../../src/netpol/workloads/inline-secrets';
import { loadManifests } from './support';

/**
 * SEC-K8S-SECRETS (§13.1 Secret, SEC-4): no secret value inline in the manifests — neither under a
 * secret's name (env values, ConfigMap keys, Secret objects) nor anywhere the secrets scanner
 * (secretlint's rules and the profile's own secret values) finds one. Values are masked.
 */
export const k8sSecretsCheck = defineCheck({
  id: 'SEC-K8S-SECRETS',
  layer: 'security',
  title: 'No secret value inline in the Kubernetes manifests (env, ConfigMaps, Secret objects, any file)',
  criteria: ['SEC-4'],
  needs: ['kubernetes'],
  // Findings: K8S-SECRET-INLINE (src/netpol/workloads/rule-ids.ts).
  async run(ctx) {
    const set = await loadManifests(ctx);
    if ('skip' in set) return skip(set.skip);
    if (set.files.length === 0) return skip(`No manifest files in ${set.root}.`);
    ctx.observe.judged(set.files.length);
    for (const f of await checkInlineSecrets(set, ctx.target.secrets)) ctx.findings.add(f);
    return pass({ message: `${set.files.length} manifest files, ${set.workloads.length} workloads: no secret value inline`, measurements: { files: set.files.length, workloads: set.workloads.length } });
  },
});
