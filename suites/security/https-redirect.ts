import { defineCheck } from '../../src/checks/define';
import type { CheckContext } from '../../src/checks/define';
import { Findings } from './support/findings';
import { header, sendRaw, type RawReply } from './support/http';

/**
 * SEC-HTTPS-REDIRECT (EDGE-1, FUNC-5): plain HTTP on the edge answers every request with 301 to
 * https://<edge host> plus the same path and query (the ACME challenge path's answer is recorded).
 */

/** The region's port-80 URL: the profile's `httpUrl`, else http://<edge host>. */
export function plainHttpUrl(ctx: CheckContext): string {
  if (ctx.region.httpUrl) return ctx.region.httpUrl.replace(/\/+$/, '');
  return `http://${new URL(ctx.region.edgeUrl!).hostname}`;
}

const PATHS = ['/identity/health', '/tokenomics/api/v1/wallets/gxv-x/balance?currency=GX&page=2', '/', '/gxv-unknown/path?q=a%20b'];

export const httpsRedirectCheck = defineCheck({
  id: 'SEC-HTTPS-REDIRECT',
  layer: 'security',
  title: 'Plain HTTP redirects (301) to HTTPS with the same path and query',
  criteria: ['FUNC-5', 'SEC-3'],
  rules: ['EDGE-1'],
  needs: ['edge'],
  perRegion: true,
  minJudged: PATHS.length,
  async run(ctx) {
    const base = plainHttpUrl(ctx);
    const host = new URL(ctx.region.edgeUrl!).hostname;
    const findings = new Findings(ctx);
    const plain = { ...ctx.region, ca: null, connectTo: null };
    const found = (text: string, reply: RawReply) => findings.add({ rule: 'EDGE-1', endpoint: 'edge', component: 'edge', text }, reply);
    for (const path of PATHS) {
      const reply = await sendRaw(plain, { url: base + path, headers: { host }, note: `plain HTTP ${path}` });
      // Port 80 belongs to the edge: whatever answers there is the edge's answer.
      findings.judged();
      const location = header(reply, 'location');
      if (reply.status !== 301) {
        found(`${path}: ${reply.status} instead of 301`, reply);
        continue;
      }
      let to: URL | null = null;
      try { to = location ? new URL(location) : null; } catch { to = null; }
      if (!to || to.protocol !== 'https:' || to.hostname !== host || to.pathname + to.search !== path) {
        found(`${path}: Location ${location ?? 'missing'}, expected https://${host}${path}`, reply);
      } else findings.sample(reply);
    }
    const acme = await sendRaw(plain, { url: `${base}/.well-known/acme-challenge/gxv-probe`, headers: { host }, note: 'ACME challenge path' });
    // Informative only: an unknown challenge token may be answered 404 or (after an internal
    // error redirect) 301; ACME validators follow redirects, so neither breaks issuance.
    findings.measurements.acmeProbeStatus = acme.status;
    findings.measurements.paths = PATHS.length;
    return findings.finish(`${PATHS.length} plain-HTTP requests answered 301 to https://${host} with path and query kept`, `301 to https://${host}<same path and query>`);
  },
});
