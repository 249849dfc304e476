import { z } from 'zod';

/**
 * The Kubernetes objects gx-verify reads from manifests, as zod schemas: only the fields the
 * NetworkPolicy engine and the §13.1 workload checks use (unknown fields are dropped, not
 * rejected: real manifests carry many more). Shapes follow the Kubernetes v1 API.
 */

export const labelsSchema = z.record(z.string(), z.string());

export const labelSelectorSchema = z.object({
  matchLabels: labelsSchema.nullish(),
  matchExpressions: z.array(z.object({
    key: z.string().min(1),
    operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
    values: z.array(z.string()).nullish(),
  })).nullish(),
});
export type LabelSelector = z.output<typeof labelSelectorSchema>;

export const metadataSchema = z.object({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  labels: labelsSchema.nullish(),
  annotations: z.record(z.string(), z.string()).nullish(),
});

const intOrString = z.union([z.number().int(), z.string().min(1)]);
const protocol = z.enum(['TCP', 'UDP', 'SCTP']);

// ---- NetworkPolicy (networking.k8s.io/v1) ----

export const policyPortSchema = z.object({
  protocol: protocol.default('TCP'),
  port: intOrString.optional(),
  endPort: z.number().int().optional(),
});

export const policyPeerSchema = z.object({
  podSelector: labelSelectorSchema.nullish(),
  namespaceSelector: labelSelectorSchema.nullish(),
  ipBlock: z.object({ cidr: z.string().min(1), except: z.array(z.string()).nullish() }).nullish(),
});

const ruleFields = { ports: z.array(policyPortSchema).nullish() };

export const networkPolicySpecSchema = z.object({
  podSelector: labelSelectorSchema,
  policyTypes: z.array(z.enum(['Ingress', 'Egress'])).nullish(),
  // null (a bare `ingress:`) and absent both mean "no rules"; [] likewise, but [] and absent differ
  // for the policyTypes default (see engine/policy.ts).
  ingress: z.array(z.object({ from: z.array(policyPeerSchema).nullish(), ...ruleFields })).nullish(),
  egress: z.array(z.object({ to: z.array(policyPeerSchema).nullish(), ...ruleFields })).nullish(),
});

export type PolicyPort = z.output<typeof policyPortSchema>;
export type PolicyPeer = z.output<typeof policyPeerSchema>;
export type NetworkPolicySpec = z.output<typeof networkPolicySpecSchema>;

// ---- Pods and their controllers ----

export const containerPortSchema = z.object({
  name: z.string().optional(),
  containerPort: z.number().int().min(1).max(65_535),
  protocol: protocol.default('TCP'),
});

const probeSchema = z.object({
  httpGet: z.object({ path: z.string().optional(), port: intOrString }).nullish(),
  tcpSocket: z.object({ port: intOrString }).nullish(),
  exec: z.object({ command: z.array(z.string()) }).nullish(),
  grpc: z.object({ port: z.number().int() }).nullish(),
  initialDelaySeconds: z.number().optional(),
  periodSeconds: z.number().optional(),
  timeoutSeconds: z.number().optional(),
  failureThreshold: z.number().optional(),
});
export type Probe = z.output<typeof probeSchema>;

const quantity = z.union([z.string(), z.number()]);
const resources = z.object({
  requests: z.record(z.string(), quantity).nullish(),
  limits: z.record(z.string(), quantity).nullish(),
});

const securityContext = z.object({
  runAsNonRoot: z.boolean().nullish(),
  runAsUser: z.number().int().nullish(),
  readOnlyRootFilesystem: z.boolean().nullish(),
  allowPrivilegeEscalation: z.boolean().nullish(),
  privileged: z.boolean().nullish(),
  capabilities: z.object({ drop: z.array(z.string()).nullish(), add: z.array(z.string()).nullish() }).nullish(),
  seccompProfile: z.object({ type: z.string() }).nullish(),
});
export type SecurityContext = z.output<typeof securityContext>;

const envVar = z.object({
  name: z.string(),
  value: z.string().nullish(),
  valueFrom: z.unknown().optional(),
});

export const containerSchema = z.object({
  name: z.string().min(1),
  image: z.string().optional(),
  command: z.array(z.string()).nullish(),
  args: z.array(z.string()).nullish(),
  ports: z.array(containerPortSchema).nullish(),
  env: z.array(envVar).nullish(),
  livenessProbe: probeSchema.nullish(),
  readinessProbe: probeSchema.nullish(),
  startupProbe: probeSchema.nullish(),
  resources: resources.nullish(),
  securityContext: securityContext.nullish(),
  volumeMounts: z.array(z.object({ name: z.string(), mountPath: z.string(), readOnly: z.boolean().nullish() })).nullish(),
});
export type Container = z.output<typeof containerSchema>;

export const podSpecSchema = z.object({
  containers: z.array(containerSchema).min(1),
  initContainers: z.array(containerSchema).nullish(),
  serviceAccountName: z.string().nullish(),
  securityContext: securityContext.nullish(),
  volumes: z.array(z.object({
    name: z.string(),
    emptyDir: z.unknown().optional(),
    secret: z.object({ secretName: z.string().optional() }).nullish(),
  })).nullish(),
});
export type PodSpec = z.output<typeof podSpecSchema>;

export const podTemplateSchema = z.object({
  metadata: z.object({ labels: labelsSchema.nullish() }).nullish(),
  spec: podSpecSchema,
});

export const controllerSpecSchema = z.object({
  replicas: z.number().int().min(0).nullish(),
  selector: labelSelectorSchema.nullish(),
  template: podTemplateSchema,
});

// ---- Services ----

export const serviceSpecSchema = z.object({
  type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']).default('ClusterIP'),
  selector: labelsSchema.nullish(),
  externalIPs: z.array(z.string()).nullish(),
  ports: z.array(z.object({
    name: z.string().optional(),
    protocol: protocol.default('TCP'),
    port: z.number().int(),
    targetPort: intOrString.optional(),
    nodePort: z.number().int().optional(),
  })).nullish(),
});
export type ServiceSpec = z.output<typeof serviceSpecSchema>;

export const hpaSpecSchema = z.object({
  scaleTargetRef: z.object({ kind: z.string(), name: z.string() }),
  minReplicas: z.number().int().nullish(),
  maxReplicas: z.number().int(),
});
