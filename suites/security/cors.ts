import { defineCheck } from '../../src/checks/define';
import { SERVICE_KEYS } from '../../src/catalog/services';
import { inBatches } from '../../src/clients/http';
import { Findings } from './support/findings';
import { header, sendRaw, type RawReply } from './support/http';
import { serviceBase } from './support/probes';

/**
 * SEC-CORS (CORS-1..3, OWASP API8): an origin that is not allowed gets no Access-Control-*
 * header (simple request or preflight); `*` is never combined with credentials; an allowed
 * origin (profile `cors.allowedOrigins`) is echoed with Vary: Origin and credentials, and its
 * preflight is 204 with the contract's methods and headers.
 */

const FOREIGN_ORIGIN = 'https://gxv-not-allowed.example';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const HEADERS = ['authorization', 'content-type', 'x-idempotency-key', 'x-request-id'];

const acHeaders = (r: RawReply) => Object.keys(r.headers).filter((h) => h.startsWith('access-control-'));
const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);

function wildcardWithCredentials(r: RawReply): boolean {
  return header(r, 'access-control-allow-origin')?.trim() === '*' && header(r, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
}

export const corsCheck = defineCheck({
  id: 'SEC-CORS',
  layer: 'security',
  title: 'CORS: only allowed origins, echoed with Vary; never * with credentials',
  criteria: ['SEC-2'],
  perRegion: true,
  async run(ctx) {
    const findings = new Findings();
    const allowed = ctx.target.cors?.allowedOrigins[0] ?? null;
    let requests = 0;
    await inBatches([...SERVICE_KEYS], 4, async (service) => {
      const url = `${serviceBase(ctx, service)}/health`;
      const preflightHeaders = (origin: string) => ({ origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' });
      const foreign = await sendRaw(ctx.region, { url, headers: { origin: FOREIGN_ORIGIN }, note: `${service} GET from a foreign origin` });
      const foreignPre = await sendRaw(ctx.region, { url, method: 'OPTIONS', headers: preflightHeaders(FOREIGN_ORIGIN), note: `${service} preflight from a foreign origin` });
      requests += 2;
      for (const r of [foreign, foreignPre]) {
        if (wildcardWithCredentials(r)) findings.add(`${service}: Access-Control-Allow-Origin * with credentials`, r.evidence);
        else if (acHeaders(r).length > 0) findings.add(`${service}: a foreign origin got ${acHeaders(r).join(', ')}`, r.evidence);
      }
      if (!allowed) return;
      const ok = await sendRaw(ctx.region, { url, headers: { origin: allowed }, note: `${service} GET from an allowed origin` });
      const pre = await sendRaw(ctx.region, { url, method: 'OPTIONS', headers: preflightHeaders(allowed), note: `${service} preflight from an allowed origin` });
      requests += 2;
      for (const r of [ok, pre]) {
        if (wildcardWithCredentials(r)) findings.add(`${service}: Access-Control-Allow-Origin * with credentials`, r.evidence);
        else if (header(r, 'access-control-allow-origin') !== allowed) findings.add(`${service}: allowed origin not echoed (got ${header(r, 'access-control-allow-origin') ?? 'none'})`, r.evidence);
        if (header(r, 'access-control-allow-credentials')?.toLowerCase() !== 'true') findings.add(`${service}: no Access-Control-Allow-Credentials: true`, r.evidence);
      }
      if (!list(header(ok, 'vary')).includes('origin') && !list(header(ok, 'vary')).includes('*')) findings.add(`${service}: Vary lacks Origin (${header(ok, 'vary') ?? 'none'})`, ok.evidence);
      if (pre.status !== 204) findings.add(`${service}: allowed preflight answered ${pre.status}, not 204`, pre.evidence);
      const methods = list(header(pre, 'access-control-allow-methods'));
      const missingMethods = METHODS.filter((m) => !methods.includes(m.toLowerCase()));
      const allowHeaders = list(header(pre, 'access-control-allow-headers'));
      const missingHeaders = HEADERS.filter((h) => !allowHeaders.includes(h));
      if (missingMethods.length || missingHeaders.length) findings.add(`${service}: preflight does not allow ${[...missingMethods, ...missingHeaders].join(', ')}`, pre.evidence);
      else findings.sample(pre.evidence);
    });
    findings.measurements.requests = requests;
    findings.measurements.allowedOriginTested = allowed !== null;
    const scope = allowed ? `; ${allowed} echoed with credentials and Vary` : '; allowed-origin echo not tested (profile has no cors.allowedOrigins)';
    return findings.finish(`foreign origins got no CORS headers on ${SERVICE_KEYS.length} services${scope}`,
      'no Access-Control-* for unlisted origins, never * with credentials, allowed origins echoed with Vary: Origin');
  },
});
