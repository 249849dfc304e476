import { readFileSync } from 'node:fs';
import type { Profile } from './normalise';
import type { SecretRef } from './schema';
import type { MonitoringEndpointTarget, MonitoringTarget, ReleaseTarget } from './target';

type NeedSecret = (ref: SecretRef, path: string) => string;
type EndpointInput = { url: string; username?: string; password?: SecretRef; token?: SecretRef; httpUrl?: string };

/** The plain-HTTP twin of an https URL: same host and port, scheme http (what FUNC-6 must see refused). */
export function plainTwin(url: string): string {
  const u = new URL(url);
  u.protocol = 'http:';
  return u.origin;
}

function endpoint(input: EndpointInput | undefined, at: string, need: NeedSecret): MonitoringEndpointTarget | null {
  if (!input) return null;
  let authorization: string | null = null;
  if (input.token) authorization = `Bearer ${need(input.token, `${at}.token`)}`;
  else if (input.username !== undefined) {
    const password = input.password ? need(input.password, `${at}.password`) : '';
    const basic = Buffer.from(`${input.username}:${password}`).toString('base64');
    authorization = `Basic ${basic}`;
  }
  return { url: input.url.replace(/\/+$/, ''), httpUrl: (input.httpUrl ?? plainTwin(input.url)).replace(/\/+$/, ''), authorization };
}

export function resolveMonitoring(profile: Profile, need: NeedSecret, addSecret: (s: string) => void): MonitoringTarget | null {
  const m = profile.monitoring;
  if (!m) return null;
  const withBasic = (input: EndpointInput | undefined, at: string) => {
    const resolved = endpoint(input, at, need);
    // The Basic value itself is a secret: it decodes to the password.
    if (resolved?.authorization) addSecret(resolved.authorization.split(' ')[1]);
    return resolved;
  };
  return {
    prometheus: withBasic(m.prometheus, 'monitoring.prometheus'),
    alertmanager: withBasic(m.alertmanager, 'monitoring.alertmanager'),
    grafana: withBasic(m.grafana, 'monitoring.grafana'),
    ca: m.ca ? readFileSync(m.ca, 'utf8') : null,
    dashboards: [...m.dashboards],
    runbookBase: m.runbookBase ?? null,
    uptimeQuery: m.uptimeQuery ?? null,
  };
}

export function resolveRelease(profile: Profile): ReleaseTarget | null {
  const r = profile.release;
  if (!r) return null;
  return { repository: r.repository, branch: r.branch, versionUrl: r.versionUrl ?? null, versionField: r.versionField, imageTag: r.imageTag ?? null };
}
