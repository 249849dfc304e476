import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { defineCheck, pass, skip, type CheckContext } from '../../src/checks/define';
import type { EvidenceItem } from '../../src/evidence/types';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable } from './browser';
import { verifiedServerKey } from './support/tls';

/** Debian Chromium trusting exactly the key Node verified against the profile's CA, and nothing else. */
async function browserFor(url: string, ca: string | null, ctx: CheckContext): Promise<Browser> {
  const args = [...CHROMIUM_ARGS];
  if (ca) args.push(`--ignore-certificate-errors-spki-list=${await verifiedServerKey(url, { ca, timeoutMs: ctx.limits.requestMs })}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args, headless: true });
}

/**
 * E2E-MONITORING-UI (FUNC-6): the deployment's Prometheus web UI in a real browser (Debian
 * Chromium): over HTTPS with the profile's credentials the page loads and is Prometheus's; the
 * same page without credentials is refused (401/403); over plain HTTP it never loads — the
 * browser ends on an error, an HTTPS redirect, or a refusal, never on the UI.
 */
export const monitoringUi = defineCheck({
  id: 'E2E-MONITORING-UI',
  layer: 'e2e',
  title: 'Prometheus\'s web UI loads in a browser only over HTTPS and only with credentials',
  criteria: ['FUNC-6'],
  needs: ['monitoring'],
  timeoutMs: 90_000,
  async run(ctx) {
    const m = ctx.target.monitoring!;
    const prom = m.prometheus;
    if (!prom) return skip('The profile\'s monitoring section has no `prometheus` endpoint whose UI to open.');
    if (!chromiumAvailable()) return skip(`Needs Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or GXV_CHROMIUM).`);
    const basic = prom.authorization?.startsWith('Basic ') ? Buffer.from(prom.authorization.slice(6), 'base64').toString('utf8') : null;
    const browser = await browserFor(prom.url, m.ca, ctx);
    const evidence: EvidenceItem[] = [];
    const trace = path.join(tmpdir(), `gxv-ui-trace-${process.pid}-${Date.now()}.zip`);
    const authed = await browser.newContext(basic
      ? { httpCredentials: { username: basic.slice(0, basic.indexOf(':')), password: basic.slice(basic.indexOf(':') + 1), send: 'always' } }
      : { extraHTTPHeaders: prom.authorization ? { Authorization: prom.authorization } : {} });
    await authed.tracing.start({ screenshots: true, snapshots: true });
    let failed = true;
    try {
      const page = await authed.newPage();
      const loaded = await page.goto(`${prom.url}/graph`, { timeout: ctx.limits.requestMs * 2, waitUntil: 'load' });
      const title = await page.title();
      evidence.push({ note: 'with credentials', request: `GET ${prom.url}/graph (browser)`, response: `HTTP ${loaded?.status()} title "${title}"` });
      if (loaded?.status() !== 200 || !/prometheus/i.test(title + (await page.content()).slice(0, 5_000))) {
        ctx.observe.unusable(`the UI did not load with the profile's credentials (${loaded?.status()})`);
        failed = false;
        return pass({ evidence });
      }
      // Without credentials Chromium either shows the 401/403 or, for a Basic challenge it cannot answer, ends the navigation with ERR_INVALID_AUTH_CREDENTIALS.
      const anon = await browser.newContext();
      const refused = await (await anon.newPage()).goto(`${prom.url}/graph`, { timeout: ctx.limits.requestMs * 2 }).then(
        (r) => ({ status: r?.status() ?? 0, error: '' }),
        (e: Error) => ({ status: 0, error: e.message.split('\n')[0] }),
      );
      evidence.push({ note: 'without credentials', request: `GET ${prom.url}/graph (browser)`, response: refused.error || `HTTP ${refused.status}` });
      await anon.close();
      const challenged = /ERR_INVALID_AUTH_CREDENTIALS/.test(refused.error);
      if (!challenged && refused.status !== 401 && refused.status !== 403) {
        ctx.findings.add({ rule: null, component: 'monitoring', text: `the Prometheus UI loads without credentials (${refused.error || refused.status})`, evidence: [evidence.at(-1)!] });
      }
      // Every answer the browser got on its way: one from an http: URL that is a page (200) or a
      // login challenge (401) means the UI is served in clear text; a redirect to https is not.
      const plain = await browser.newContext();
      const plainPage = await plain.newPage();
      const answers: Array<{ url: string; status: number }> = [];
      plainPage.on('response', (r) => answers.push({ url: r.url(), status: r.status() }));
      const outcome = await plainPage.goto(`${prom.httpUrl}/graph`, { timeout: ctx.limits.requestMs * 2 }).then(
        () => '',
        (e: Error) => e.message.split('\n')[0],
      );
      await plain.close();
      evidence.push({ note: 'over plain HTTP', request: `GET ${prom.httpUrl}/graph (browser)`, response: `${answers.map((a) => `${a.status} ${a.url}`).join(' → ') || 'no answer'}${outcome ? ` (${outcome})` : ''}` });
      const served = answers.find((a) => a.url.startsWith('http:') && (a.status === 200 || a.status === 401));
      if (served) ctx.findings.add({ rule: null, component: 'monitoring', text: `the Prometheus UI is served over plain HTTP: ${served.url} answered ${served.status}${served.status === 401 ? ' (a login challenge in clear text)' : ''}`, evidence: [evidence.at(-1)!] });
      ctx.observe.judged();
      failed = ctx.findings.failing > 0;
      return pass({ message: 'Prometheus UI: loads over HTTPS with credentials, refused without, not served over plain HTTP', evidence });
    } finally {
      await authed.tracing.stop(failed ? { path: trace } : undefined).catch(() => undefined);
      if (failed) {
        const zip = await readFile(trace).catch(() => null);
        if (zip) await ctx.artifact('trace-monitoring-ui.zip', zip);
        await rm(trace, { force: true });
      }
      await browser.close();
    }
  },
});
