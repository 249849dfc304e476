import type { z } from 'zod';
import type { ManifestProblem, RawDocument, RawManifests, Source } from './load';
import {
  controllerSpecSchema, hpaSpecSchema, metadataSchema, networkPolicySpecSchema, podSpecSchema,
  podTemplateSchema, serviceSpecSchema, type NetworkPolicySpec, type PodSpec, type ServiceSpec,
} from './schema';

/**
 * The typed objects of a manifest set: namespaces, workloads (every kind that runs pods, reduced
 * to its pod template), Services, NetworkPolicies, HPAs, and the Secrets and ConfigMaps (kept raw
 * for the secrets checks). Objects without a namespace land in `defaultNamespace`, as with
 * `kubectl apply -n`. A document that does not fit its kind's schema is a problem naming the
 * field path; other kinds are counted and ignored.
 */

export interface ObjectMeta {
  kind: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  source: Source;
}

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export interface WorkloadObject extends ObjectMeta {
  kind: WorkloadKind;
  /** Declared replicas (1 for a Pod, Job, DaemonSet: one per node is unknown here). */
  replicas: number;
  /** Whether `replicas` was written (a Deployment without it runs 1, or what its HPA says). */
  replicasDeclared: boolean;
  podLabels: Record<string, string>;
  pod: PodSpec;
}

export interface ServiceObject extends ObjectMeta { spec: ServiceSpec }
export interface PolicyObject extends ObjectMeta { spec: NetworkPolicySpec }
export interface HpaObject extends ObjectMeta { target: { kind: string; name: string }; minReplicas: number; maxReplicas: number }
export interface RawObject extends ObjectMeta { value: Record<string, unknown> }

export interface ManifestSet {
  root: string;
  base: string;
  files: string[];
  namespaces: RawObject[];
  workloads: WorkloadObject[];
  services: ServiceObject[];
  policies: PolicyObject[];
  hpas: HpaObject[];
  secrets: RawObject[];
  configMaps: RawObject[];
  /** Kinds read but not used, with counts. */
  ignoredKinds: Record<string, number>;
  problems: ManifestProblem[];
}

function issuesText(error: z.ZodError, prefix: string): string {
  return error.issues.map((i) => `${[prefix, ...i.path].join('.')}: ${i.message}`).join('; ');
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function parseAs<T>(schema: z.ZodType<T>, value: unknown, at: string): Parsed<T> {
  const res = schema.safeParse(value);
  return res.success ? { ok: true, value: res.data } : { ok: false, message: issuesText(res.error, at) };
}

function podTemplateOf(kind: WorkloadKind, spec: Record<string, unknown>): { labels: Record<string, string>; spec: unknown; at: string } {
  if (kind === 'Pod') return { labels: {}, spec, at: 'spec' };
  const template = kind === 'CronJob'
    ? ((spec.jobTemplate as { spec?: { template?: unknown } } | undefined)?.spec?.template)
    : spec.template;
  const t = parseAs(podTemplateSchema, template, kind === 'CronJob' ? 'spec.jobTemplate.spec.template' : 'spec.template');
  if (!t.ok) return { labels: {}, spec: undefined, at: t.message };
  return { labels: t.value.metadata?.labels ?? {}, spec: t.value.spec, at: '' };
}

function toWorkload(meta: ObjectMeta, kind: WorkloadKind, spec: Record<string, unknown>): Parsed<WorkloadObject> {
  const template = podTemplateOf(kind, spec);
  if (template.spec === undefined) return { ok: false, message: template.at };
  const pod = parseAs(podSpecSchema, template.spec, kind === 'Pod' ? 'spec' : 'spec.template.spec');
  if (!pod.ok) return pod;
  let replicas = 1;
  let declared = false;
  if (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'ReplicaSet') {
    const c = parseAs(controllerSpecSchema, spec, 'spec');
    if (!c.ok) return c;
    declared = c.value.replicas !== undefined && c.value.replicas !== null;
    replicas = c.value.replicas ?? 1;
  }
  const podLabels = kind === 'Pod' ? meta.labels : template.labels;
  return { ok: true, value: { ...meta, kind, replicas, replicasDeclared: declared, podLabels, pod: pod.value } };
}

export function buildManifestSet(raw: RawManifests, defaultNamespace: string): ManifestSet {
  const set: ManifestSet = {
    root: raw.root, base: raw.base, files: raw.files, namespaces: [], workloads: [], services: [], policies: [], hpas: [],
    secrets: [], configMaps: [], ignoredKinds: {}, problems: [...raw.problems],
  };
  for (const doc of raw.documents) addDocument(set, doc, defaultNamespace);
  return set;
}

function addDocument(set: ManifestSet, doc: RawDocument, defaultNamespace: string): void {
  const value = doc.value as Record<string, unknown> | null;
  const problem = (message: string): void => { set.problems.push({ source: doc.source, message }); };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return problem('not a Kubernetes object (expected a mapping)');
  const kind = typeof value.kind === 'string' ? value.kind : '';
  if (!kind) return problem('no `kind`');
  const m = parseAs(metadataSchema, value.metadata, 'metadata');
  if (!m.ok) return problem(`${kind}: ${m.message}`);
  const namespace = kind === 'Namespace' ? m.value.name : (m.value.namespace ?? defaultNamespace);
  const meta: ObjectMeta = { kind, name: m.value.name, namespace, labels: m.value.labels ?? {}, source: doc.source };
  const spec = (value.spec ?? {}) as Record<string, unknown>;
  const fail = (message: string) => problem(`${kind} ${namespace}/${meta.name}: ${message}`);

  if ((WORKLOAD_KINDS as readonly string[]).includes(kind)) {
    const w = toWorkload(meta, kind as WorkloadKind, spec);
    if (w.ok) set.workloads.push(w.value); else fail(w.message);
    return;
  }
  switch (kind) {
    case 'Namespace': set.namespaces.push({ ...meta, value }); return;
    case 'Secret': set.secrets.push({ ...meta, value }); return;
    case 'ConfigMap': set.configMaps.push({ ...meta, value }); return;
    case 'Service': {
      const s = parseAs(serviceSpecSchema, spec, 'spec');
      if (s.ok) set.services.push({ ...meta, spec: s.value }); else fail(s.message);
      return;
    }
    case 'NetworkPolicy': {
      const p = parseAs(networkPolicySpecSchema, value.spec, 'spec');
      if (p.ok) set.policies.push({ ...meta, spec: p.value }); else fail(p.message);
      return;
    }
    case 'HorizontalPodAutoscaler': {
      const h = parseAs(hpaSpecSchema, spec, 'spec');
      if (h.ok) set.hpas.push({ ...meta, target: h.value.scaleTargetRef, minReplicas: h.value.minReplicas ?? 1, maxReplicas: h.value.maxReplicas });
      else fail(h.message);
      return;
    }
    default:
      set.ignoredKinds[kind] = (set.ignoredKinds[kind] ?? 0) + 1;
  }
}

/** `file:line` of an object, for findings. */
export function where(o: { source: Source }): string {
  return `${o.source.file}:${o.source.line}`;
}
