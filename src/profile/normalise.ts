import { isAbsolute, resolve } from 'node:path';
import type { ServiceKey } from '../catalog/services';
import { DEFAULT_PREFIXES, type AccountInput, type ProfileInput, type RegionInput } from './schema';

/**
 * The validated profile in one canonical shape: regions tagged by kind with every prefix filled
 * in, USER accounts always a list, file paths absolute (relative to the profile file).
 */

export type ProfileRegion =
  | { name: string; kind: 'edge'; baseUrl: string; prefixes: Record<ServiceKey, string>; ca: string | null; connectTo: string | null; httpUrl: string | null }
  | { name: string; kind: 'services'; services: Record<ServiceKey, string>; ca: string | null; connectTo: null };

type LoginInput = Extract<ProfileInput['auth'], { mode: 'login' }>;
export type ProfileAuth =
  | Extract<ProfileInput['auth'], { mode: 'mint' }>
  | (Omit<LoginInput, 'accounts'> & {
    accounts: { USER: AccountInput[]; ADMIN: AccountInput; SUPER_ADMIN: AccountInput; PARTNER_API?: AccountInput };
  });

export interface Profile extends Omit<ProfileInput, 'regions' | 'auth' | 'sandbox'> {
  /** Folder of the profile file: relative secret files and paths resolve against it. */
  baseDir: string;
  regions: ProfileRegion[];
  auth: ProfileAuth;
  sandbox: { control: string } | null;
}

const abs = (path: string, baseDir: string) => (isAbsolute(path) ? path : resolve(baseDir, path));

function normaliseRegion(r: RegionInput, baseDir: string): ProfileRegion {
  const ca = r.ca === undefined ? null : abs(r.ca, baseDir);
  if (r.services) return { name: r.name, kind: 'services', services: { ...r.services }, ca, connectTo: null };
  return {
    name: r.name,
    kind: 'edge',
    baseUrl: r.baseUrl!.replace(/\/+$/, ''),
    prefixes: { ...DEFAULT_PREFIXES, ...Object.fromEntries(Object.entries(r.servicePrefixes ?? {}).filter(([, v]) => v !== undefined)) },
    ca,
    connectTo: r.connectTo ?? null,
    httpUrl: r.httpUrl?.replace(/\/+$/, '') ?? null,
  };
}

function normaliseAuth(auth: ProfileInput['auth']): ProfileAuth {
  if (auth.mode === 'mint') return auth;
  const { USER, ...rest } = auth.accounts;
  return { ...auth, accounts: { ...rest, USER: Array.isArray(USER) ? [...USER] : [USER] } };
}

export function normaliseProfile(input: ProfileInput, baseDir: string): Profile {
  return {
    ...input,
    baseDir,
    regions: input.regions.map((r) => normaliseRegion(r, baseDir)),
    auth: normaliseAuth(input.auth),
    fabric: input.fabric && {
      ...input.fabric,
      tlsCaCert: abs(input.fabric.tlsCaCert, baseDir),
      certPath: abs(input.fabric.certPath, baseDir),
      keyPath: abs(input.fabric.keyPath, baseDir),
    },
    kubernetes: input.kubernetes && {
      ...input.kubernetes,
      manifests: input.kubernetes.manifests === undefined ? undefined : abs(input.kubernetes.manifests, baseDir),
    },
    scan: input.scan && {
      configPaths: input.scan.configPaths.map((p) => abs(p, baseDir)),
      logPaths: input.scan.logPaths.map((p) => abs(p, baseDir)),
    },
    monitoring: input.monitoring && {
      ...input.monitoring,
      ca: input.monitoring.ca === undefined ? undefined : abs(input.monitoring.ca, baseDir),
      dashboards: input.monitoring.dashboards.map((p) => abs(p, baseDir)),
    },
    release: input.release && {
      ...input.release,
      // A local path (not a URL or scp-style remote) is relative to the profile file.
      repository: /^[a-z][a-z0-9+.-]*:\/\/|^[^/]+@[^/]+:/i.test(input.release.repository) ? input.release.repository : abs(input.release.repository, baseDir),
    },
    vulnerabilityScan: input.vulnerabilityScan && {
      ...input.vulnerabilityScan,
      lockfiles: input.vulnerabilityScan.lockfiles.map((p) => abs(p, baseDir)),
      sboms: input.vulnerabilityScan.sboms.map((p) => abs(p, baseDir)),
      imageReports: input.vulnerabilityScan.imageReports.map((p) => abs(p, baseDir)),
      advisories: {
        ...input.vulnerabilityScan.advisories,
        npm: input.vulnerabilityScan.advisories.npm === 'registry'
          ? 'registry'
          : { recorded: input.vulnerabilityScan.advisories.npm.recorded.map((p) => abs(p, baseDir)) },
      },
    },
    checkModules: input.checkModules.map((p) => abs(p, baseDir)),
    sandbox: input.sandbox ?? null,
  };
}
