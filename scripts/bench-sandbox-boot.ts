/**
 * Benchmark (not a test): boots and stops the sandbox N times (default 5) and prints the boot
 * time of each run with its phases, then the median and maximum. With `--monitoring both` each
 * round boots without and with the monitoring (Prometheus, Alertmanager, front) back to back and
 * the last line compares the medians. Usage:
 *   npx tsx scripts/bench-sandbox-boot.ts [--runs 5] [--ports default|free] [--infra binaries|containers] [--monitoring off|on|both]
 */
import { parseArgs } from 'node:util';
import { startSandbox } from '../sandbox';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' }, ports: { type: 'string', default: 'free' }, infra: { type: 'string', default: 'binaries' },
    monitoring: { type: 'string', default: 'off' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error('--runs must be a whole number from 1 to 50');
const modes = values.monitoring === 'both' ? [false, true] : [values.monitoring === 'on'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const boots = new Map<boolean, number[]>(modes.map((m) => [m, []]));
for (let i = 1; i <= runs; i++) {
  for (const monitoring of modes) {
    const began = Date.now();
    const sandbox = await startSandbox({ ports: values.ports as 'default' | 'free', infra: values.infra as 'binaries' | 'containers', monitoring });
    const boot = Date.now() - began;
    const stopBegan = Date.now();
    await sandbox.stop();
    boots.get(monitoring)!.push(boot);
    const phases = Object.entries(sandbox.bootPhases).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`run ${i}${modes.length > 1 ? ` (monitoring ${monitoring ? 'on' : 'off'})` : ''}: boot ${boot} ms (${phases}); stop ${Date.now() - stopBegan} ms`);
  }
}
for (const [monitoring, list] of boots) {
  const sorted = [...list].sort((a, b) => a - b);
  console.log(`boot over ${runs} runs${modes.length > 1 ? ` with monitoring ${monitoring ? 'on' : 'off'}` : ''}: median ${median(list)} ms, max ${sorted.at(-1)} ms, min ${sorted[0]} ms`);
}
if (modes.length > 1) {
  const off = median(boots.get(false)!);
  const on = median(boots.get(true)!);
  console.log(`monitoring on/off boot: ${(on / off).toFixed(2)} (+${Math.round(on - off)} ms median)`);
}
