import { defineCheck, pass } from '../../src/checks/define';

/** Checks that wait until aborted: the Ctrl-C test interrupts a run of them. */
const wait = (signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));

export const checks = [
  ...Array.from({ length: 6 }, (_, i) => defineCheck({
    id: `SLOW-${i}`, layer: 'integration', title: 'waits', criteria: ['OPS-3'],
    async run(ctx) { await wait(ctx.signal); return pass(); },
  })),
];
