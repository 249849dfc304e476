import type { CheckContext } from '../../../src/checks/define';
import { LEAK_PATTERNS } from '../../integration/validation/error-leak';
import { sendRaw } from '../support/http';
import { authenticated, header, passiveCheck, viaTls, type Problem } from './inspect';
import type { RecordedExchange } from '../../../src/run/exchange-log';

/** The passive rules over every answer of the run (SEC-PASSIVE-1, ERR-3, EDGE-1, EDGE-6). */

const VERSION_BANNER = /\b(?:nginx|openresty|apache|express|node(?:\.js)?|postgres(?:ql)?|redis|undici|prisma|kestrel|jetty|tomcat)[/ ]v?\d+(?:\.\d+)+/i;

export const versionCheck = passiveCheck({
  id: 'SEC-PASSIVE-VERSION',
  title: 'No answer of the run discloses a software version: Server with a version, X-Powered-By, banners in bodies (SEC-PASSIVE-1)',
  rules: ['SEC-PASSIVE-1', 'EDGE-4', 'HDR-1'],
  inspect(x) {
    const out: Problem[] = [];
    for (const v of header(x, 'x-powered-by')) out.push({ rule: 'SEC-PASSIVE-1', text: `X-Powered-By: ${v}` });
    for (const v of header(x, 'server')) if (/\d/.test(v)) out.push({ rule: 'SEC-PASSIVE-1', text: `Server with a version: ${v}` });
    const banner = VERSION_BANNER.exec(x.body)?.[0];
    if (banner && !(x.evidence.request ?? '').includes(banner)) out.push({ rule: 'SEC-PASSIVE-1', text: `version banner in the body: ${banner}` });
    return out;
  },
});

const cookieOk = (v: string) => /;\s*secure\b/i.test(v) && /;\s*httponly\b/i.test(v) && /;\s*samesite=(strict|lax)\b/i.test(v);

export const cookieCheck = passiveCheck({
  id: 'SEC-PASSIVE-COOKIES',
  title: 'Cookies, if any answer sets one, are Secure, HttpOnly and SameSite=Strict or Lax (SEC-PASSIVE-1)',
  rules: ['SEC-PASSIVE-1'],
  inspect: (x) => header(x, 'set-cookie').filter((v) => !cookieOk(v)).map((v) => ({ rule: 'SEC-PASSIVE-1', text: `cookie without Secure/HttpOnly/SameSite: ${v.split(';')[0].split('=')[0]}=…; ${v.split(';').slice(1).join(';').trim() || '(no attributes)'}` })),
});

export const cacheCheck = passiveCheck({
  id: 'SEC-PASSIVE-CACHE',
  title: 'Authenticated answers carry Cache-Control: no-store (SEC-PASSIVE-1)',
  rules: ['SEC-PASSIVE-1'],
  applies: (x) => authenticated(x) && x.status < 400,
  inspect(x) {
    const value = header(x, 'cache-control').join(', ');
    return /\bno-store\b/i.test(value) ? [] : [{ rule: 'SEC-PASSIVE-1', text: `authenticated answer with Cache-Control: ${value || '(none)'}` }];
  },
});

const INTERNAL_ADDRESS = /\b(?:10\.\d{1,3}\.\d{1,3}\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3}|[a-z0-9-]+\.svc\.cluster\.local)\b/i;

/** A match that the request itself carried is an echo of the probe, not a leak. */
function leaked(x: RecordedExchange, re: RegExp, text: string): string | null {
  const m = re.exec(text)?.[0];
  return m && !(x.evidence.request ?? '').includes(m) ? m : null;
}

export const leakCheck = passiveCheck({
  id: 'SEC-PASSIVE-LEAKS',
  title: 'No error answer of the run carries a stack trace, SQL or driver text; no answer names an internal address (ERR-3)',
  rules: ['ERR-3'],
  criteria: ['SEC-2', 'SEC-4', 'ST-OWASP'],
  inspect(x) {
    const out: Problem[] = [];
    // Error answers only: a 200 shows data, and data may hold text a probe stored earlier in the run.
    if (x.status >= 400) for (const [name, re] of LEAK_PATTERNS) if (leaked(x, re, x.body)) out.push({ rule: 'ERR-3', text: `${name} in the answer` });
    const headers = Object.entries(x.responseHeaders).map(([k, vs]) => `${k}: ${vs.join(', ')}`).join('\n');
    const address = leaked(x, INTERNAL_ADDRESS, `${x.body}\n${headers}`);
    if (address) out.push({ rule: 'ERR-3', text: `internal address in the answer: ${address}` });
    return out;
  },
});

export const mixedContentCheck = passiveCheck({
  id: 'SEC-PASSIVE-MIXED-CONTENT',
  title: 'HTTPS answers point to no plain-http URL (links, redirects, bodies) (EDGE-1, SEC-HDR-1)',
  rules: ['EDGE-1', 'SEC-HDR-1'],
  applies: viaTls,
  inspect(x) {
    const places = [...['location', 'link', 'content-location', 'refresh'].flatMap((h) => header(x, h)), x.body];
    const url = places.map((p) => /\bhttp:\/\/[^\s"'<>]+/i.exec(p)?.[0]).find((u) => u && !(x.evidence.request ?? '').includes(u));
    return url ? [{ rule: 'EDGE-1', text: `plain-http URL in an HTTPS answer: ${url.replace(/\/[^/]*$/, '/…')}` }] : [];
  },
});

const DISCOVERY = ['/', '/index.html', '/static/', '/nginx_status', '/server-status'];
const DEFAULT_PAGE = /Welcome to nginx!|Apache2 \w+ Default Page|It works!|Test Page for the (?:Nginx|Apache)|IIS Windows Server/i;
const LISTING = /<title>Index of \/|<h1>Index of \/|Directory listing for/i;

async function discover(ctx: CheckContext): Promise<void> {
  for (const region of ctx.target.regions.filter((r) => r.edgeUrl)) {
    for (const path of DISCOVERY) {
      await sendRaw(region, { url: `${region.edgeUrl!.replace(/\/+$/, '')}${path}`, note: `edge discovery ${path}` }).catch(() => undefined);
    }
  }
}

export const edgePagesCheck = passiveCheck({
  id: 'SEC-PASSIVE-EDGE-PAGES',
  title: 'The edges serve no directory listing and no default page; unknown paths are E1 404s (EDGE-6, ERR-1)',
  rules: ['EDGE-6', 'ERR-1'],
  applies: (x) => viaTls(x) && !x.endpoint,
  prepare: discover,
  inspect(x) {
    if (LISTING.test(x.body)) return [{ rule: 'EDGE-6', text: `directory listing at ${new URL(x.url).pathname}` }];
    if (DEFAULT_PAGE.test(x.body)) return [{ rule: 'EDGE-6', text: `default server page at ${new URL(x.url).pathname}` }];
    return [];
  },
});

export const passiveChecks = [versionCheck, cookieCheck, cacheCheck, leakCheck, mixedContentCheck, edgePagesCheck];
