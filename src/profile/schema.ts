import { z } from 'zod';
import { SERVICE_KEYS, SERVICES, type ServiceKey } from '../catalog/services';

/**
 * The profile file (INTERFACE.md "Profile") as a zod schema. Shape and types only: cross-field
 * rules (duplicate regions, unresolvable secrets, URL schemes, ranges) live in rules.ts so that
 * every problem can be listed at once with its field path.
 */

export type SecretRef = { env: string } | { file: string };

const SECRET_HINT = 'reference it as { env: NAME } or { file: path } (path relative to the profile file)';

function isSecretRef(value: unknown): value is SecretRef {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  const v = (value as Record<string, unknown>)[keys[0]];
  return (keys[0] === 'env' || keys[0] === 'file') && typeof v === 'string' && v.length > 0;
}

/** A secret given by reference. `inline: 'reject'` refuses plain strings (JWT secret, passwords). */
function secret(inline: 'reject'): z.ZodType<SecretRef>;
function secret(inline: 'allow'): z.ZodType<SecretRef | string>;
function secret(inline: 'reject' | 'allow'): z.ZodType<SecretRef | string> {
  return z.unknown().transform((value, ctx): SecretRef | string => {
    if (isSecretRef(value)) return value;
    if (typeof value === 'string' && inline === 'allow' && value.length > 0) return value;
    const message = value === undefined
      ? 'Required'
      : typeof value === 'string'
        ? `inline secrets are not allowed here: ${SECRET_HINT}`
        : `expected a secret reference: ${SECRET_HINT}`;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}

const nonEmpty = z.string().min(1);
const prefix = z.string().regex(/^\/[A-Za-z0-9._~\-/]*$/, 'a path starting with /');
const hostPort = z.string().regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'host:port');

const serviceShape = <T extends z.ZodType>(value: T) =>
  Object.fromEntries(SERVICE_KEYS.map((k) => [k, value])) as Record<ServiceKey, T>;

/** The contract's edge prefixes (§12 EDGE-5). */
export const DEFAULT_PREFIXES = Object.fromEntries(SERVICE_KEYS.map((k) => [k, SERVICES[k].edgePrefix])) as Record<ServiceKey, string>;

const regionSchema = z.strictObject({
  name: nonEmpty,
  baseUrl: nonEmpty.optional(),
  servicePrefixes: z.strictObject(serviceShape(prefix.optional())).optional(),
  services: z.strictObject(serviceShape(nonEmpty)).optional(),
  /** PEM file path of an extra trusted CA. */
  ca: nonEmpty.optional(),
  /** host:port to dial instead of the URL's host (sandbox, staging edges). */
  connectTo: hostPort.optional(),
  /** The edge's plain-HTTP (port 80) URL for the redirect check; default http://<baseUrl host>. */
  httpUrl: nonEmpty.optional(),
}).superRefine((r, ctx) => {
  if (r.baseUrl === undefined && r.services === undefined) {
    ctx.addIssue({ code: 'custom', message: 'a region needs either baseUrl (edge) or services (one URL per service)' });
  }
  if (r.baseUrl !== undefined && r.services !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'give either baseUrl or services, not both' });
  }
  if (r.services !== undefined) {
    for (const key of ['servicePrefixes', 'connectTo', 'httpUrl'] as const) {
      if (r[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `${key} applies only to a baseUrl region` });
    }
  }
}, {
  // Also when a field inside failed: the shape problem is listed together with the others.
  when: (payload) => payload.value !== null && typeof payload.value === 'object',
});

const account = z.strictObject({ email: nonEmpty, password: secret('reject') });

/** A monitoring endpoint (Prometheus, Alertmanager): basic auth or a bearer token, by reference. */
const monitoringEndpoint = z.strictObject({
  url: nonEmpty,
  username: nonEmpty.optional(),
  password: secret('reject').optional(),
  token: secret('reject').optional(),
  /** A plain-HTTP address of the same endpoint to prove it refuses (default: http:// on the URL's host and port). */
  httpUrl: nonEmpty.optional(),
});

const mintAuth = z.strictObject({
  mode: z.literal('mint'),
  secret: secret('reject'),
  issuer: nonEmpty.default('gx-identity-service'),
  audience: nonEmpty.default('gx-api'),
  algorithm: z.enum(['HS256', 'HS384', 'HS512']).default('HS256'),
});

const loginAuth = z.strictObject({
  mode: z.literal('login'),
  issuer: nonEmpty.default('gx-identity-service'),
  audience: nonEmpty.default('gx-api'),
  accounts: z.strictObject({
    /** One account, or two for cross-user (ownership) tests. */
    USER: z.union([account, z.tuple([account, account])]),
    ADMIN: account,
    SUPER_ADMIN: account,
    PARTNER_API: account.optional(),
  }),
});

