import { AppsV1Api, CoreV1Api, KubeConfig, NetworkingV1Api } from '@kubernetes/client-node';
import type { KubernetesTarget } from '../../profile/target';

/**
 * The Kubernetes API clients (@kubernetes/client-node) for the profile's `kubernetes` section:
 * its kubeconfig file (else $KUBECONFIG or ~/.kube/config) and context. A clear error names what
 * is wrong with the access (no such context, unreachable server, forbidden), never a stack trace.
 */

export interface KubeClients {
  core: CoreV1Api;
  apps: AppsV1Api;
  net: NetworkingV1Api;
  /** `context @ server`, for messages (never credentials). */
  label: string;
}

export function kubeClients(k: KubernetesTarget): KubeClients {
  const kc = new KubeConfig();
  if (k.kubeconfig) kc.loadFromFile(k.kubeconfig);
  else kc.loadFromDefault();
  if (k.context) {
    if (!kc.getContexts().some((c) => c.name === k.context)) {
      throw new Error(`kubeconfig ${k.kubeconfig ?? '(default)'} has no context "${k.context}" (it has: ${kc.getContexts().map((c) => c.name).join(', ') || 'none'})`);
    }
    kc.setCurrentContext(k.context);
  }
  const server = kc.getCurrentCluster()?.server ?? 'no server';
  return {
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    net: kc.makeApiClient(NetworkingV1Api),
    label: `${kc.getCurrentContext() || 'default context'} @ ${server}`,
  };
}

/** "403 Forbidden: …" from an API error (client-node's ApiException carries code and body). */
export function describeApiError(error: unknown): string {
  const e = error as { code?: number; body?: unknown; message?: string; cause?: { code?: string } };
  if (typeof e?.code === 'number') {
    const body = typeof e.body === 'string' ? e.body : JSON.stringify(e.body ?? '');
    const message = /"message":"([^"]+)"/.exec(body)?.[1];
    return `the API answered ${e.code}${message ? `: ${message}` : ''}`;
  }
  return e?.cause?.code ? `${e.cause.code}: ${e.message ?? ''}` : String(e?.message ?? error);
}
