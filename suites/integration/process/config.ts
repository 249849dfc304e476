import { SERVICES } from '../../../src/catalog/services';
import { defineCheck, pass, skip } from '../../../src/checks/define';
import type { EvidenceItem } from '../../../src/evidence/types';
import { inBatches } from '../../../src/clients/http';
import { freePort } from '../../../src/clients/loopback';
import { awaitStart, describeExit, withProcess } from './harness';
import { NO_SECTION, WIDTH, section, evidence, baseFailed } from './support';

/** §15 values that are invalid, one per start: each must make the process exit non-zero before it listens. */
const INVALID: Array<{ vary: Record<string, string | undefined>; why: string }> = [
  { vary: { JWT_SECRET: 'too-short-secret' }, why: 'JWT_SECRET shorter than 32 characters' },
  { vary: { JWT_ALGORITHMS: 'none' }, why: 'JWT_ALGORITHMS allowing none' },
  { vary: { DATABASE_URL: 'mysql://gx@127.0.0.1:3306/gx' }, why: 'DATABASE_URL not a postgresql:// URL' },
  { vary: { DATABASE_URL: undefined }, why: 'DATABASE_URL unset (required)' },
  { vary: { LOG_LEVEL: 'verbose' }, why: 'LOG_LEVEL outside trace…fatal' },
];

export const configCheck = defineCheck({
  id: 'SVC-PROC-CONFIG',
  layer: 'integration',
  title: 'Invalid configuration (§15) makes the service exit non-zero before it listens',
  criteria: ['FUNC-1'],
  rules: ['SVC-2'],
  timeoutMs: 180_000,
  async run(ctx) {
    const spec = section(ctx);
    if (!spec) return skip(NO_SECTION);
    const own = SERVICES[spec.service].portVariable;
    const cases = [{ vary: {}, why: null as string | null }, ...INVALID];
    const ports = await Promise.all(cases.map(() => freePort()));
    const all: EvidenceItem[] = [];
    await inBatches(cases.map((c, i) => ({ ...c, port: ports[i] })), WIDTH, (c) => {
      const vary = { ...c.vary, [own]: String(c.port), PORT: undefined };
      return withProcess(spec, vary, c.why ?? 'base', ctx.signal, async (proc) => {
        const outcome = await awaitStart(proc, [c.port], spec.startTimeoutMs, ctx.signal);
        if (c.why === null) {
          if (outcome.kind !== 'listening') throw baseFailed(spec, proc, outcome, `${own}=${c.port}`);
          return;
        }
        ctx.observe.judged();
        if (outcome.kind === 'exited' && outcome.exit.code !== 0 && outcome.exit.code !== null) {
          all.push(evidence(proc, `${c.why}: refused (${describeExit(outcome.exit)})`));
          return;
        }
        const seen = outcome.kind === 'listening' ? `started and listened on ${c.port}`
          : outcome.kind === 'exited' ? `ended with ${describeExit(outcome.exit)}` : `was still running after ${outcome.afterMs} ms without exiting`;
        ctx.findings.add({ rule: 'SVC-2', component: 'service', text: `${spec.service} with ${c.why}: invalid configuration must make it exit non-zero before listening, but it ${seen}`, evidence: [evidence(proc, 'process output')] });
      });
    });
    return pass({ message: `${spec.service} refused ${INVALID.length} invalid configurations before listening`, evidence: all });
  },
});