const thresholds = z.object({
  p95Ms: z.number().default(500),
  errorRate: z.number().default(0.01),
  projectorLagMs: z.number().default(100),
  dbQueryP95Ms: z.number().default(50),
  /** gx-verify's own default (the contract sets none): API 202 → ledger commit median, RT-COMMIT-LATENCY. */
  commitLatencyP50Ms: z.number().default(400),
  tlsGrade: nonEmpty.default('A+'),
}).catchall(z.union([z.number(), z.string()]));

/** A user the profile provides (fixtures.mode provided): ids the routes take, and a password for login mode. */
const providedUser = z.strictObject({
  profileId: nonEmpty, email: nonEmpty, walletId: nonEmpty, accountId: nonEmpty, password: secret('reject').optional(),
});
const userSlots = <T extends z.ZodType>(value: T) =>
  ({ userA: value, userB: value, admin: value, superAdmin: value, partner: value, frozen: value });

/**
 * Where the run's fixture world comes from: seeded into the database (`seed`, with `allowWrites`),
 * existing accounts and objects named here (`provided`), or none. Seeding writes nothing that
 * changes the target's own behaviour unless asked: `bootstrapSystem` (SYSTEM_STATUS ACTIVE,
 * SYSTEM_BOOTSTRAPPED when absent), `projectorHeartbeat` (a fresh ProjectorState row when absent).
 */
