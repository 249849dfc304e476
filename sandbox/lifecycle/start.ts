import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SERVICE_KEYS, SERVICES, type ServiceKey } from '../../src/catalog/services';
import { fixtureCredentials, seedFixtureWorld, seedWorld } from '../../src/fixtures/seed';
import type { FixtureWorld } from '../../src/fixtures/types';
import { startControlServer } from '../control/server';
import { attachSchemaDrift } from '../db/drift';
import { attachMigrationsUnrecorded } from '../db/unrecorded';
import { attachSeedDefects } from '../db/seed-defects';
import { FaultSwitchboard } from '../faults/switchboard';
import { trackDir } from '../infra/child';
import { TcpGate, type StartedGate } from '../infra/gate';
import { tempRoot } from '../infra/temp-root';
import { startInfra, type InfraMode } from '../infra';
import type { ServiceConfig, ServiceDeps, StartedServices } from '../services/deps';
import { createEdgeCerts } from '../edge/certs';
import { startEdges, type StartedEdges } from '../edge/start-edges';
import { startLedgerStack, type StartedLedgerStack } from '../ledger-stack';
import { startMonitoring, type StartedMonitoring } from '../monitoring';
import { writeGeneratedConfig } from './config-files';
import { delayDirectRoutes } from './distance';
import { edgeRttMs, localOneWayMs, type LatencySpec } from './latency';
import { writeSandboxManifests } from '../cluster/manifests';
import { SandboxCluster } from '../cluster/sandbox-cluster';
import { startSandboxKubeApi } from '../cluster/sandbox-kube-api';
import { writeDeployedSbom } from './deployed-sbom';
import { startIdleProjectorHeartbeat, type ProjectorHeartbeat } from './idle-projector';
import { preflightPorts } from './port-preflight';
import { sandboxProfile, writeProfileFile, type SandboxProfileDocument } from './profile';
import { sandboxVariant, type SandboxVariant, type VariantName } from '../variants';

export interface SandboxOptions {
  faults?: string[];
  /** 'default': 3001-3007 (SVC-1); 'free': ports the OS picks (tests, parallel sandboxes). */
  ports?: 'default' | 'free';
  infra?: InfraMode;
  tenantId?: string;
  /** The three regional nginx edges (asia, north-america, europe) in front of the services; default on. */
  edges?: boolean;
  /** The write path: Fabric Gateway emulator, two outbox-submitters and the projector; default on. */
  ledger?: boolean;
  /** Which deployment to stand up (sandbox/variants): `contract` (default) or `orm` (ORM-built schema, no ledger). */
  variant?: VariantName;
  /**
   * Prometheus, Alertmanager and their TLS + basic-auth front (sandbox/monitoring), with the
   * deployment's release info; default off (about +1 s of boot). `run` turns it on with the e2e layer.
   */
  monitoring?: boolean;
  /**
   * Distance (`--latency`, lifecycle/latency.ts): one-way delay on every HTTP route of the profile —
   * the `local` region's services and workers through a delay proxy each, the edges' own delay
   * proxies set to it. Without it the edges keep their default round-trip times.
   */
  latency?: LatencySpec;
}

/** Parts a caller (mostly tests, later the projector) may replace. */
export interface SandboxHooks {
  startServices?: (deps: ServiceDeps, ports: Record<ServiceKey, number>) => Promise<StartedServices>;
  startProjector?: (pool: pg.Pool, tenantId: string) => ProjectorHeartbeat | Promise<ProjectorHeartbeat>;
  /** Receives the services' JSON log entries; default: tempDir/services.log. */
  log?: (entry: Record<string, unknown>) => void;
}

