import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { matchesGlob } from '../criteria/essential';
import type { Profile } from './normalise';
import type { SecretRef } from './schema';
import { readSecret, readSecretOrInline } from './secrets';
import { expiryTime } from './waivers';

/**
 * Cross-field rules, run on the normalised profile after the schema passed. Each rule is a
 * named function that pushes problems; none stops the others, so a profile shows every problem.
 */

export interface RuleContext {
  env: NodeJS.ProcessEnv;
  /** Criterion ids the registry knows; when given, waivers must name one of them. */
  knownCriteria?: readonly string[];
}

export interface RuleReport {
  error(path: string, message: string): void;
  warn(path: string, message: string): void;
}

export interface ProfileRule {
  name: string;
  check(profile: Profile, ctx: RuleContext, report: RuleReport): void;
}

function httpUrl(value: string): { ok: true; url: URL } | { ok: false; why: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, why: `not a URL: ${JSON.stringify(value)}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, why: `must be http(s), got ${url.protocol}` };
  if (url.username || url.password) return { ok: false, why: 'must not carry credentials' };
  return { ok: true, url };
}

const uniqueRegionNames: ProfileRule = {
  name: 'unique-region-names',
  check(p, _ctx, report) {
    const seen = new Map<string, number>();
    p.regions.forEach((r, i) => {
      const first = seen.get(r.name);
      if (first !== undefined) report.error(`regions[${i}].name`, `duplicate region name "${r.name}" (also regions[${first}])`);
      else seen.set(r.name, i);
    });
  },
};

const httpUrls: ProfileRule = {
  name: 'http-urls',
  check(p, _ctx, report) {
    p.regions.forEach((r, i) => {
      if (r.kind === 'edge') {
        const res = httpUrl(r.baseUrl);
        if (!res.ok) report.error(`regions[${i}].baseUrl`, res.why);
        else if (res.url.search || res.url.hash) report.error(`regions[${i}].baseUrl`, 'must not carry a query or fragment');
      } else {
        for (const [service, value] of Object.entries(r.services)) {
          const res = httpUrl(value);
          if (!res.ok) report.error(`regions[${i}].services.${service}`, res.why);
        }
      }
    });
    if (p.sandbox) {
      const res = httpUrl(p.sandbox.control);
      if (!res.ok) report.error('sandbox.control', res.why);
    }
    if (p.kubernetes?.sandboxCluster) {
      const res = httpUrl(p.kubernetes.sandboxCluster);
      if (!res.ok) report.error('kubernetes.sandboxCluster', res.why);
    }
    const urls: Array<[string, string | undefined]> = [
      ['monitoring.prometheus.url', p.monitoring?.prometheus?.url], ['monitoring.prometheus.httpUrl', p.monitoring?.prometheus?.httpUrl],
      ['monitoring.alertmanager.url', p.monitoring?.alertmanager?.url], ['monitoring.alertmanager.httpUrl', p.monitoring?.alertmanager?.httpUrl],
      ['monitoring.grafana.url', p.monitoring?.grafana?.url], ['monitoring.runbookBase', p.monitoring?.runbookBase],
      ['release.versionUrl', p.release?.versionUrl],
    ];
    for (const [path, value] of urls) {
      if (value === undefined) continue;
      const res = httpUrl(value);
      if (!res.ok) report.error(path, res.why);
    }
  },
};

/** Every secret reference must resolve now, before any traffic. */
const secretsResolve: ProfileRule = {
  name: 'secrets-resolve',
  check(p, ctx, report) {
    const refs: [string, SecretRef][] = [];
    if (p.auth.mode === 'mint') refs.push(['auth.secret', p.auth.secret]);
    else {
      const { USER, ...others } = p.auth.accounts;
      const multi = USER.length > 1;
      USER.forEach((a, i) => refs.push([multi ? `auth.accounts.USER[${i}].password` : 'auth.accounts.USER.password', a.password]));
      for (const [role, a] of Object.entries(others)) if (a) refs.push([`auth.accounts.${role}.password`, a.password]);
    }
    if (p.database && typeof p.database.url !== 'string') refs.push(['database.url', p.database.url]);
    for (const [key, u] of Object.entries(p.fixtures.users ?? {})) if (u?.password) refs.push([`fixtures.users.${key}.password`, u.password]);
    for (const key of ['prometheus', 'alertmanager', 'grafana'] as const) {
      const e = p.monitoring?.[key] as { password?: SecretRef; token?: SecretRef } | undefined;
      if (e?.password) refs.push([`monitoring.${key}.password`, e.password]);
      if (e?.token) refs.push([`monitoring.${key}.token`, e.token]);
    }
    for (const [name, value] of Object.entries(p.serviceProcess?.env ?? {})) if (typeof value !== 'string') refs.push([`serviceProcess.env.${name}`, value]);
    for (const [path, ref] of refs) {
      const res = readSecret(ref, p.baseDir, ctx.env);
      if (!res.ok) report.error(path, `secret does not resolve: ${res.reason}`);
    }
  },
};

const databaseUrl: ProfileRule = {
  name: 'database-url',
  check(p, ctx, report) {
    if (!p.database) return;
    if (typeof p.database.url === 'string') {
      report.warn('database.url', 'inline database URL: prefer { env: NAME } or { file: path } so credentials stay out of the file');
    }
    const res = readSecretOrInline(p.database.url, p.baseDir, ctx.env);
    if (!res.ok) return; // secrets-resolve reports it
    let url: URL;
    try {
      url = new URL(res.value);
    } catch {
      report.error('database.url', 'not a URL (expected postgresql://user:password@host:port/db)');
      return;
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      report.error('database.url', `must be postgresql:// or postgres://, got ${url.protocol}`);
    }
  },
};

