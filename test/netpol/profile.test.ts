import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';

/** The profile's `kubernetes` section (issue 12): fields, defaults, paths, and every problem by field path. */

const env = { GX_JWT_SECRET: 'gxv-test-secret-0123456789abcdef-0123456789' };
const profile = (kubernetes: string) => `name: t
regions:
  - name: local
    baseUrl: http://127.0.0.1:8080
auth:
  mode: mint
  secret: { env: GX_JWT_SECRET }
kubernetes:
${kubernetes}`;

describe('profile kubernetes section', () => {
  it('takes manifests, intent and kubeconfig relative to the profile, namespace parameters and the probe-pod permission', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gxv-k8s-profile-'));
    writeFileSync(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\n');
    writeFileSync(join(dir, 'intent.yaml'), 'x: 1\n');
    const text = profile(`  context: staging\n  kubeconfig: kubeconfig\n  namespace: gx-staging\n  namespaces: { dns: dns-system, fabric: ledger, ingress: edge, monitoring: observability }\n  manifests: ${resolve('fixtures/k8s/gx')}\n  intent: intent.yaml\n  allowProbePods: true`);
    const r = parseProfileText(text, 'yaml', dir, { env });
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).toBe(true);
    if (!r.ok) return;
    const k = resolveTarget(r.profile, { env }).kubernetes!;
    rmSync(dir, { recursive: true, force: true });
    expect(k).toMatchObject({
      context: 'staging', kubeconfig: join(dir, 'kubeconfig'), intent: join(dir, 'intent.yaml'), namespace: 'gx-staging',
      namespaces: { dns: 'dns-system', fabric: 'ledger', ingress: 'edge', monitoring: 'observability' }, allowProbePods: true,
      manifests: resolve('fixtures/k8s/gx'),
    });
  });

  it('defaults: backend-mainnet, no probe pods, no namespace overrides', () => {
    const r = parseProfileText(profile('  manifests: fixtures/k8s/gx'), 'yaml', resolve('.'), { env });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(resolveTarget(r.profile, { env }).kubernetes).toMatchObject({ namespace: 'backend-mainnet', namespaces: {}, allowProbePods: false });
  });

  it('rejects every problem at once, each by its field path', () => {
    const text = profile('  allowProbePods: "yes"\n  namespaces: { dns: "", ledger: fabric }\n  kubeconfig: /nonexistent/kubeconfig\n  intent: missing-intent.yaml\n  manifests: /nonexistent/k8s\n  sandboxCluster: ftp://127.0.0.1/cluster');
    const r = parseProfileText(text, 'yaml', resolve('.'), { env });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text2 = r.errors.join('\n');
    expect(text2).toContain('kubernetes.allowProbePods');
    expect(text2).toContain('kubernetes.namespaces.dns');
    expect(text2).toMatch(/kubernetes\.namespaces.*ledger/);
  });

  it('after the shape is right, missing files and a bad sandbox URL are reported by path too', () => {
    const text = profile('  kubeconfig: /nonexistent/kubeconfig\n  intent: missing-intent.yaml\n  manifests: /nonexistent/k8s\n  sandboxCluster: ftp://127.0.0.1/cluster');
    const r = parseProfileText(text, 'yaml', resolve('.'), { env });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const all = r.errors.join('\n');
    for (const path of ['kubernetes.kubeconfig', 'kubernetes.intent', 'kubernetes.manifests', 'kubernetes.sandboxCluster']) expect(all).toContain(path);
  });
});
