import { CheckFailure, defineCheck, pass, skip } from '../../../src/checks/define';
import { scanDeployment } from '../../../src/vuln/scan';
import type { Advisory, Fetcher } from '../../../src/vuln/types';

/**
 * SEC-VULN-DEPS (SEC-VULN-1): what is deployed — the lockfiles, SBOMs and image reports the
 * profile names — has no high or critical advisory that is not waived (advisory id, reason,
 * expiry). Offline profiles replay recorded advisory answers; a package no source could speak for
 * is reported as not checked, never as clean.
 */

/** The real network, used only when the profile asks the registry (or OSV) itself. */
const networkFetcher: Fetcher = async (url, init) => {
  const res = await fetch(url, { method: init.method, headers: init.headers, body: init.body, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, json: () => res.json() };
};

const line = (a: Advisory) => `${a.packageName} ${a.version}: ${a.id} (${a.severity}) ${a.title} — ${a.source}`;

export function dependencyScanCheck(fetcher: Fetcher = networkFetcher) {
  return defineCheck({
    id: 'SEC-VULN-DEPS',
    layer: 'security',
    title: 'No high or critical advisory, unless waived, in the deployed dependencies, SBOMs and images (SEC-VULN-1)',
    criteria: ['SEC-2', 'ST-OWASP'],
    rules: ['SEC-VULN-1'],
    timeoutMs: 180_000,
    async run(ctx) {
      const input = ctx.target.vulnerabilityScan;
      if (!input || input.lockfiles.length + input.sboms.length + input.imageReports.length === 0) {
        return skip('Needs scan inputs: the profile names no `vulnerabilityScan` lockfiles, SBOMs or image reports.');
      }
      const today = new Date().toISOString().slice(0, 10);
      const result = await scanDeployment(input, { fetcher, today });
      const measurements = {
        components: result.components, advisories: result.advisories.length, failing: result.failing.length,
        waived: result.waived.length, expiredWaivers: result.expired.length, notChecked: result.notChecked.length,
        sources: result.sources.join(', '),
      };
      const artifact = await ctx.artifact('advisories.json', JSON.stringify(result, null, 2));
      for (const a of result.failing) {
        ctx.findings.add({ rule: 'SEC-VULN-1', endpoint: null, component: 'deployment', text: line(a), evidence: [{ note: `${a.origin} advisory ${a.id}${a.url ? ` ${a.url}` : ''}` }] });
      }
      for (const w of result.expired) ctx.log(`waiver of ${w.waiver.advisory} expired on ${w.waiver.expires}: ${line(w.advisory)}`);
      if (result.failing.length > 0) {
        throw new CheckFailure({
          message: `${result.failing.length} high/critical advisory(ies) not waived:\n${result.failing.map((a) => `- ${line(a)}`).join('\n')}`,
          expected: 'no high or critical advisory without a live waiver (SEC-VULN-1)',
          received: line(result.failing[0]),
          measurements,
        });
      }
      if (result.notChecked.length > 0) {
        // Not "clean": nothing spoke for these packages (a recording without them, OSV not allowed).
        throw new Error(`${result.notChecked.length} package(s) could not be checked: ${result.notChecked.slice(0, 10).join(', ')}${result.notChecked.length > 10 ? ', …' : ''} (record advisory answers for them, or allow \`vulnerabilityScan.advisories.osv\`)`);
      }
      return pass({
        message: `${result.components} components checked against ${result.sources.join(', ')}: ${result.advisories.length} advisories, none high/critical without a waiver${result.waived.length ? ` (${result.waived.length} waived)` : ''}${result.notChecked.length ? `; ${result.notChecked.length} not checked` : ''}`,
        measurements, artifacts: [artifact],
      });
    },
  });
}
