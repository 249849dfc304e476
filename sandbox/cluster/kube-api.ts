import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import YAML from 'yaml';

/**
 * A small read-mostly Kubernetes API server on loopback: the list endpoints gx-verify reads
 * (Deployments, StatefulSets, Pods, NetworkPolicies), single pods and their logs, and the create /
 * delete calls of a probe set (ConfigMap and Pods). What it answers comes from a `KubeApiData`:
 * the project's tests serve responses in the API's own JSON shape from files; no real cluster is
 * ever contacted. It writes a kubeconfig that points @kubernetes/client-node at it.
 */

export type ListKind = 'deployments' | 'statefulsets' | 'pods' | 'networkpolicies' | 'configmaps';

export interface KubeApiData {
  list(kind: ListKind, namespace: string): object[] | Promise<object[]>;
  /** A created object (ConfigMap or Pod), already given its uid. */
  create?(kind: 'configmaps' | 'pods', namespace: string, body: Record<string, unknown>): void;
  remove?(kind: 'configmaps' | 'pods', namespace: string, name: string | null, labelSelector: string | null): void;
  log?(namespace: string, pod: string): string | null;
}

export interface StartedKubeApi {
  url: string;
  /** Every request seen, `METHOD path`, for assertions. */
  requests: string[];
  writeKubeconfig(file: string, context?: string): string;
  stop(): Promise<void>;
}

const LISTS: Record<ListKind, { group: string; kind: string }> = {
  deployments: { group: 'apis/apps/v1', kind: 'DeploymentList' },
  statefulsets: { group: 'apis/apps/v1', kind: 'StatefulSetList' },
  pods: { group: 'api/v1', kind: 'PodList' },
  networkpolicies: { group: 'apis/networking.k8s.io/v1', kind: 'NetworkPolicyList' },
  configmaps: { group: 'api/v1', kind: 'ConfigMapList' },
};

const ROUTE = /^\/(api\/v1|apis\/[a-z0-9.]+\/v1)\/namespaces\/([^/]+)\/([a-z]+)(?:\/([^/]+))?(?:\/(log))?$/;

function matchesLabels(o: object, selector: string | null): boolean {
  if (!selector) return true;
  const labels = ((o as { metadata?: { labels?: Record<string, string> } }).metadata?.labels) ?? {};
  return selector.split(',').every((term) => { const [k, v] = term.split('='); return labels[k] === v; });
}

export async function startKubeApi(data: KubeApiData): Promise<StartedKubeApi> {
  const requests: string[] = [];
  const send = (res: http.ServerResponse, status: number, body: unknown, type = 'application/json') => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': type }).end(text);
  };
  const notFound = (res: http.ServerResponse, what: string) => send(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `${what} not found`, reason: 'NotFound', code: 404 });
  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: Error) => send(res, 500, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: e.message, reason: 'InternalError', code: 500 }));
  });
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}`);
    const m = ROUTE.exec(url.pathname);
    const kind = m?.[3] as ListKind | undefined;
    if (!m || !kind || !LISTS[kind]) return notFound(res, url.pathname);
    const [, , ns, , name, log] = m;
    const selector = url.searchParams.get('labelSelector');
    if (req.method === 'GET' && !name) {
      return send(res, 200, { kind: LISTS[kind].kind, apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: (await data.list(kind, ns)).filter((o) => matchesLabels(o, selector)) });
    }
    if (req.method === 'GET') {
      const item = (await data.list(kind, ns)).find((o) => (o as { metadata?: { name?: string } }).metadata?.name === name);
      if (!item) return notFound(res, `${kind} ${ns}/${name}`);
      if (log) { const text = data.log?.(ns, name) ?? null; return text === null ? notFound(res, 'log') : send(res, 200, text, 'text/plain'); }
      return send(res, 200, item);
    }
    if (req.method === 'POST' && !name && (kind === 'pods' || kind === 'configmaps') && data.create) {
      let body = '';
      for await (const chunk of req) body += chunk;
      const obj = JSON.parse(body) as Record<string, unknown>;
      obj.metadata = { ...(obj.metadata as object), namespace: ns, uid: randomUUID(), creationTimestamp: new Date().toISOString() };
      data.create(kind, ns, obj);
      return send(res, 201, obj);
    }
    if (req.method === 'DELETE' && (kind === 'pods' || kind === 'configmaps') && data.remove) {
      data.remove(kind, ns, name ?? null, selector);
      return send(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success' });
    }
    return send(res, 405, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'MethodNotAllowed', code: 405 });
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    writeKubeconfig(file, context = 'gx-verify-recorded') {
      const doc = {
        apiVersion: 'v1', kind: 'Config', 'current-context': context,
        clusters: [{ name: 'recorded', cluster: { server: url, 'insecure-skip-tls-verify': true } }], // plain HTTP on loopback
        users: [{ name: 'reader', user: { token: 'not-a-real-token' } }],
        contexts: [{ name: context, context: { cluster: 'recorded', user: 'reader' } }],
      };
      writeFileSync(file, YAML.stringify(doc), { mode: 0o600 });
      return file;
    },
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
