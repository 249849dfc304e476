import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { SERVICE_KEYS, SERVICES } from '../../src/catalog/services';

/**
 * A GX deployment's manifests as another team might write them — not the sandbox's: namespace
 * `gx-prod` (DNS in `dns-system`, the ledger in `hlf`, ingress `traefik`, monitoring
 * `observability`), one Kubernetes `List` per file, policies per workload (not per flow) in JSON,
 * selectors with matchExpressions. Two defects on purpose: DNS egress allows UDP only (NP-1) and
 * Redis sits behind a LoadBalancer Service (§13.1).
 */

const NS = 'gx-prod';
const nsName = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const inSet = (key: string, ...values: string[]) => ({ matchExpressions: [{ key, operator: 'In', values }] });

const security = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
const podSecurity = { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } };
const probe = (path: string, initialDelaySeconds: number, periodSeconds: number, timeoutSeconds: number, failureThreshold: number) =>
  ({ httpGet: { path, port: 'http' }, initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold });

function deployment(name: string, component: 'api' | 'worker', replicas: number, port: number, portName: string) {
  const api = component === 'api';
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, labels: { app: name, component, tier: 'backend', 'team.example/owner': 'platform' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, component, tier: 'backend' } },
        spec: {
          serviceAccountName: api ? 'backend-api' : 'backend-worker',
          securityContext: podSecurity,
          containers: [{
            name, image: `ghcr.io/example/${name}:2.0.1`,
            ports: [{ name: portName, containerPort: port }],
            ...(api
              ? { livenessProbe: probe('/livez', 30, 10, 5, 3), readinessProbe: probe('/readyz', 10, 5, 3, 2), startupProbe: probe('/health', 5, 5, 3, 10),
                resources: { requests: { cpu: '0.2', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } }
              : { livenessProbe: { httpGet: { path: '/health', port } }, readinessProbe: { httpGet: { path: '/health', port } } }),
            securityContext: security,
            volumeMounts: [{ name: 'scratch', mountPath: '/tmp' }],
          }],
          volumes: [{ name: 'scratch', emptyDir: { medium: 'Memory' } }],
        },
      },
    },
  };
}

const service = (name: string, app: string, port: number, targetPort: string | number, type = 'ClusterIP') =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type, selector: { app }, ports: [{ port, targetPort }] } });

const policy = (name: string, spec: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: NS }, spec });

export const FOREIGN_NAMESPACES = { namespace: NS, namespaces: { dns: 'dns-system', fabric: 'hlf', ingress: 'traefik', monitoring: 'observability' } };

export function writeForeignManifests(root: string): void {
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const list = (items: object[]) => ({ apiVersion: 'v1', kind: 'List', items });
  const apis = SERVICE_KEYS.map((k) => deployment(SERVICES[k].name, 'api', 3, SERVICES[k].defaultPort, 'http'));
  const workers = [deployment('outbox-submitter', 'worker', 2, 9090, 'metrics'), deployment('projector', 'worker', 1, 9091, 'metrics')];
  const data = [
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'postgres' }, spec: { replicas: 1, selector: { matchLabels: { app: 'postgres' } }, template: { metadata: { labels: { app: 'postgres' } }, spec: { containers: [{ name: 'pg', image: 'postgres:15', ports: [{ containerPort: 5432 }] }] } } } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'redis' }, spec: { replicas: 1, selector: { matchLabels: { app: 'redis' } }, template: { metadata: { labels: { app: 'redis' } }, spec: { containers: [{ name: 'redis', image: 'redis:7', ports: [{ containerPort: 6379 }] }] } } } },
  ];
  write('workloads/backend.yaml', `# Backend of the example team\n${YAML.stringify(list([...apis, ...workers]))}---\n${YAML.stringify(list(data))}`);
  write('workloads/services.yaml', YAML.stringify(list([
    ...SERVICE_KEYS.map((k) => service(SERVICES[k].name, SERVICES[k].name, 80, 'http')),
    service('outbox-submitter-metrics', 'outbox-submitter', 9090, 'metrics'),
    service('projector-metrics', 'projector', 9091, 'metrics'),
    service('postgres', 'postgres', 5432, 5432),
    service('redis-master', 'redis', 6379, 6379, 'LoadBalancer'),
  ])));
  write('security/network.json', JSON.stringify(list([
    policy('deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy('dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: nsName('dns-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }] }] }),
    policy('api', {
      podSelector: { matchLabels: { component: 'api' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { component: 'api' } } }, { namespaceSelector: nsName('traefik') }, { namespaceSelector: nsName('observability') }], ports: [{ port: 3001, endPort: 3007 }] }],
      egress: [
        { to: [{ podSelector: { matchLabels: { component: 'api' } } }], ports: [{ port: 3001, endPort: 3007 }] },
        { to: [{ podSelector: inSet('app', 'postgres', 'redis') }], ports: [{ port: 5432 }, { port: 6379 }] },
      ],
    }),
    policy('workers', {
      podSelector: { matchLabels: { component: 'worker' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: nsName('observability') }], ports: [{ port: 'metrics' }] }],
      egress: [
        { to: [{ podSelector: inSet('app', 'postgres', 'redis') }], ports: [{ port: 5432 }, { port: 6379 }] },
        { to: [{ namespaceSelector: nsName('hlf'), podSelector: inSet('app.kubernetes.io/component', 'peer', 'orderer') }], ports: [{ port: 7050, endPort: 7051 }] },
      ],
    }),
    policy('data', { podSelector: inSet('app', 'postgres', 'redis'), policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: inSet('component', 'api', 'worker') }], ports: [{ port: 5432 }, { port: 6379 }] }] }),
  ]), null, 2));
}
