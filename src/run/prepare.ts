import { ExitError } from '../cli/exit-error';
import { CRITERION_IDS } from '../criteria/registry';
import { SANDBOX_WAIVERS, type BuiltInWaiver } from '../criteria/sandbox-waivers';
import { loadProfile, parseProfileData, type ProfileResult } from '../profile/load';
import { resolveTarget } from '../profile/resolve';
import type { Target } from '../profile/target';
import type { LatencySpec } from '../../sandbox/lifecycle/latency';

/**
 * The target of a run: a validated profile file, or the built-in sandbox started for the run
 * and validated through the same loader. A bad profile ends here, before any traffic.
 */
export interface PreparedTarget {
  target: Target;
  builtInWaivers: BuiltInWaiver[];
  warnings: string[];
  /** Stops what was started for the run (the sandbox); a no-op for real targets. */
  stop(): Promise<void>;
}

function rejectProfile(source: string, result: Extract<ProfileResult, { ok: false }>): never {
  const n = result.errors.length;
  throw new ExitError(2, `the profile ${source} has ${n} problem${n === 1 ? '' : 's'}; nothing was sent to the target.\n`
    + result.errors.map((e) => `  ${e}`).join('\n'));
}

function resolveOrExit(result: Extract<ProfileResult, { ok: true }>, source: string): Target {
  try {
    return resolveTarget(result.profile);
  } catch (error) {
    throw new ExitError(2, `the profile ${source} could not be resolved: ${(error as Error).message}`);
  }
}

/** The run was interrupted before its target was ready; `cleanup` settles once what started is stopped. */
export class InterruptedBeforeTarget extends Error {
  constructor(readonly cleanup: Promise<void>) {
    super('interrupted before the target was ready');
  }
}

export function isSandboxProfile(profile: string | undefined): boolean {
  return profile === undefined || profile === 'sandbox';
}

export async function prepareTarget(opts: {
  profile?: string; faults?: string[]; signal: AbortSignal;
  /** Distance for the built-in sandbox (`run --latency`). */
  latency?: LatencySpec;
  /** Sandbox variant (sandbox only): `contract` or `orm`. */
  variant?: string;
  /** Start the sandbox's monitoring (Prometheus, Alertmanager): runs with the e2e layer judge operations on it. */
  monitoring?: boolean;
}): Promise<PreparedTarget> {
  if (!isSandboxProfile(opts.profile)) {
    if (opts.faults && opts.faults.length > 0) throw new ExitError(2, '--faults is for the sandbox only (no --profile, or --profile sandbox).');
    if (opts.latency) throw new ExitError(2, '--latency is for the built-in sandbox only (no --profile, or --profile sandbox): a real target has its own distance.');
    if (opts.variant) throw new ExitError(2, '--variant is for the sandbox only (no --profile, or --profile sandbox).');
    const file = opts.profile as string;
    const result = await loadProfile(file, { knownCriteria: CRITERION_IDS });
    if (!result.ok) rejectProfile(file, result);
    return { target: resolveOrExit(result, file), builtInWaivers: [], warnings: result.warnings, stop: async () => {} };
  }

  const { startSandbox } = await import('../../sandbox/index');
  const { checkVariant } = await import('../cli/commands/sandbox');
  // Free ports: a run never collides with a `sandbox up` on the default ports.
  const starting = startSandbox({ faults: opts.faults ?? [], ports: 'free', variant: checkVariant(opts.variant), monitoring: opts.monitoring, latency: opts.latency });
  const interrupted = new Promise<'interrupted'>((resolve) => {
    if (opts.signal.aborted) resolve('interrupted');
    opts.signal.addEventListener('abort', () => resolve('interrupted'), { once: true });
  });
  let sandbox;
  try {
    const first = await Promise.race([starting, interrupted]);
    if (first === 'interrupted') {
      // Ctrl-C while booting: the partial report is written now; the sandbox is stopped once up.
      throw new InterruptedBeforeTarget(starting.then((s) => s.stop()).catch(() => undefined));
    }
    sandbox = first;
  } catch (error) {
    if (error instanceof InterruptedBeforeTarget) throw error;
    throw new ExitError(2, `the sandbox did not start: ${(error as Error).message}`);
  }
  const stop = () => sandbox.stop();
  try {
    const result = parseProfileData(sandbox.profileDocument(), sandbox.tempDir, { knownCriteria: CRITERION_IDS });
    if (!result.ok) rejectProfile('of the built-in sandbox', result);
    return { target: resolveOrExit(result, 'of the built-in sandbox'), builtInWaivers: [...SANDBOX_WAIVERS], warnings: result.warnings, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
