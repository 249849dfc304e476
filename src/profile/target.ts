import type { ServiceKey } from '../catalog/services';
import type { GateSpec } from '../criteria/gates';

/**
 * A validated profile turned into what checks use: where each service answers, how to get tokens,
 * which optional sections exist and what the suite may do. Built by `resolveTarget` (src/profile).
 */
export type Role = 'USER' | 'ADMIN' | 'SUPER_ADMIN' | 'PARTNER_API';
export const ROLES: readonly Role[] = ['USER', 'ADMIN', 'SUPER_ADMIN', 'PARTNER_API'];

export interface RegionTarget {
  name: string;
  /** Base URL for a service, including the edge prefix when the region goes through an edge. */
  serviceUrl(service: ServiceKey): string;
  /** The edge base URL (scheme://host:port) when the region is reached through an edge. */
  edgeUrl: string | null;
  /** Extra trusted CA (PEM) for TLS to this region, from the profile. */
  ca: string | null;
  /** Connect address override: send traffic for the edge host name to this host:port (sandbox, staging). */
  connectTo: string | null;
  /** The edge's plain-HTTP URL (port-80 role), when the profile gives one. */
  httpUrl?: string | null;
}

export interface TokenClaims {
  profileId: string;
  role: Role;
  tenantId: string;
  email?: string;
}

export interface AuthProvider {
  mode: 'mint' | 'login';
  issuer: string;
  audience: string;
  /** The signing secret; only in mint mode. Checks needing it are skipped in login mode. */
  secret: string | null;
  algorithm: string;
  /** An access token for a fixture identity (mint: signed locally; login: obtained from I1). */
  accessToken(who: TokenClaims & { password?: string }): Promise<string>;
  /** A refresh token, when obtainable (mint or login). */
  refreshToken(who: TokenClaims & { password?: string }): Promise<string>;
}

export interface Thresholds {
  p95Ms: number;
  errorRate: number;
  projectorLagMs: number;
  dbQueryP95Ms: number;
  commitLatencyP50Ms: number;
  tlsGrade: string;
  [key: string]: number | string;
}

export interface Waiver {
  criterion: string;
  reason: string;
  approvedBy: string;
  /** ISO date or time after which the waiver no longer applies (expired ones never reach the Target). */
  expires?: string;
}

/** A monitoring endpoint with its credentials resolved (secrets: also listed in Target.secrets). */
export interface MonitoringEndpointTarget {
  url: string;
  /** The plain-HTTP address FUNC-6 proves refused. */
  httpUrl: string;
  /** The Authorization header value (Basic or Bearer), or null for none. */
  authorization: string | null;
}

/** The deployment's monitoring (profile `monitoring`). */
export interface MonitoringTarget {
  prometheus: MonitoringEndpointTarget | null;
  alertmanager: MonitoringEndpointTarget | null;
  grafana: MonitoringEndpointTarget | null;
  /** Extra trusted CA (PEM) for the monitoring endpoints and runbooks. */
  ca: string | null;
  /** Absolute paths of dashboard JSON files or folders. */
  dashboards: string[];
  runbookBase: string | null;
  uptimeQuery: string | null;
}

/** What the deployment runs and where its source lives (profile `release`, OPS-5). */
export interface ReleaseTarget {
  repository: string;
  branch: string;
  versionUrl: string | null;
  versionField: string;
  imageTag: string | null;
}

/** The Fabric gateway a target exposes (profile `fabric`): file paths, never inline keys. */
export interface FabricTarget {
  endpoint: string;
  tlsCaCert: string;
  mspId: string;
  certPath: string;
  keyPath: string;
  channel: string;
  chaincode: string;
  hostOverride?: string;
}

/** An existing account named by the profile (fixtures.mode provided); password resolved, null in mint mode. */
export interface ProvidedUser {
  profileId: string;
  email: string;
  walletId: string;
  accountId: string;
  password: string | null;
}

export type ProvidedObject = 'countryCode' | 'orgId' | 'pendingTxId' | 'proposedOrgId' | 'loanId' | 'proposalId' | 'paramId' | 'kycId';

/** Profile `fixtures`: where the run's fixture world comes from (src/run/fixtures.ts). */
export interface FixturesTarget {
  mode: 'seed' | 'provided' | 'none';
  /** Tenant parts seeding may write when absent (bootstrapSystem, projectorHeartbeat). */
  tenant: Array<'systemState' | 'projectorHeartbeat'>;
  users: Partial<Record<'userA' | 'userB' | 'admin' | 'superAdmin' | 'partner' | 'frozen', ProvidedUser>>;
  objects: Partial<Record<ProvidedObject, string>>;
}

