import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { SERVICE_KEYS } from '../../src/catalog/services';
import { cli, readJson } from '../cli/helpers';
import { FOREIGN_NAMESPACES, writeForeignManifests } from './foreign-manifests';

/**
 * `gx-verify run --profile p.yaml --layers security` on someone else's manifests, with no
 * sandbox: a profile with a `kubernetes` section and the minimum the schema requires (one region
 * at a dead address, mint auth). The Kubernetes checks judge the foreign layout and namespace
 * names; the HTTP checks fail or skip on the dead address, which is not what this test is about.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'gxv-foreign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a foreign deployment\'s manifests through the CLI', () => {
  it('runs the Kubernetes checks on its layout and namespaces and blames exactly its two defects', async () => {
    writeForeignManifests(path.join(dir, 'manifests'));
    const services = Object.fromEntries(SERVICE_KEYS.map((k) => [k, `http://127.0.0.1:9/${k}`]));
    writeFileSync(path.join(dir, 'p.yaml'), YAML.stringify({
      name: 'example-team',
      regions: [{ name: 'remote', services }],
      auth: { mode: 'mint', secret: { env: 'GXV_TEST_SECRET' } },
      kubernetes: { manifests: './manifests', ...FOREIGN_NAMESPACES },
    }));
    const out = path.join(dir, 'out');
    const r = await cli(['run', '--profile', path.join(dir, 'p.yaml'), '--layers', 'security', '--out', out]);
    expect(r.code, r.stderr).toBe(1);
    const report = await readJson(path.join(out, 'report.json'));
    const check = (id: string) => report.checks.find((c: { id: string }) => c.id === id);
    const intent = check('SEC-NETPOL-INTENT');
    expect(intent.status).toBe('fail');
    expect(new Set(intent.findings.map((f: { rule: string }) => f.rule))).toEqual(new Set(['NP-1']));
    expect(intent.findings).toHaveLength(11);
    expect(intent.findings[0].text).toBe('gx-prod/svc-identity → dns-system/coredns 53/TCP is denied, but NP-1 requires it');
    expect(JSON.stringify(intent.findings)).toContain('security/network.json gx-prod/dns egress[0] matches dns-system/coredns but not 53/TCP');
    expect(check('SEC-K8S-EXPOSURE')).toMatchObject({ status: 'fail' });
    expect(check('SEC-K8S-EXPOSURE').findings.map((f: { text: string }) => f.text)).toEqual(['Service gx-prod/redis-master: exposes the redis pods outside the namespace (type LoadBalancer); §13.1 allows ClusterIP only']);
    for (const id of ['SEC-K8S-WORKLOADS', 'SEC-K8S-POD-SECURITY', 'SEC-K8S-SECRETS']) expect(check(id).status, `${id}: ${check(id).message}`).toBe('pass');
    expect(check('SEC-K8S-WORKLOADS').measurements.plannedPods).toBe(24);
    for (const id of ['SEC-NETPOL-LIVE', 'FUNC-PODS-READY', 'SEC-NETPOL-CLUSTER-DIFF']) {
      expect(check(id).status).toBe('skipped');
      expect(check(id).message).toMatch(/cluster access/);
    }
    const criterion = (id: string) => report.criteria.find((c: { id: string }) => c.id === id);
    expect(criterion('SEC-1').status).toBe('fail');
    expect(criterion('ST-NETPOL').status).toBe('fail');
  }, 240_000);
});
