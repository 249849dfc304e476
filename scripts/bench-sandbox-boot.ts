/**
 * Benchmark (not a test): boots and stops the sandbox N times (default 5) and prints the boot
 * time of each run with its phases, then the median and maximum. Usage:
 *   npx tsx scripts/bench-sandbox-boot.ts [--runs 5] [--ports default|free] [--infra binaries|containers]
 */
import { parseArgs } from 'node:util';
import { startSandbox } from '../sandbox';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, ports: { type: 'string', default: 'free' }, infra: { type: 'string', default: 'binaries' } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error('--runs must be a whole number from 1 to 50');

const boots: number[] = [];
for (let i = 1; i <= runs; i++) {
  const began = Date.now();
  const sandbox = await startSandbox({ ports: values.ports as 'default' | 'free', infra: values.infra as 'binaries' | 'containers' });
  const boot = Date.now() - began;
  const stopBegan = Date.now();
  await sandbox.stop();
  boots.push(boot);
  const phases = Object.entries(sandbox.bootPhases).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`run ${i}: boot ${boot} ms (${phases}); stop ${Date.now() - stopBegan} ms`);
}
const sorted = [...boots].sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(`boot over ${runs} runs: median ${median} ms, max ${sorted.at(-1)} ms, min ${sorted[0]} ms`);
