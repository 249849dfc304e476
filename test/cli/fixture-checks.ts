import { CheckFailure, defineCheck, pass } from '../../src/checks/define';
import { exchangeEvidence } from '../../src/evidence/excerpt';

/**
 * Small checks of the harness's own CLI tests (loaded through GXV_CHECK_MODULES): they call a
 * local HTTP server named by the profile and put the profile's secret into evidence, logs and
 * artifacts, so the tests can prove none of it reaches the run directory.
 */
export const checks = [
  defineCheck({
    id: 'FIX-HEALTH', layer: 'integration', title: 'identity answers /health', criteria: ['OPS-3'], endpoint: 'INF-1',
    async run(ctx) {
      const url = `${ctx.region.serviceUrl('identity')}/health`;
      const headers = { authorization: `Bearer ${ctx.target.auth.secret}` };
      ctx.log(`calling ${url} with secret ${ctx.target.auth.secret}`);
      await ctx.artifact('secret.txt', `the secret is ${ctx.target.auth.secret}`);
      const res = await fetch(url, { headers, signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(3_000)]) });
      const body = await res.text();
      const evidence = [exchangeEvidence({ method: 'GET', url, requestHeaders: headers, status: res.status, responseBody: body })];
      if (res.status !== 200) throw new CheckFailure({ message: '/health is not 200', expected: '200', received: String(res.status), evidence });
      return pass({ measurements: { p95Ms: 3, p50Ms: 1 }, evidence });
    },
  }),
  defineCheck({
    id: 'FIX-REGION', layer: 'security', title: 'each region answers', criteria: ['OPS-3'], perRegion: true,
    async run(ctx) {
      const res = await fetch(`${ctx.region.serviceUrl('tax')}/health`, { signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(3_000)]) });
      if (!res.ok) throw new CheckFailure({ message: 'not ok', expected: '2xx', received: String(res.status) });
      return pass();
    },
  }),
  defineCheck({
    id: 'FIX-DB', layer: 'integration', title: 'needs a database', criteria: ['IT-DB-1'], needs: ['database'],
    async run() { return pass(); },
  }),
  // OPS-3 cannot pass without its essential evidence (src/criteria/registry.ts): a check of that id.
  defineCheck({
    id: 'OPS-RUNBOOKS', layer: 'e2e', title: 'stands in for the runbook check OPS-3 needs', criteria: ['OPS-3'],
    async run() { return pass(); },
  }),
];
