import { decodeJwt } from 'jose';
import { SERVICE_KEYS } from '../catalog/services';
import { FabricClient } from '../clients/fabric';
import { send, type HttpExchange } from '../clients/http';
import type { RegionTarget, Target } from '../profile/target';
import { describeError } from '../run/describe-error';
import type { Finding, RegionDiagnosis } from './types';

/** Read-only probes of a target: /health of every service per region, a token, the ledger, the workers. */

const TIMEOUT_MS = 5_000;

const get = (region: RegionTarget, baseUrl: string, path: string, token?: string) =>
  send({ method: 'GET', baseUrl, path, token, ca: region.ca, connectTo: region.connectTo, timeoutMs: TIMEOUT_MS, note: `doctor ${path}` });

const answer = (res: HttpExchange) => `${res.status}${res.status >= 400 ? ` ${res.text.slice(0, 120)}` : ''}`;

export async function probeRegion(region: RegionTarget): Promise<RegionDiagnosis> {
  const services = await Promise.all(SERVICE_KEYS.map(async (service) => {
    try {
      const res = await get(region, region.serviceUrl(service), '/health');
      return { service, ok: res.status === 200, detail: `GET ${region.serviceUrl(service)}/health → ${answer(res)}` };
    } catch (error) {
      return { service, ok: false, detail: `GET ${region.serviceUrl(service)}/health: ${describeError(error)}` };
    }
  }));
  const up = services.filter((s) => s.ok).length;
  const via = region.edgeUrl ? `through the edge ${region.edgeUrl}` : 'directly';
  return { name: region.name, ok: up === services.length, detail: `${up} of ${services.length} services answered /health ${via}`, services };
}

/**
 * A token the suite would use (minted, or logged in with the profile's USER account) sent to an
 * authenticated route: I5 GET /api/v1/users/<its own profileId>. Anything but 401 means the
 * authentication gate took it (a minted synthetic user gets 404: not seeded, but authenticated).
 */
export async function probeToken(target: Target): Promise<Finding> {
  const region = target.regions[0];
  let token: string;
  try {
    const login = target.auth.mode === 'login' ? target.fixtures?.users.userA : undefined;
    token = await target.auth.accessToken({ profileId: 'gxv-doctor-probe', role: 'USER', tenantId: target.tenantId, email: login?.email, password: login?.password ?? undefined });
  } catch (error) {
    return { ok: false, detail: `no token: ${describeError(error)}` };
  }
  const profileId = String(decodeJwt(token).profileId ?? 'gxv-doctor-probe');
  const how = target.auth.mode === 'mint' ? 'minted' : 'logged-in';
  try {
    const res = await get(region, region.serviceUrl('identity'), `/api/v1/users/${encodeURIComponent(profileId)}`, token);
    if (res.status === 401) return { ok: false, detail: `a ${how} token was refused by I5 in region ${region.name}: ${answer(res)}` };
    return { ok: res.status < 500, detail: `a ${how} token passed authentication on I5 in region ${region.name} (${res.status})` };
  } catch (error) {
    return { ok: false, detail: `I5 in region ${region.name}: ${describeError(error)}` };
  }
}

export async function probeLedger(target: Target): Promise<Finding | null> {
  if (!target.fabric) return null;
  let client: FabricClient | undefined;
  try {
    client = FabricClient.connect(target.fabric);
    const height = await Promise.race([
      client.height(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS)),
    ]);
    return { ok: true, detail: `${target.fabric.endpoint}: channel ${target.fabric.channel} at height ${height} (qscc GetChainInfo)` };
  } catch (error) {
    return { ok: false, detail: `${target.fabric.endpoint}: ${describeError(error)}` };
  } finally {
    client?.close();
  }
}

export async function probeWorkers(target: Target): Promise<Array<{ name: string } & Finding>> {
  if (target.workersExternal) return [{ name: 'workers', ok: true, detail: 'declared external (workers: external): not probed' }];
  const w = target.workers;
  if (!w) return [];
  const urls = [...w.submitter.map((u, i) => [`outbox-submitter ${i + 1}`, u] as const), ...(w.projector ? [['projector', w.projector] as const] : [])];
  return Promise.all(urls.map(async ([name, url]) => {
    try {
      const res = await send({ method: 'GET', baseUrl: url, path: '/health', timeoutMs: TIMEOUT_MS, note: `doctor ${name}` });
      return { name, ok: res.status === 200, detail: `GET ${url}/health → ${answer(res)}` };
    } catch (error) {
      return { name, ok: false, detail: `GET ${url}/health: ${describeError(error)}` };
    }
  }));
}
