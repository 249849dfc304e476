import { SERVICES } from '../../../src/catalog/services';
import { defineCheck, pass, skip } from '../../../src/checks/define';
import type { EvidenceItem } from '../../../src/evidence/types';
import { freePort, isListening, LOOPBACK } from '../../../src/clients/loopback';
import { awaitStart, describeExit, withProcess } from './harness';
import { NO_SECTION, section, evidence, show, baseFailed } from './support';

export const portCheck = defineCheck({
  id: 'SVC-PROC-PORT',
  layer: 'integration',
  title: 'The service listens on <NAME>_SERVICE_PORT, else PORT, else its default; ports outside 1000–65535 are refused',
  criteria: ['FUNC-1'],
  rules: ['SVC-1'],
  timeoutMs: 180_000,
  async run(ctx) {
    const spec = section(ctx);
    if (!spec) return skip(NO_SECTION);
    const { portVariable: own, defaultPort } = SERVICES[spec.service];
    const defaultBusy = await isListening(defaultPort, LOOPBACK, 1_000);
    if (defaultBusy) ctx.observe.unusable(`default port ${defaultPort} already in use on this machine`);
    // Each start gets ports of its own; the starts that could end up on the default port run one
    // after another (a second lane), so no start sees another's listener.
    type Case = { vary: Record<string, string | undefined>; expect: 'own' | 'PORT' | 'default' | 'refused'; base?: true };
    const lanes: Case[][] = [
      [
        { vary: { [own]: 'A', PORT: 'B' }, expect: 'own', base: true },
        { vary: { [own]: undefined, PORT: 'B' }, expect: 'PORT' },
      ],
      [
        { vary: { [own]: '999', PORT: 'B' }, expect: 'refused' },
        { vary: { [own]: undefined, PORT: '70000' }, expect: 'refused' },
        ...(defaultBusy ? [] : [{ vary: { [own]: undefined, PORT: undefined }, expect: 'default' as const }]),
      ],
    ];
    const all: EvidenceItem[] = [];

    const judge = async (c: Case): Promise<void> => {
      const [a, b] = [await freePort(), await freePort()];
      const vary = Object.fromEntries(Object.entries(c.vary).map(([k, v]) => [k, v === 'A' ? String(a) : v === 'B' ? String(b) : v]));
      const names = new Map<number, string>([[a, own], [b, 'PORT'], [defaultPort, 'the default'], [999, own]]);
      const watch = [a, b, ...(defaultBusy ? [] : [defaultPort]), ...(c.expect === 'refused' ? [999] : [])];
      const expected = c.expect === 'own' ? a : c.expect === 'PORT' ? b : defaultPort;
      await withProcess(spec, vary, show(vary), ctx.signal, async (proc) => {
        const outcome = await awaitStart(proc, watch, spec.startTimeoutMs, ctx.signal);
        const label = `${spec.service} with ${show(vary)}`;
        if (c.expect === 'refused') {
          ctx.observe.judged();
          if (outcome.kind === 'exited' && outcome.exit.code !== 0 && outcome.exit.code !== null) {
            all.push(evidence(proc, `${label}: refused to start (${describeExit(outcome.exit)})`));
            return;
          }
          const seen = outcome.kind === 'listening' ? `listened on ${outcome.port} (${names.get(outcome.port)})`
            : outcome.kind === 'exited' ? `ended with ${describeExit(outcome.exit)}` : `was still running after ${outcome.afterMs} ms without listening or exiting`;
          ctx.findings.add({ rule: 'SVC-1', component: 'service', text: `${label}: an out-of-range port is a configuration error (1000–65535, exit non-zero before listening), but the process ${seen}`, evidence: [evidence(proc, 'process output')] });
          return;
        }
        if (outcome.kind !== 'listening') {
          if (c.base) throw baseFailed(spec, proc, outcome, show(vary));
          // Someone else took the default port between the probe and the start: nothing to judge.
          if (c.expect === 'default' && outcome.kind === 'exited' && /EADDRINUSE/.test(proc.tail())) {
            ctx.observe.unusable(`default port ${defaultPort} taken by another process during the start`);
            return;
          }
          ctx.observe.judged();
          ctx.findings.add({ rule: 'SVC-1', component: 'service', text: `${label}: expected to listen on ${expected}, but it ${outcome.kind === 'exited' ? `ended (${describeExit(outcome.exit)})` : `did not listen within ${outcome.afterMs} ms`}`, evidence: [evidence(proc, 'process output')] });
          return;
        }
        ctx.observe.judged();
        if (outcome.port !== expected) {
          ctx.findings.add({ rule: 'SVC-1', component: 'service', text: `${label}: listened on ${outcome.port} (${names.get(outcome.port)}), but the contract's order gives ${expected} (${names.get(expected)})`, evidence: [evidence(proc, 'process output')] });
          return;
        }
        all.push(evidence(proc, `${label}: listened on ${outcome.port}`));
      });
    };
    await Promise.all(lanes.map(async (lane) => {
      for (const c of lane) await judge(c);
    }));
    return pass({ message: `${spec.service}: ${own} wins over PORT, PORT over ${defaultBusy ? 'the default (not tried: in use)' : `the default ${defaultPort}`}; out-of-range ports refused`, evidence: all });
  },
});
