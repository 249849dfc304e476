import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import type { Profile } from '../../profile/normalise';
import { DEFAULT_PREFIXES } from '../../profile/schema';
import { renderScript, type ScriptInput } from './script';
import type { K6Request } from './templates';

/**
 * `gx-verify export k6`: a script per scenario and, per region, k6-operator TestRun manifests
 * (one per scenario) with the scripts in one ConfigMap. Durations, users and thresholds are the
 * profile's, so a regional k6 runner measures what the engine measures.
 */
export interface ExportInput {
  profile: Profile;
  requests: K6Request[];
  reads: string[];
  writes: string[];
}

function edgePrefixes(p: Profile): Record<string, string> {
  const edge = p.regions.find((r) => r.kind === 'edge');
  return edge?.kind === 'edge' ? { ...edge.prefixes } : { ...DEFAULT_PREFIXES };
}

const sec = (s: number) => `${Math.round(s)}s`;

export function scenarioOptions(p: Profile, requests: K6Request[]): Record<ScriptInput['scenario'], Record<string, unknown>> {
  const l = p.load;
  const endpoints: Record<string, unknown> = {};
  const groups = Math.max(1, l.endpoints.groupSize);
  requests.forEach((r, i) => {
    const startTime = sec(Math.floor(i / groups) * (l.endpoints.durationS + 5));
    const name = `e-${r.id.replace('#', 'E')}`;
    const env = { ENDPOINT: r.id };
    endpoints[name] = ['read', 'guarded'].includes(r.mode)
      ? { executor: 'constant-vus', exec: 'endpoint', vus: l.endpoints.users, duration: sec(l.endpoints.durationS), startTime, env, tags: { endpoint: r.id } }
      : {
        executor: 'constant-arrival-rate', exec: 'endpoint', startTime, env, tags: { endpoint: r.id }, duration: sec(l.endpoints.durationS), timeUnit: '1s',
        rate: Math.max(1, Math.round(r.mode === 'hashing' ? l.endpoints.hashingRatePerS : Math.min(20, l.endpoints.maxWrites / l.endpoints.durationS))), preAllocatedVUs: 20, maxVUs: 100,
      };
  });
  const st = l.stress;
  return {
    'load-100': { 'load-100': { executor: 'ramping-vus', exec: 'mixed', startVUs: 0, stages: [{ duration: sec(l.rampS), target: l.users }, { duration: sec(l.holdS), target: l.users }], gracefulRampDown: '30s' } },
    endpoints,
    'stress-500': {
      'stress-500': {
        executor: 'ramping-vus', exec: 'mixed', startVUs: 0, gracefulRampDown: '30s',
        stages: [...st.steps.flatMap((t) => [{ duration: '5s', target: t }, { duration: sec(st.stepS), target: t }]), { duration: '5s', target: st.steps[0] }, { duration: sec(st.recoveryS), target: st.steps[0] }],
      },
    },
  };
}

export async function exportK6(input: ExportInput, outDir: string): Promise<string[]> {
  const p = input.profile;
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const options = scenarioOptions(p, input.requests);
  const names = (['load-100', 'endpoints', 'stress-500'] as const).filter((s) => p.load.scenarios.includes(s));
  const scripts: Record<string, string> = {};
  for (const scenario of names) {
    const text = renderScript({
      scenario, requests: input.requests, reads: input.reads, writes: p.allowWrites ? input.writes : [], readRatio: p.load.readRatio,
      thinkTimeMs: p.load.thinkTimeMs, scenarios: options[scenario], p95Ms: Number(p.thresholds.p95Ms), errorRate: Number(p.thresholds.errorRate),
      auth: { mode: p.auth.mode, issuer: p.auth.issuer, audience: p.auth.audience },
      prefixes: edgePrefixes(p),
    });
    scripts[`${scenario}.js`] = text;
    const file = path.join(outDir, `${scenario}.js`);
    await writeFile(file, text);
    written.push(file);
  }
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gxv-k6-scripts' }, data: scripts };
  await writeFile(path.join(outDir, 'configmap.yaml'), YAML.stringify(configMap));
  written.push(path.join(outDir, 'configmap.yaml'));
  for (const region of p.regions.filter((r) => r.kind === 'edge')) {
    const docs = names.map((scenario) => testRun(region.name, region.kind === 'edge' ? region.baseUrl : '', scenario));
    const file = path.join(outDir, `testrun-${region.name}.yaml`);
    await writeFile(file, docs.map((d) => YAML.stringify(d)).join('---\n'));
    written.push(file);
  }
  return written;
}

/** One k6-operator TestRun (k6.io/v1alpha1): one runner pod per region by default, the world file beside the scripts. */
export function testRun(region: string, baseUrl: string, scenario: string): Record<string, unknown> {
  return {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: { name: `gxv-${scenario}-${region}`.toLowerCase().replace(/[^a-z0-9-]/g, '-'), labels: { 'gx-verify/region': region, 'gx-verify/scenario': scenario } },
    spec: {
      parallelism: 1,
      script: { configMap: { name: 'gxv-k6-scripts', file: `${scenario}.js` } },
      arguments: `-e REGION=${region} -e BASE_URL=${baseUrl} -e GXV_WORLD=/test/world.json --tag region=${region}`,
      runner: { env: [{ name: 'GX_JWT_SECRET', valueFrom: { secretKeyRef: { name: 'gxv-k6-auth', key: 'jwt-secret' } } }] },
      cleanup: 'post',
    },
  };
}