const waiverCriteria: ProfileRule = {
  name: 'waiver-criteria',
  check(p, ctx, report) {
    const seen = new Set<string>();
    p.waivers.forEach((w, i) => {
      if (ctx.knownCriteria && !ctx.knownCriteria.includes(w.criterion)) {
        report.error(`waivers[${i}].criterion`, `unknown criterion id "${w.criterion}"`);
      }
      if (seen.has(w.criterion)) report.warn(`waivers[${i}].criterion`, `criterion "${w.criterion}" is waived twice`);
      seen.add(w.criterion);
      if (w.expires !== undefined) {
        const at = expiryTime(w.expires);
        if (Number.isNaN(at)) report.error(`waivers[${i}].expires`, `not a date: ${JSON.stringify(w.expires)} (use YYYY-MM-DD or an ISO-8601 time)`);
        else if (at <= Date.now()) report.warn(`waivers[${i}].expires`, `the waiver of ${w.criterion} expired on ${w.expires}: it no longer applies`);
      }
    });
  },
};

/** A gate's criteria are ids or globs; each must select at least one known criterion. */
const gateCriteria: ProfileRule = {
  name: 'gate-criteria',
  check(p, ctx, report) {
    if (!ctx.knownCriteria) return;
    for (const [name, gate] of Object.entries(p.gates)) {
      (gate.criteria ?? []).forEach((glob, i) => {
        if (!ctx.knownCriteria!.some((id) => matchesGlob(id, glob))) {
          report.error(`gates.${name}.criteria[${i}]`, `"${glob}" selects no criterion`);
        }
      });
    }
  },
};

const TLS_GRADES = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F', 'T', 'M'];

const thresholdRanges: ProfileRule = {
  name: 'threshold-ranges',
  check(p, _ctx, report) {
    const t = p.thresholds;
    const positive = (key: string, max: number) => {
      const v = t[key];
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > max) report.error(`thresholds.${key}`, `must be a number > 0 and ≤ ${max}`);
    };
    positive('p95Ms', 600_000);
    positive('projectorLagMs', 3_600_000);
    positive('dbQueryP95Ms', 600_000);
    positive('commitLatencyP50Ms', 3_600_000);
    if (!(t.errorRate >= 0 && t.errorRate <= 1)) report.error('thresholds.errorRate', 'must be a fraction between 0 and 1');
    if (!TLS_GRADES.includes(t.tlsGrade)) report.error('thresholds.tlsGrade', `must be one of ${TLS_GRADES.join(', ')}`);
  },
};

