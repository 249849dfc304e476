import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_KEYS, type ServiceKey } from '../catalog/services';
import type { Profile, ProfileRegion } from './normalise';
import type { SecretRef } from './schema';
import { readSecret, readSecretOrInline } from './secrets';
import { loginAuthProvider, mintAuthProvider, type LoginAccount } from './auth';
import { regionDispatcher } from './dispatcher';
import type { AuthProvider, FixturesTarget, KubernetesTarget, RegionTarget, Role, ServiceProcessTarget, Target } from './target';
import { resolveMonitoring, resolveRelease } from './monitoring';
import { waiversInForce } from './waivers';

/** Turns a validated profile into the Target checks use; reads secrets and CA files now. */

function regionTarget(r: ProfileRegion): RegionTarget {
  const ca = r.ca ? readFileSync(r.ca, 'utf8') : null;
  if (r.kind === 'edge') {
    return {
      name: r.name,
      serviceUrl: (service: ServiceKey) => r.baseUrl + r.prefixes[service],
      edgeUrl: r.baseUrl,
      ca,
      connectTo: r.connectTo,
      httpUrl: r.httpUrl,
    };
  }
  const urls = Object.fromEntries(SERVICE_KEYS.map((k) => [k, r.services[k].replace(/\/+$/, '')])) as Record<ServiceKey, string>;
  return { name: r.name, serviceUrl: (service: ServiceKey) => urls[service], edgeUrl: null, ca, connectTo: null };
}

/** Secret values a database URL exposes: the password (raw and decoded) and the whole URL. */
function databaseSecrets(url: string): string[] {
  try {
    const parsed = new URL(url);
    if (!parsed.password && !parsed.username) return [];
    const out = [url];
    if (parsed.password) out.push(parsed.password, decodeURIComponent(parsed.password));
    return out;
  } catch {
    return [url];
  }
}

function workerUrls(workers: Profile['workers']): Target['workers'] {
  if (!workers || workers === 'external') return null;
  return { submitter: workers.submitter.map((u) => u.replace(/\/+$/, '')), projector: workers.projector?.replace(/\/+$/, '') ?? null };
}

function resolveFixtures(f: Profile['fixtures'], need: (ref: SecretRef, path: string) => string): FixturesTarget {
  const users: FixturesTarget['users'] = {};
  for (const [key, u] of Object.entries(f.users ?? {})) {
    if (!u) continue;
    const password = u.password ? need(u.password, `fixtures.users.${key}.password`) : null;
    users[key as keyof FixturesTarget['users']] = { profileId: u.profileId, email: u.email, walletId: u.walletId, accountId: u.accountId, password };
  }
  return {
    mode: f.mode,
    tenant: [...(f.bootstrapSystem ? ['systemState' as const] : []), ...(f.projectorHeartbeat ? ['projectorHeartbeat' as const] : [])],
    users,
    objects: { ...(f.objects ?? {}) },
  };
}

/** Paths of the `kubernetes` section resolved against the profile's folder. */
function kubernetesTarget(profile: Profile): KubernetesTarget | null {
  const k = profile.kubernetes;
  if (!k) return null;
  const abs = (p: string | undefined) => (p === undefined ? undefined : path.resolve(profile.baseDir, p));
  return { ...k, namespaces: { ...k.namespaces }, allowProbePods: k.allowProbePods ?? false, kubeconfig: abs(k.kubeconfig), intent: abs(k.intent), manifests: abs(k.manifests) };
}

/** Variables whose inline values are secrets too (redacted like references). */
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|KEY|CREDENTIAL|DATABASE_URL|REDIS_URL/i;

