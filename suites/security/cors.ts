import { defineCheck } from '../../src/checks/define';
import { SERVICE_KEYS } from '../../src/catalog/services';
import { inBatches } from '../../src/clients/http';
import { Findings } from './support/findings';
import { SEC_ROUTED } from '../integration/support/routing';
import { askRaw } from './support/ask';
import { header, type RawReply } from './support/http';
import { serviceBase } from './support/probes';

/**
 * SEC-CORS (CORS-1..3, OWASP API8): an origin that is not allowed gets no Access-Control-*
 * header (simple request or preflight); `*` is never combined with credentials; an allowed
 * origin (profile `cors.allowedOrigins`) is echoed with Vary: Origin and credentials, and its
 * preflight is 204 with the contract's methods and headers; that origin with a suffix is foreign.
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
  rules: ['CORS-1', 'CORS-2', 'CORS-3'],
  perRegion: true,
  dependsOn: SEC_ROUTED,
  // A service is judged when every answer asked of it came from it (a preflight alone is half the rule).
  minJudged: SERVICE_KEYS.length,
  async run(ctx) {
    const findings = new Findings(ctx);
    const allowed = ctx.target.cors?.allowedOrigins[0] ?? null;
    let requests = 0;
    await inBatches([...SERVICE_KEYS], 4, async (service) => {
      const url = `${serviceBase(ctx, service)}/health`;
      let whole = true;
      const ask = async (method: string, origin: string, what: string) => {
        requests++;
        const headers: Record<string, string> = method === 'OPTIONS'
          ? { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' }
          : { origin };
        const { res, answer } = await askRaw(ctx, { service }, { url, method, headers, note: `${service} ${what}` });
        if (!answer.expected) { findings.unusable(answer.kind); whole = false; }
        return answer.expected ? res : null;
      };
      const found = (rule: string, text: string, r: RawReply) => findings.add({ rule, endpoint: 'INF-1', text: `${service}: ${text}` }, r);
      const foreign = await ask('GET', FOREIGN_ORIGIN, 'GET from a foreign origin');
      const foreignPre = await ask('OPTIONS', FOREIGN_ORIGIN, 'preflight from a foreign origin');
      for (const r of [foreign, foreignPre]) {
        if (!r) continue;
        if (wildcardWithCredentials(r)) found('CORS-2', 'Access-Control-Allow-Origin * with credentials', r);
        else if (acHeaders(r).length > 0) found('CORS-1', `a foreign origin got ${acHeaders(r).join(', ')}`, r);
      }
      if (!allowed) { if (whole) findings.judged(); return; }
      // CORS-1 "exact origins": a listed origin with more after it is another origin (matched by prefix, it would be echoed).
      const lookAlike = await ask('GET', `${allowed}.gxv-attacker.example`, 'GET from a look-alike of the allowed origin');
      if (lookAlike && acHeaders(lookAlike).length > 0) found('CORS-1', `the look-alike origin ${allowed}.gxv-attacker.example got ${acHeaders(lookAlike).join(', ')}`, lookAlike);
      const ok = await ask('GET', allowed, 'GET from an allowed origin');
      const pre = await ask('OPTIONS', allowed, 'preflight from an allowed origin');
      for (const r of [ok, pre]) {
        if (!r) continue;
        if (wildcardWithCredentials(r)) found('CORS-2', 'Access-Control-Allow-Origin * with credentials', r);
        else if (header(r, 'access-control-allow-origin') !== allowed) found('CORS-2', `allowed origin not echoed (got ${header(r, 'access-control-allow-origin') ?? 'none'})`, r);
        if (header(r, 'access-control-allow-credentials')?.toLowerCase() !== 'true') found('CORS-2', 'no Access-Control-Allow-Credentials: true', r);
      }
      if (whole) findings.judged();
      if (ok && !list(header(ok, 'vary')).includes('origin') && !list(header(ok, 'vary')).includes('*')) found('CORS-2', `Vary lacks Origin (${header(ok, 'vary') ?? 'none'})`, ok);
      if (!pre) return;
      if (pre.status !== 204) found('CORS-3', `allowed preflight answered ${pre.status}, not 204`, pre);
      const methods = list(header(pre, 'access-control-allow-methods'));
      const missingMethods = METHODS.filter((m) => !methods.includes(m.toLowerCase()));
      const allowHeaders = list(header(pre, 'access-control-allow-headers'));
      const missingHeaders = HEADERS.filter((h) => !allowHeaders.includes(h));
      if (missingMethods.length || missingHeaders.length) found('CORS-3', `preflight does not allow ${[...missingMethods, ...missingHeaders].join(', ')}`, pre);
      else findings.sample(pre);
    });
    findings.measurements.requests = requests;
    findings.measurements.allowedOriginTested = allowed !== null;
    const scope = allowed ? `; ${allowed} echoed with credentials and Vary` : '; allowed-origin echo not tested (profile has no cors.allowedOrigins)';
    return findings.finish(`foreign origins got no CORS headers on ${SERVICE_KEYS.length} services${scope}`,
      'no Access-Control-* for unlisted origins, never * with credentials, allowed origins echoed with Vary: Origin');
  },
});