/** Profile `kubernetes`: manifests, cluster access and the §13.2 namespace parameters; paths absolute. */
export interface KubernetesTarget {
  context?: string;
  kubeconfig?: string;
  namespace: string;
  namespaces: { dns?: string; fabric?: string; ingress?: string; monitoring?: string };
  manifests?: string;
  intent?: string;
  allowProbePods: boolean;
  sandboxCluster?: string;
}

export interface AdvisoryWaiver {
  advisory: string;
  reason: string;
  /** YYYY-MM-DD; the waiver no longer applies after this day. */
  expires: string;
}

export interface VulnerabilityScanInput {
  lockfiles: string[];
  sboms: string[];
  imageReports: string[];
  advisories: { npm: 'registry' | { recorded: string[] }; registry: string; osv: boolean };
  waivers: AdvisoryWaiver[];
}

/** Profile `load` (src/profile/schema.ts): scenarios, users, phases, client addresses. */
export interface LoadSettings {
  scenarios: Array<'load-100' | 'endpoints' | 'stress-500' | 'soak'>;
  users: number;
  thinkTimeMs: number;
  readRatio: number;
  rampS: number;
  holdS: number;
  sourceAddresses: 'auto' | string[];
  endpoints: { durationS: number; users: number; groupSize: number; region?: string; maxWrites: number; hashingRatePerS: number };
  stress: { steps: number[]; stepS: number; overloadS: number; recoveryS: number; recoveryBoundS: number; region?: string; thinkTimeMs?: number };
  soak: { durationS: number; users: number };
  /** Per service, the /metrics URL of each replica (PERF-3 fallback); default: a region with direct service URLs. */
  serviceMetrics?: Partial<Record<string, string[]>>;
}

/** Profile `serviceProcess`: one service process gx-verify may start locally (secrets resolved, also in Target.secrets). */
export interface ServiceProcessTarget {
  service: import('../catalog/services').ServiceKey;
  command: string[];
  /** Absolute working directory. */
  cwd: string;
  /** The base environment, references resolved. */
  env: Record<string, string>;
  startTimeoutMs: number;
}

export interface Target {
  profileName: string;
  tenantId: string;
  regions: RegionTarget[];
  auth: AuthProvider;
  database: { url: string } | null;
  fabric: FabricTarget | null;
  kubernetes: KubernetesTarget | null;
  allowWrites: boolean;
  allowLoad: false | { maxRequests: number; maxDurationS: number };
  thresholds: Thresholds;
  /** Profile `timeouts` (defaults 10 s per request, 60 s per check). */
  timeouts?: { requestMs: number; checkMs: number };
  /** Profile `concurrency`: checks running at once (default 4). */
  concurrency?: number;
  /** Profile `checkModules`, as absolute paths: user checks run beside the layers. */
  checkModules?: string[];
  /** Profile `gates`: named verdict scopes for `run --gate`. */
  gates?: Record<string, GateSpec>;
  waivers: Waiver[];
  /** Every secret value the profile resolved; redacted from all outputs. */
  secrets: string[];
  /** Control URL of a gx-verify sandbox (fault switches, dependency cuts); null for real targets. */
  sandboxControl: string | null;
  /** Files for the secrets scan (profile `scan`): configs and JSON-lines service logs. */
  scan?: { configPaths: string[]; logPaths: string[] } | null;
  /** The deployment's allowed CORS origins (profile `cors`). */
  cors?: { allowedOrigins: string[] } | null;
  /** Profile `production` / `allowAttacks`: attack probes need allowWrites, and allowAttacks on production. */
  production?: boolean;
  allowAttacks?: boolean;
  /** Profile `vulnerabilityScan` (paths absolute). */
  vulnerabilityScan?: VulnerabilityScanInput | null;
  /** Profile `load` with its defaults (absent in targets built by hand: the load layer applies the defaults). */
  load?: LoadSettings;
  /** The workers' HTTP base URLs (profile `workers`), for their /health and /metrics. */
  workers?: { submitter: string[]; projector: string | null } | null;
  /** Profile `workers: external`: the deployment's workers run where gx-verify cannot see them. */
  workersExternal?: boolean;
  /** Profile `fixtures` (default: seed when the profile has a database and allows writes). */
  fixtures?: FixturesTarget;
  /** The deployment's monitoring endpoints, dashboards and runbooks (profile `monitoring`). */
  monitoring?: MonitoringTarget | null;
  /** The deployed commit and the remote it must match (profile `release`). */
  release?: ReleaseTarget | null;
  /** How to start one service process locally (profile `serviceProcess`). */
  serviceProcess?: ServiceProcessTarget | null;
}