function checkFile(path: string, at: string, report: RuleReport, kind: 'file' | 'dir'): void {
  try {
    const st = statSync(path);
    if (kind === 'file' ? !st.isFile() : !st.isDirectory()) report.error(at, `${path} is not a ${kind === 'file' ? 'file' : 'folder'}`);
    else accessSync(path, constants.R_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    report.error(at, code === 'ENOENT' ? `${path} does not exist` : `${path} is not readable (${code ?? 'error'})`);
  }
}

const filesExist: ProfileRule = {
  name: 'files-exist',
  check(p, _ctx, report) {
    p.regions.forEach((r, i) => { if (r.ca) checkFile(r.ca, `regions[${i}].ca`, report, 'file'); });
    if (p.fabric) {
      for (const key of ['tlsCaCert', 'certPath', 'keyPath'] as const) checkFile(p.fabric[key], `fabric.${key}`, report, 'file');
    }
    if (p.kubernetes?.manifests) checkFile(p.kubernetes.manifests, 'kubernetes.manifests', report, 'dir');
    for (const key of ['kubeconfig', 'intent'] as const) {
      const file = p.kubernetes?.[key];
      if (file) checkFile(resolve(p.baseDir, file), `kubernetes.${key}`, report, 'file');
    }
    if (p.monitoring?.ca) checkFile(p.monitoring.ca, 'monitoring.ca', report, 'file');
    p.monitoring?.dashboards.forEach((d, i) => {
      try {
        checkFile(d, `monitoring.dashboards[${i}]`, report, statSync(d).isDirectory() ? 'dir' : 'file');
      } catch {
        report.error(`monitoring.dashboards[${i}]`, `${d} does not exist`);
      }
    });
    p.checkModules.forEach((file, i) => checkFile(file, `checkModules[${i}]`, report, 'file'));
    if (p.serviceProcess) checkFile(resolve(p.baseDir, p.serviceProcess.cwd ?? '.'), 'serviceProcess.cwd', report, 'dir');
  },
};

const mintSecretStrength: ProfileRule = {
  name: 'mint-secret-strength',
  check(p, ctx, report) {
    if (p.auth.mode !== 'mint') return;
    const res = readSecret(p.auth.secret, p.baseDir, ctx.env);
    if (res.ok && res.value.length < 32) report.warn('auth.secret', 'shorter than the 32 characters the contract requires of JWT_SECRET');
  },
};

const distinctUsers: ProfileRule = {
  name: 'distinct-login-users',
  check(p, _ctx, report) {
    if (p.auth.mode !== 'login') return;
    const [a, b] = p.auth.accounts.USER;
    if (b && a.email.toLowerCase() === b.email.toLowerCase()) {
      report.error('auth.accounts.USER[1].email', 'the two USER accounts must be different users');
    }
  },
};

/** `fixtures`: users and objects only with mode provided, passwords where login needs them. */
const fixturesSection: ProfileRule = {
  name: 'fixtures-section',
  check(p, _ctx, report) {
    const f = p.fixtures;
    const users = Object.entries(f.users ?? {}).filter(([, u]) => u !== undefined);
    const objects = f.objects ?? {};
    if (f.mode !== 'provided') {
      if (f.users) report.error('fixtures.users', `applies only to fixtures.mode provided (the mode is ${f.mode})`);
      if (f.objects) report.error('fixtures.objects', `applies only to fixtures.mode provided (the mode is ${f.mode})`);
    }
    if (f.mode !== 'seed') {
      if (f.bootstrapSystem) report.error('fixtures.bootstrapSystem', `applies only to fixtures.mode seed (the mode is ${f.mode})`);
      if (f.projectorHeartbeat) report.error('fixtures.projectorHeartbeat', `applies only to fixtures.mode seed (the mode is ${f.mode})`);
    } else if ((f.bootstrapSystem || f.projectorHeartbeat) && (!p.allowWrites || !p.database)) {
      report.warn('fixtures', 'seeding needs a database section and allowWrites: true; nothing will be seeded');
    }
    if (f.mode === 'provided') {
      if (users.length === 0 && Object.keys(objects).length === 0) {
        report.error('fixtures', 'mode provided names no users and no objects: give fixtures.users and/or fixtures.objects, or use mode none');
      }
      if (p.auth.mode === 'login') {
        for (const [key, u] of users) if (!u!.password) report.error(`fixtures.users.${key}.password`, 'Required with auth.mode login: the suite logs in as this user');
      }
      if (objects.pendingTxId && !objects.orgId) report.error('fixtures.objects.pendingTxId', 'needs fixtures.objects.orgId (the organization it belongs to)');
    }
  },
};

/** Attack probes: `allowAttacks` only means something with writes, and production needs it said out loud. */
const attackPermission: ProfileRule = {
  name: 'attack-permission',
  check(p, _ctx, report) {
    if (p.allowAttacks && !p.allowWrites) report.error('allowAttacks', 'attack probes write (commands with hostile payloads): set `allowWrites: true` too, or drop `allowAttacks`');
    if (p.production && p.allowAttacks) report.warn('allowAttacks', 'attack probes will run against a production deployment');
  },
};

/** Scan inputs exist and are readable; advisory waivers have a real expiry date; the registry is an http(s) URL. */
const vulnerabilityScanInputs: ProfileRule = {
  name: 'vulnerability-scan-inputs',
  check(p, _ctx, report) {
    const v = p.vulnerabilityScan;
    if (!v) return;
    for (const key of ['lockfiles', 'sboms', 'imageReports'] as const) {
      v[key].forEach((file, i) => checkFile(file, `vulnerabilityScan.${key}[${i}]`, report, 'file'));
    }
    if (v.advisories.npm !== 'registry') {
      v.advisories.npm.recorded.forEach((file, i) => checkFile(file, `vulnerabilityScan.advisories.npm.recorded[${i}]`, report, 'file'));
    }
    const registry = httpUrl(v.advisories.registry);
    if (!registry.ok) report.error('vulnerabilityScan.advisories.registry', registry.why);
    const seen = new Set<string>();
    v.waivers.forEach((w, i) => {
      const day = new Date(`${w.expires}T00:00:00Z`);
      if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== w.expires) report.error(`vulnerabilityScan.waivers[${i}].expires`, `not a calendar date: ${w.expires}`);
      if (seen.has(w.advisory)) report.warn(`vulnerabilityScan.waivers[${i}].advisory`, `advisory "${w.advisory}" is waived twice`);
      seen.add(w.advisory);
    });
    if (v.lockfiles.length + v.sboms.length + v.imageReports.length === 0) {
      report.warn('vulnerabilityScan', 'names no lockfile, SBOM or image report: the dependency scan has nothing to read');
    }
  },
};

/** The load section names regions of this profile, and stress steps climb. */
const loadSection: ProfileRule = {
  name: 'load-section',
  check(p, _ctx, report) {
    const names = p.regions.map((r) => r.name);
    for (const key of ['endpoints', 'stress'] as const) {
      const region = p.load[key].region;
      if (region !== undefined && !names.includes(region)) report.error(`load.${key}.region`, `names no region of this profile (${names.join(', ')})`);
    }
    const steps = p.load.stress.steps;
    if (steps.some((v, i) => i > 0 && v <= steps[i - 1])) report.error('load.stress.steps', 'must climb: each step more users than the one before');
  },
};

export const profileRules: ProfileRule[] = [
  uniqueRegionNames, httpUrls, secretsResolve, databaseUrl, waiverCriteria, gateCriteria, thresholdRanges, filesExist,
  mintSecretStrength, distinctUsers, fixturesSection, loadSection, attackPermission, vulnerabilityScanInputs,
];