const fixturesSection = z.strictObject({
  mode: z.enum(['seed', 'provided', 'none']).default('seed'),
  bootstrapSystem: z.boolean().default(false),
  projectorHeartbeat: z.boolean().default(false),
  users: z.strictObject(userSlots(providedUser.optional())).optional(),
  objects: z.strictObject({
    countryCode: z.string().regex(/^[A-Z]{2}$/, 'two upper-case letters'),
    orgId: nonEmpty, pendingTxId: nonEmpty, proposedOrgId: nonEmpty, loanId: nonEmpty, proposalId: nonEmpty, paramId: nonEmpty, kycId: nonEmpty,
  }).partial().optional(),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/**
 * Inputs of the dependency and image scan: files the user's pipeline produced (paths relative to
 * the profile), where advisories come from (the npm registry's bulk endpoint, or recorded answers
 * for offline runs), whether OSV may be asked, and waivers that expire.
 */
const vulnerabilityScanSchema = z.strictObject({
  /** package-lock.json / npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock. */
  lockfiles: z.array(nonEmpty).default([]),
  /** CycloneDX or SPDX JSON. */
  sboms: z.array(nonEmpty).default([]),
  /** Trivy (SchemaVersion 2) or Grype JSON reports. */
  imageReports: z.array(nonEmpty).default([]),
  advisories: z.strictObject({
    /** `registry`: ask the registry's bulk endpoint; `{ recorded: [...] }`: replay recorded answers only (offline). */
    npm: z.union([z.literal('registry'), z.strictObject({ recorded: z.array(nonEmpty).min(1) })]).default('registry'),
    registry: nonEmpty.default('https://registry.npmjs.org'),
    /** Ask api.osv.dev for packages of other ecosystems (off by default: it sends package names out). */
    osv: z.boolean().default(false),
  }).prefault({}),
  waivers: z.array(z.strictObject({ advisory: nonEmpty, reason: nonEmpty, expires: isoDate })).default([]),
});

/**
 * The load layer (issue 11): scenarios to run, users and think time, phase durations (defaults: the
 * seed's 10 minutes per endpoint, 100 users, stress to 500), and where the client addresses come from.
 */
const positiveS = z.number().positive();
const loadSchema = z.strictObject({
  /** Scenarios of a run: load-100 per region, per-endpoint, stress-500 on one region, soak. */
  scenarios: z.array(z.enum(['load-100', 'endpoints', 'stress-500', 'soak'])).default(['load-100', 'endpoints', 'stress-500']),
  users: z.number().int().positive().max(100_000).default(100),
  /** Mean pause between a user's requests (uniform ±50 %). */
  thinkTimeMs: z.number().int().min(0).default(1_000),
  /** Share of reads in the mixed scenario; the rest are commands (only with allowWrites). */
  readRatio: z.number().min(0).max(1).default(0.9),
  rampS: positiveS.default(30),
  holdS: positiveS.default(600),
  /** Client source addresses: `auto` spreads over 127.77.x.y on a loopback target, else one address. */
  sourceAddresses: z.union([z.literal('auto'), z.array(nonEmpty).min(1)]).default('auto'),
  endpoints: z.strictObject({
    /** Seconds each endpoint is held under load (seed: 10 minutes). */
    durationS: positiveS.default(600),
    users: z.number().int().positive().default(100),
    /** Endpoints loaded at once (1: one after another). */
    groupSize: z.number().int().positive().default(1),
    /** Region the per-endpoint scenarios go through (default: the first edge region, else the first). */
    region: nonEmpty.optional(),
    /** Commands sent per command endpoint at most (bounded writes). */
    maxWrites: z.number().int().min(0).default(100),
    /** Arrival rate for routes whose cost is a slow password hash by design (I1, I4: ID-2). */
    hashingRatePerS: z.number().positive().default(2),
  }).prefault({}),
  stress: z.strictObject({
    steps: z.array(z.number().int().positive()).min(1).default([50, 100, 200, 300, 400, 500]),
    stepS: positiveS.default(60),
    /** All users without think time for this long after the top step: how overload is answered. */
    overloadS: z.number().min(0).default(30),
    /** Back at the first step's users after the overload; p95 must return to the baseline. */
    recoveryS: positiveS.default(60),
    /** Seconds within which p95 must be back at the baseline. */
    recoveryBoundS: positiveS.default(30),
    region: nonEmpty.optional(),
    thinkTimeMs: z.number().int().min(0).optional(),
  }).prefault({}),
  soak: z.strictObject({ durationS: positiveS.default(3_600), users: z.number().int().positive().default(100) }).prefault({}),
  /**
   * Where each service's /metrics is read for PERF-3 under load when the database has no
   * pg_stat_statements: one URL per replica (the counters of one process only). Default: the
   * /metrics of a region with direct service URLs.
   */
  serviceMetrics: z.strictObject(Object.fromEntries(SERVICE_KEYS.map((k) => [k, z.array(nonEmpty).min(1).optional()])) as Record<ServiceKey, z.ZodOptional<z.ZodArray<typeof nonEmpty>>>).optional(),
});

export const profileSchema = z.strictObject({
  name: nonEmpty,
  tenantId: nonEmpty.default('default'),
  regions: z.array(regionSchema).min(1, 'at least one region'),
  auth: z.discriminatedUnion('mode', [mintAuth, loginAuth]),
  database: z.strictObject({ url: secret('allow') }).optional(),
  fabric: z.strictObject({
    endpoint: hostPort,
    tlsCaCert: nonEmpty,
    mspId: nonEmpty,
    certPath: nonEmpty,
    keyPath: nonEmpty,
    channel: nonEmpty.default('gxchannel'),
    chaincode: nonEmpty.default('gxtv3'),
    hostOverride: nonEmpty.optional(),
  }).optional(),
  kubernetes: z.strictObject({
    /** kubeconfig context; with `kubeconfig`, what gives cluster access (neither: manifests only). */
    context: nonEmpty.optional(),
    /** kubeconfig file (relative to the profile file); default $KUBECONFIG or ~/.kube/config when `context` is set. */
    kubeconfig: nonEmpty.optional(),
    /** The backend namespace (§13: `backend-mainnet`); the intent's `{backend}` parameter. */
    namespace: nonEmpty.default('backend-mainnet'),
    /** The other namespaces of §13.2, which are deployment parameters (defaults in the intent file). */
    namespaces: z.strictObject({
      dns: nonEmpty.optional(),
      fabric: nonEmpty.optional(),
      ingress: nonEmpty.optional(),
      monitoring: nonEmpty.optional(),
    }).optional(),
    /** Folder (or file) of the deployment's Kubernetes manifests. */
    manifests: nonEmpty.optional(),
    /** Intent file replacing the built-in §13.2 flows (fixtures/netpol/gx-intent.yaml). */
    intent: nonEmpty.optional(),
    /** gx-verify may create (and delete) its own probe pods in the cluster for the live NetworkPolicy probe (default false). */
    allowProbePods: z.boolean().optional(),
    /** A gx-verify sandbox's network-namespace cluster (its control URL); written by the sandbox. */
    sandboxCluster: nonEmpty.optional(),
  }).optional(),
  allowWrites: z.boolean().default(false),
  allowLoad: z.union([
    z.literal(false),
    z.strictObject({ maxRequests: z.number().int().positive(), maxDurationS: z.number().positive() }),
  ]).default(false),
  thresholds: thresholds.prefault({}),
  /** Time limits: per request and per check (a check that reaches it fails with what it found). */
  timeouts: z.strictObject({
    requestMs: z.number().int().positive().default(10_000),
    checkMs: z.number().int().positive().default(60_000),
  }).prefault({}),
  /** Checks running at once. */
  concurrency: z.number().int().min(1).max(64).default(4),
  /** Your own check modules (paths relative to the profile), run beside the built-in layers. */
  checkModules: z.array(nonEmpty).default([]),
  /** Named verdict scopes for `run --gate <name>` (besides the built-in merge, nightly-load, pre-launch). */
  gates: z.record(nonEmpty, z.strictObject({
    layers: z.array(z.enum(['integration', 'security', 'load', 'e2e'])).min(1).optional(),
    criteria: z.array(nonEmpty).min(1).optional(),
    description: nonEmpty.optional(),
  })).default({}),
  /** `expires` (YYYY-MM-DD or an ISO time): after it the waiver no longer applies; pre-launch gates require it. */
  waivers: z.array(z.strictObject({ criterion: nonEmpty, reason: nonEmpty, approvedBy: nonEmpty, expires: nonEmpty.optional() })).default([]),
  /** Files the secrets scan reads (security layer): generated configs and service logs (JSON lines). */
  scan: z.strictObject({
    configPaths: z.array(nonEmpty).default([]),
    logPaths: z.array(nonEmpty).default([]),
  }).optional(),
  /** The deployment's ALLOWED_ORIGINS (CORS-1), so SEC-CORS can also test an allowed origin. */
  cors: z.strictObject({ allowedOrigins: z.array(nonEmpty).default([]) }).optional(),
  /**
   * The workers' HTTP servers (WRK-1, WRK-2: /health, /metrics), for the round-trip checks; or
   * `external`: the deployment runs its workers where gx-verify cannot see them (round trips are
   * judged from the outbox and the read model only).
   */
  workers: z.union([z.literal('external'), z.strictObject({
    submitter: z.array(nonEmpty).default([]),
    projector: nonEmpty.optional(),
  })]).optional(),
  /** The deployment's monitoring (FUNC-6, OPS-1..3, PERF-4): endpoints with credentials by reference. */
  monitoring: z.strictObject({
    prometheus: monitoringEndpoint.optional(),
    alertmanager: monitoringEndpoint.optional(),
    grafana: z.strictObject({ url: nonEmpty, token: secret('reject').optional(), httpUrl: nonEmpty.optional() }).optional(),
    /** PEM file of a CA the monitoring endpoints' certificates chain to. */
    ca: nonEmpty.optional(),
    /** Grafana dashboard JSON files or folders of them (used when no Grafana is given). */
    dashboards: z.array(nonEmpty).default([]),
    /** Base URL relative runbook_url annotations resolve against; runbooks are fetched only from this origin and the endpoints'. */
    runbookBase: nonEmpty.optional(),
    /** PromQL whose value is the fraction of time the deployment was up (0..1), averaged over 7 days for PERF-4. */
    uptimeQuery: nonEmpty.optional(),
  }).optional(),
  /** What the deployment runs vs the remote branch head (OPS-5). */
  release: z.strictObject({
    /** Git remote (URL or path) `git ls-remote` asks. */
    repository: nonEmpty,
    branch: nonEmpty.default('main'),
    /** A JSON document of the deployment naming its commit, and the field holding it (dots for nesting). */
    versionUrl: nonEmpty.optional(),
    versionField: nonEmpty.default('commit'),
    /** Or an image reference whose tag is the commit (`registry/gx/svc-identity:1a2b3c4`). */
    imageTag: nonEmpty.optional(),
  }).optional(),
  /** A production deployment: attack probes stay off unless `allowAttacks` is also true (issue 14). */
  production: z.boolean().default(false),
  /** Lets the active attack probes run against a `production: true` profile (they also need `allowWrites`). */
  allowAttacks: z.boolean().default(false),
  /** What the vulnerability scan reads (SEC-VULN-1): the target's manifests, SBOMs and image reports. */
  vulnerabilityScan: vulnerabilityScanSchema.optional(),
  load: loadSchema.prefault({}),
  fixtures: fixturesSection.prefault({}),
  /**
   * How to start one service process of the build under test on this machine (SVC-1..3, the
   * SVC-PROC-* checks): the service, its command line (argv, no shell; the command must be the
   * service process itself, which receives the signals), working directory (relative to the profile
   * file) and base environment. Values are strings or secret references ({ env } / { file }).
   */
  serviceProcess: z.strictObject({
    service: z.enum(SERVICE_KEYS),
    command: z.array(nonEmpty).min(1),
    cwd: nonEmpty.optional(),
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'), secret('allow')).default({}),
    /** How long one start may take until the process listens (or exits). */
    startTimeoutMs: z.number().int().positive().max(300_000).default(30_000),
  }).optional(),
  /** Written by `sandbox up --write-profile`: marks a gx-verify sandbox target. */
  sandbox: z.strictObject({ control: nonEmpty }).optional(),
});

/** The profile as parsed (defaults applied, before normalisation). */
export type ProfileInput = z.output<typeof profileSchema>;
export type RegionInput = ProfileInput['regions'][number];
export type AccountInput = z.output<typeof account>;
export type AuthInput = ProfileInput['auth'];
export type FixturesInput = ProfileInput['fixtures'];
export type LoadInput = ProfileInput['load'];