export interface StartedSandbox extends AsyncDisposable {
  /** The services as they listen (direct, never delayed). */
  services: Record<ServiceKey, string>;
  /** The services as the profile's `local` region reaches them: behind delay proxies with `latency`, else the same. */
  publicServices: Record<ServiceKey, string>;
  /** Direct database URL (not through the gate); a secret. */
  databaseUrl: string;
  redisUrl: string;
  controlUrl: string;
  jwtSecretFile: string;
  databaseUrlFile: string;
  tempDir: string;
  tenantId: string;
  /** The sandbox's own world (namespace `sandbox`); on the orm variant some of its items may be missing. */
  world: FixtureWorld;
  variant: VariantName;
  faults: FaultSwitchboard;
  gate: StartedGate;
  /** The regional edges, or null when started with `edges: false`. */
  edges: StartedEdges | null;
  /** Emulator and workers, or null when started with `ledger: false` (an idle projector heartbeat stands in). */
  ledger: StartedLedgerStack | null;
  /** Monitoring (Prometheus, Alertmanager, webhook sink, front), or null when started without it. */
  monitoring: StartedMonitoring | null;
  /** Processes and ports of the infrastructure (pid null for containers), to prove a stop left nothing. */
  infra: { postgres: { pid: number | null; port: number }; redis: { pid: number | null; port: number } };
  /** Milliseconds from the call to all-ready, and per boot phase. */
  bootMs: number;
  bootPhases: Record<string, number>;
  profileDocument(): SandboxProfileDocument;
  writeProfile(file: string): void;
  stop(): Promise<void>;
}

const SERVICE_CONFIG_DEFAULTS: Omit<ServiceConfig, 'tenantId' | 'jwtSecret'> = {
  jwtAlgorithms: ['HS256'], jwtExpiry: '24h', jwtRefreshExpiry: '7d', allowedOrigins: ['https://app.gxcoin.money'],
  enableIdempotency: true, idempotencyTtlHours: 24, projectionLagThresholdMs: 5_000,
};


/**
 * Starts a complete local GX deployment: PostgreSQL (behind a cuttable gate) and Redis in
 * parallel, the contract schema, the default fixture world, a fresh JWT secret, the fault
 * switchboard, the seven services and the loopback control server. Anything started before a
 * failure is stopped again before the error is rethrown.
 */
