import { writeFileSync } from 'node:fs';
import YAML from 'yaml';
import type { ServiceKey } from '../../src/catalog/services';
import { EDGE_HOSTNAME } from '../edge/certs';
import type { StartedEdges } from '../edge/start-edges';
import { SANDBOX_KUBE_CONTEXT } from '../cluster/sandbox-kube-api';
import type { ProfileFabricSection, ProfileWorkersSection, StartedLedgerStack } from '../ledger-stack';
import type { MonitoringProfileSections } from '../monitoring';
import { SANDBOX_LOCKFILE, SANDBOX_RECORDINGS } from './deployed-sbom';
import { LAUNCHER_CWD, launcherCommand } from '../services/launcher/command';

/** The profile (INTERFACE.md) that points the suite at a running sandbox; secrets only by file reference. */
export interface SandboxProfileDocument {
  name: 'sandbox';
  tenantId: string;
  /** `local` reaches the services directly (in-cluster view); one region per edge follows. */
  regions: Array<{ name: 'local'; services: Record<ServiceKey, string> } | EdgeRegionDocument>;
  auth: { mode: 'mint'; secret: { file: string }; issuer: string; audience: string; algorithm: 'HS256' };
  database: { url: { file: string } };
  allowWrites: true;
  allowLoad: { maxRequests: number; maxDurationS: number };
  /** Short load phases: the sandbox shows the load layer working, it is never a go/no-go target. */
  load: typeof SANDBOX_LOAD;
  sandbox: { control: string };
  /** What the secrets scan reads: the generated configs and the services' JSON-lines log. */
  scan: { configPaths: string[]; logPaths: string[] };
  cors: { allowedOrigins: string[] };
  /** The sandbox's manifests (faulted copy of fixtures/k8s/gx) and its network-namespace cluster, built on first use. */
  kubernetes: { namespace: string; manifests: string; sandboxCluster: string; kubeconfig?: string; context?: string };
  /** The vulnerability scan's inputs (SEC-VULN-1): the sandbox's lockfile and SBOM, recorded advisory answers. */
  vulnerabilityScan: { lockfiles: string[]; sboms: string[]; advisories: { npm: { recorded: string[] } } };
  /**
   * How the SVC-PROC-* checks start one service as its own process (SVC-1..3): the standalone
   * launcher of svc-tax, its configuration from the sandbox's files, the faults from its control.
   */
  serviceProcess: { service: ServiceKey; command: string[]; cwd: string; env: Record<string, string | { file: string }> };
  /** Present when the ledger stack runs: the gateway the round-trip checks query, and the workers' HTTP servers. */
  fabric?: ProfileFabricSection;
  workers?: ProfileWorkersSection;
  /** Present when the sandbox runs its monitoring: Prometheus, Alertmanager, dashboards, runbooks; and the release to compare (OPS-5). */
  monitoring?: MonitoringProfileSections['monitoring'];
  release?: MonitoringProfileSections['release'];
}

/** The service the sandbox's profile declares as a standalone process (the lightest: no hasher thread). */
export const SANDBOX_PROCESS_SERVICE: ServiceKey = 'tax';

/** The built-in sandbox's load section: the seed's users, phases of seconds (issue 11). */
export const SANDBOX_LOAD = {
  rampS: 2, holdS: 5,
  endpoints: { durationS: 2, groupSize: 4 },
  stress: { steps: [100, 300, 500], stepS: 3, overloadS: 3, recoveryS: 8, recoveryBoundS: 6 },
};

/** A region reached through its edge: the public host name, dialled at the edge's loopback port. */
export interface EdgeRegionDocument {
  name: string;
  baseUrl: string;
  connectTo: string;
  ca: string;
  httpUrl: string;
}

function edgeRegions(edges: StartedEdges | null): EdgeRegionDocument[] {
  return (edges?.list ?? []).map((edge) => ({
    name: edge.region,
    baseUrl: `https://${EDGE_HOSTNAME}:${edge.ports.delayed}`,
    connectTo: `127.0.0.1:${edge.ports.delayed}`,
    ca: edges!.certs.caPath,
    httpUrl: edge.httpUrl,
  }));
}

export function sandboxProfile(parts: {
  tenantId: string;
  services: Record<ServiceKey, string>;
  jwtSecretFile: string;
  databaseUrlFile: string;
  redisUrlFile: string;
  controlUrl: string;
  scan: { configPaths: string[]; logPaths: string[] };
  allowedOrigins: string[];
  edges: StartedEdges | null;
  ledger: StartedLedgerStack | null;
  manifestsDir: string;
  /** The sandbox cluster's Kubernetes API, when this machine can run the cluster. */
  kubeconfig: string | null;
  operations?: MonitoringProfileSections | null;
  sbomFile: string;
}): SandboxProfileDocument {
  return {
    name: 'sandbox',
    tenantId: parts.tenantId,
    regions: [{ name: 'local', services: { ...parts.services } }, ...edgeRegions(parts.edges)],
    auth: { mode: 'mint', secret: { file: parts.jwtSecretFile }, issuer: 'gx-identity-service', audience: 'gx-api', algorithm: 'HS256' },
    database: { url: { file: parts.databaseUrlFile } },
    allowWrites: true,
    allowLoad: { maxRequests: 200_000, maxDurationS: 3_600 },
    load: { ...SANDBOX_LOAD, endpoints: { ...SANDBOX_LOAD.endpoints }, stress: { ...SANDBOX_LOAD.stress, steps: [...SANDBOX_LOAD.stress.steps] } },
    sandbox: { control: parts.controlUrl },
    scan: { configPaths: [...parts.scan.configPaths], logPaths: [...parts.scan.logPaths] },
    cors: { allowedOrigins: [...parts.allowedOrigins] },
    kubernetes: {
      namespace: 'backend-mainnet', manifests: parts.manifestsDir, sandboxCluster: `${parts.controlUrl}/cluster`,
      ...(parts.kubeconfig ? { kubeconfig: parts.kubeconfig, context: SANDBOX_KUBE_CONTEXT } : {}),
    },
    serviceProcess: {
      service: SANDBOX_PROCESS_SERVICE,
      command: launcherCommand(SANDBOX_PROCESS_SERVICE),
      cwd: LAUNCHER_CWD,
      env: {
        NODE_ENV: 'development', TENANT_ID: parts.tenantId, ALLOWED_ORIGINS: parts.allowedOrigins.join(','),
        DATABASE_URL: { file: parts.databaseUrlFile }, REDIS_URL: { file: parts.redisUrlFile }, JWT_SECRET: { file: parts.jwtSecretFile },
        // The launcher reads the faults switched on at its start from here (fault switches reach the process through its environment).
        GXV_SANDBOX_CONTROL: parts.controlUrl,
      },
    },
    vulnerabilityScan: { lockfiles: [SANDBOX_LOCKFILE], sboms: [parts.sbomFile], advisories: { npm: { recorded: [...SANDBOX_RECORDINGS] } } },
    ...(parts.ledger ? { fabric: { ...parts.ledger.profileFabricSection }, workers: { ...parts.ledger.profileWorkersSection } } : {}),
    ...(parts.operations ? { monitoring: parts.operations.monitoring, release: parts.operations.release } : {}),
  };
}

/** Writes the profile as YAML (or JSON when the file name ends in .json). */
export function writeProfileFile(file: string, doc: SandboxProfileDocument): void {
  const text = file.endsWith('.json') ? `${JSON.stringify(doc, null, 2)}\n` : YAML.stringify(doc);
  writeFileSync(file, text, { mode: 0o644 });
}
