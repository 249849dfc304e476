import type { Verdict } from '../../criteria/verdict';
import { LAYERS, type Layer } from '../../evidence/types';
import { runSession } from '../../run/session';
import { ExitError } from '../exit-error';
import { latencyOption } from './sandbox';

export interface RunCommandOptions {
  profile?: string;
  layers?: string[];
  regions?: string[];
  out?: string;
  faults?: string[];
  variant?: string;
  quick?: boolean;
  concurrency?: number;
  gate?: string;
  criteria?: string[];
  checks?: string[];
  rerun?: string;
  checkModules?: string[];
  /** `--latency` for the built-in sandbox (one-way ms, e.g. 250 or asia=200,europe=80). */
  latency?: string;
}

/**
 * `gx-verify run`: Ctrl-C (SIGINT/SIGTERM) aborts the running checks and still writes the
 * partial report (complete: false, never GO); a second Ctrl-C leaves at once.
 */
export async function run(opts: RunCommandOptions): Promise<Verdict> {
  const layers = opts.layers;
  const unknown = (layers ?? []).filter((l) => !(LAYERS as readonly string[]).includes(l));
  if (unknown.length > 0) throw new ExitError(2, `Unknown layer(s) ${unknown.join(', ')} in --layers; the layers are ${LAYERS.join(', ')}.`);
  if (opts.concurrency !== undefined && !(Number.isInteger(opts.concurrency) && opts.concurrency > 0)) {
    throw new ExitError(2, '--concurrency must be a positive whole number.');
  }
  const latency = latencyOption(opts.latency);

  const controller = new AbortController();
  let signals = 0;
  const onSignal = (name: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      process.stderr.write('gx-verify: second interrupt, leaving without cleanup.\n');
      process.exit(2);
    }
    process.stderr.write(`\ngx-verify: ${name} received, stopping checks and writing the partial report...\n`);
    controller.abort(new Error(`interrupted by ${name}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { report, runDir } = await runSession({
      profile: opts.profile,
      layers: layers as Layer[] | undefined,
      gate: opts.gate,
      criteria: opts.criteria,
      checks: opts.checks,
      rerun: opts.rerun,
      checkModules: opts.checkModules,
      regions: opts.regions,
      out: opts.out,
      faults: opts.faults,
      latency,
      variant: opts.variant,
      quick: Boolean(opts.quick),
      concurrency: opts.concurrency,
      signal: controller.signal,
    });
    process.stdout.write(`${report.verdict}${report.complete ? '' : ' (incomplete run)'}: ${runDir}/report.md\n`);
    return report.verdict;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