export async function startSandbox(opts: SandboxOptions = {}, hooks: SandboxHooks = {}): Promise<StartedSandbox> {
  const began = Date.now();
  const phases: Record<string, number> = {};
  let mark = began;
  const phase = (name: string) => {
    const now = Date.now();
    phases[name] = now - mark;
    mark = now;
  };
  const faults = new FaultSwitchboard(opts.faults ?? []); // unknown fault names fail before anything starts
  const variant = sandboxVariant(opts.variant);
  refuseFaults(variant, faults);
  await preflightPorts(opts.ports ?? 'default'); // so does a taken contract port
  const tenantId = opts.tenantId ?? 'default';
  const tempDir = mkdtempSync(path.join(tempRoot(), 'gx-verify-sandbox-'));
  chmodSync(tempDir, 0o711); // the postgres account must traverse it; nobody may list it
  const untrack = trackDir(tempDir);
  // CPU-bound work that needs no database runs while PostgreSQL boots: loading the services'
  // code and the one bcrypt hash of the fixture accounts.
  const servicesModule = hooks.startServices ? null : import('../services');
  servicesModule?.catch(() => undefined);
  const credentials = fixtureCredentials();
  credentials.catch(() => undefined);
  const undo: Array<() => Promise<unknown> | unknown> = [() => { rmSync(tempDir, { recursive: true, force: true }); untrack(); }];
  const unwind = async () => {
    const errors: unknown[] = [];
    while (undo.length) await Promise.resolve().then(undo.pop()!).catch((e: unknown) => errors.push(e));
    return errors;
  };

  try {
    const jwtSecret = randomBytes(48).toString('base64url'); // 64 characters
    const jwtSecretFile = path.join(tempDir, 'jwt-secret');
    writeFileSync(jwtSecretFile, jwtSecret, { mode: 0o600 });

    // Prometheus and Alertmanager boot beside PostgreSQL: Prometheus needs seconds before its first scrape.
    const monitoringBooting = opts.monitoring
      ? startMonitoring({ tempDir, faults, lagThresholdMs: SERVICE_CONFIG_DEFAULTS.projectionLagThresholdMs })
      : Promise.resolve(null);
    monitoringBooting.catch(() => undefined);
    undo.push(async () => (await monitoringBooting.catch(() => null))?.stop());
    const { postgres, redis } = await startInfra(opts.infra ?? 'binaries', tempDir);
    undo.push(() => redis.stop(), () => postgres.stop());
    phase('infra');
    const databaseUrlFile = path.join(tempDir, 'database-url');
    writeFileSync(databaseUrlFile, postgres.url, { mode: 0o600 });
    const redisUrlFile = path.join(tempDir, 'redis-url');
    writeFileSync(redisUrlFile, redis.url, { mode: 0o600 });

    const gate = await new TcpGate({ host: postgres.host, port: postgres.port }).start();
    undo.push(() => gate.stop());
    // Admin work (migrations, seeding, drift, heartbeat) goes direct; only the services pass the gate.
    const adminPool = newPool(postgres.url, 5);
    const servicePool = newPool(gate.rewrite(postgres.url), 20);
    undo.push(() => adminPool.end(), () => servicePool.end());

    await variant.migrate(adminPool);
    phase('migrate');
    // The sandbox's own world, written as its operator would (bootstrapped system, projector row).
    const seedOptions = { namespace: 'sandbox', tenantId, credentials: await credentials, tenant: variant.tenant };
    const world = variant.strictSeed ? await seedWorld(adminPool, seedOptions) : (await seedFixtureWorld(adminPool, seedOptions)).world;
    phase('seed');
    if (variant.name === 'contract') {
      undo.push(await attachSchemaDrift(faults, adminPool));
      undo.push(await attachMigrationsUnrecorded(faults, adminPool));
      undo.push(await attachSeedDefects(faults, adminPool));
    }
    // The ledger stack boots (CA, emulator, workers) while the services and edges start.
    const withLedger = opts.ledger !== false && variant.ledger && !hooks.startProjector;
    const ledgerStarting: Promise<StartedLedgerStack | null> = withLedger
      ? startLedgerStack({ databaseUrl: postgres.url, faults, world, tempDir, tenantId, log: hooks.log })
      : Promise.resolve(null);
    ledgerStarting.catch(() => undefined);
    undo.push(async () => (await ledgerStarting.catch(() => null))?.stop());
    // No ledger: an idle projector keeps the heartbeat fresh; the orm variant runs no projector at all.
    if (!withLedger && (variant.ledger || hooks.startProjector)) {
      const heartbeat = await (hooks.startProjector ?? startIdleProjectorHeartbeat)(adminPool, tenantId);
      undo.push(() => heartbeat.stop());
    }

    const redisClient = new Redis(redis.url, { maxRetriesPerRequest: 2 });
    redisClient.on('error', () => undefined); // reconnects on its own; services see failed commands
    undo.push(() => redisClient.quit().catch(() => redisClient.disconnect()));

    let log = hooks.log;
    const logFile = log ? null : path.join(tempDir, 'services.log');
    if (!log) {
      const stream = createWriteStream(logFile!, { flags: 'a', mode: 0o600 });
      stream.on('error', () => undefined); // logging never breaks a request
      undo.push(() => new Promise((resolve) => stream.end(resolve)));
      log = (entry) => stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
    }
    const deps: ServiceDeps = {
      db: servicePool, redis: redisClient, faults, log,
      config: { ...SERVICE_CONFIG_DEFAULTS, tenantId, jwtSecret },
    };
    const generated = writeGeneratedConfig(tempDir, deps.config, { jwtSecret: jwtSecretFile, databaseUrl: databaseUrlFile }, faults);
    undo.push(() => generated.detach());
    // The deployment's Kubernetes manifests (faulted copy of fixtures/k8s/gx) and the cluster that
    // runs them, built only when the live NetworkPolicy probe first asks for it.
    const manifests = writeSandboxManifests(tempDir, faults, { jwtSecret });
    const cluster = new SandboxCluster(manifests.appliedDir, faults);
    undo.push(() => manifests.detach(), () => cluster.stop());
    const kubeApi = await startSandboxKubeApi(cluster, faults, tempDir);
    if (kubeApi) undo.push(() => kubeApi.stop());
    const sbom = writeDeployedSbom(tempDir, faults);
    undo.push(() => sbom.detach());
    const ports = Object.fromEntries(SERVICE_KEYS.map((k) => [k, opts.ports === 'free' ? 0 : SERVICES[k].defaultPort])) as Record<ServiceKey, number>;
    const start = hooks.startServices ?? (await servicesModule!).startServices;
    const services = await start(deps, ports).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        throw new Error(`A service port is already in use (${err.message}). Another sandbox may be running: stop it with \`gx-verify sandbox down\`, or use free ports.`);
      }
      throw err;
    });
    undo.push(() => services.stop());
    phase('services');

    // One per-run PKI for the edges and the monitoring front.
    const certs = opts.edges !== false || opts.monitoring ? await createEdgeCerts(path.join(tempDir, 'edge-pki')) : null;
    // Monitoring scrapes the workers too, so it starts once the ledger stack is up, beside the edges.
    const monitoringStarting: Promise<StartedMonitoring | null> = Promise.all([monitoringBooting, ledgerStarting]).then(([booting, stack]) => booting?.attach({
      certs: certs!,
      targets: { services: services.urls, submitters: stack?.profileWorkersSection.submitter ?? [], projector: stack?.profileWorkersSection.projector ?? null },
    }) ?? null);
    monitoringStarting.catch(() => undefined);

    let edges: StartedEdges | null = null;
    if (opts.edges !== false) {
      edges = await startEdges({ upstreams: services.urls, faults, certs: certs!, rttMs: edgeRttMs(opts.latency) });
      undo.push(() => edges!.stop());
      phase('edges');
    }

    const ledger = await ledgerStarting;
    if (ledger) phase('ledger');
    const monitoring = await monitoringStarting;
    if (monitoring) phase('monitoring');

    const direct = await delayDirectRoutes(services.urls, ledger?.profileWorkersSection ?? null, localOneWayMs(opts.latency));
    undo.push(() => direct.stop());
    if (opts.latency) phase('latency');

    const control = await startControlServer({ faults, gate, services, ledger: ledger ?? undefined, monitoring: monitoring ?? undefined, postgres, cluster });
    undo.push(() => control.stop());
    phase('control');

    const profileDocument = () => sandboxProfile({ tenantId, services: direct.services, jwtSecretFile, databaseUrlFile, redisUrlFile, controlUrl: control.url,
      scan: { configPaths: [generated.dir, ...(edges?.list.map((e) => e.confPath) ?? [])], logPaths: logFile ? [logFile] : [] },
      allowedOrigins: deps.config.allowedOrigins, edges, ledger: ledger && direct.workers ? { ...ledger, profileWorkersSection: direct.workers } : ledger, sbomFile: sbom.file,
      operations: monitoring?.profileSections(`${control.url}/deployment/version`) ?? null,
      manifestsDir: manifests.dir, kubeconfig: kubeApi?.kubeconfig ?? null });
    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= unwind().then((errors) => {
      if (errors.length) throw new AggregateError(errors, 'The sandbox did not stop cleanly');
    }));
    return {
      services: services.urls, publicServices: direct.services, databaseUrl: postgres.url, redisUrl: redis.url, controlUrl: control.url,
      jwtSecretFile, databaseUrlFile, tempDir, tenantId, world, variant: variant.name, faults, gate, edges, ledger, monitoring,
      infra: { postgres: { pid: postgres.pid, port: postgres.port }, redis: { pid: redis.pid, port: redis.port } },
      bootMs: Date.now() - began, bootPhases: phases,
      profileDocument, writeProfile: (file) => writeProfileFile(file, profileDocument()), stop, [Symbol.asyncDispose]: stop,
    };
  } catch (err) {
    await unwind();
    throw err;
  }
}

function refuseFaults(variant: SandboxVariant, faults: FaultSwitchboard): void {
  const refused = faults.list().map((f) => variant.refuses(f)).filter((r): r is string => r !== null);
  if (refused.length > 0) throw new Error(`The ${variant.name} variant cannot switch these faults on: ${refused.join('; ')}`);
}

function newPool(connectionString: string, max: number): pg.Pool {
  // 5 s to connect: on a starved 2-core runner a new backend can take seconds to fork; a cut gate
  // still fails at once (connections are refused, not delayed), so /readyz reports it promptly.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 10_000 });
  // An idle client losing its connection (gate cut, shutdown) must not crash the process.
  pool.on('error', () => undefined);
  // Checked-out clients too (PostgreSQL killed in the OPS-4 drill): the next statement fails instead of the process.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