function resolveServiceProcess(profile: Profile, env: NodeJS.ProcessEnv, addSecret: (s: string) => void): ServiceProcessTarget | null {
  const p = profile.serviceProcess;
  if (!p) return null;
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(p.env)) {
    const res = readSecretOrInline(value, profile.baseDir, env);
    if (!res.ok) throw new Error(`serviceProcess.env.${name}: secret does not resolve: ${res.reason}`);
    resolved[name] = res.value;
    if (/_URL$/i.test(name)) databaseSecrets(res.value).forEach(addSecret);
    if (typeof value !== 'string' || (SECRET_NAME.test(name) && !/_URL$/i.test(name))) addSecret(res.value);
  }
  return { service: p.service, command: [...p.command], cwd: path.resolve(profile.baseDir, p.cwd ?? '.'), env: resolved, startTimeoutMs: p.startTimeoutMs };
}

export interface ResolveOptions { env?: NodeJS.ProcessEnv }

export function resolveTarget(profile: Profile, opts: ResolveOptions = {}): Target {
  const env = opts.env ?? process.env;
  const secrets: string[] = [];
  const need = (ref: SecretRef, path: string): string => {
    const res = readSecret(ref, profile.baseDir, env);
    if (!res.ok) throw new Error(`${path}: secret does not resolve: ${res.reason}`);
    secrets.push(res.value);
    return res.value;
  };

  const regions = profile.regions.map(regionTarget);

  let auth: AuthProvider;
  if (profile.auth.mode === 'mint') {
    const { issuer, audience, algorithm } = profile.auth;
    auth = mintAuthProvider({ secret: need(profile.auth.secret, 'auth.secret'), issuer, audience, algorithm });
  } else {
    const a = profile.auth.accounts;
    const entries: [Role, typeof a.ADMIN][] = [
      ...a.USER.map((acc) => ['USER', acc] as [Role, typeof acc]),
      ['ADMIN', a.ADMIN], ['SUPER_ADMIN', a.SUPER_ADMIN],
      ...(a.PARTNER_API ? [['PARTNER_API', a.PARTNER_API] as [Role, typeof a.ADMIN]] : []),
    ];
    const accounts: LoginAccount[] = entries.map(([role, acc]) => ({
      role, email: acc.email, password: need(acc.password, `auth.accounts.${role}.password`),
    }));
    const first = regions[0];
    auth = loginAuthProvider({
      issuer: profile.auth.issuer,
      audience: profile.auth.audience,
      accounts,
      loginUrl: `${first.serviceUrl('identity')}/api/v1/auth/login`,
      dispatcher: regionDispatcher(first),
    });
  }

  let database: Target['database'] = null;
  if (profile.database) {
    const res = readSecretOrInline(profile.database.url, profile.baseDir, env);
    if (!res.ok) throw new Error(`database.url: secret does not resolve: ${res.reason}`);
    database = { url: res.value };
    secrets.push(...databaseSecrets(res.value));
  }

  const monitoring = resolveMonitoring(profile, need, (s) => secrets.push(s));
  const serviceProcess = resolveServiceProcess(profile, env, (s) => secrets.push(s));

  // Before `secrets` is read below: provided passwords are secrets too.
  const fixtures = resolveFixtures(profile.fixtures, need);
  return {
    profileName: profile.name,
    tenantId: profile.tenantId,
    regions,
    auth,
    database,
    fabric: profile.fabric ?? null,
    kubernetes: kubernetesTarget(profile),
    allowWrites: profile.allowWrites,
    allowLoad: profile.allowLoad,
    thresholds: profile.thresholds,
    timeouts: profile.timeouts,
    concurrency: profile.concurrency,
    gates: profile.gates,
    checkModules: profile.checkModules,
    waivers: waiversInForce(profile.waivers),
    secrets: [...new Set(secrets.filter((s) => s.length > 0))],
    sandboxControl: profile.sandbox?.control ?? null,
    scan: profile.scan ?? null,
    production: profile.production,
    allowAttacks: profile.allowAttacks,
    vulnerabilityScan: profile.vulnerabilityScan ?? null,
    cors: profile.cors ?? null,
    monitoring,
    release: resolveRelease(profile),
    serviceProcess,
    load: profile.load,
    workers: workerUrls(profile.workers),
    workersExternal: profile.workers === 'external',
    fixtures,
  };
}
