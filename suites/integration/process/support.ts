import type { CheckContext } from '../../../src/checks/define';
import type { EvidenceItem } from '../../../src/evidence/types';
import type { ServiceProcessTarget } from '../../../src/profile/target';
import { describeExit, type ServiceProcess, type StartOutcome } from './harness';

// What the service-process checks share: the profile section, evidence of a process, a variation in words.

export const NO_SECTION = 'Needs how to start one service process of the build under test: the profile has no `serviceProcess` section (service, command, cwd, env).';
/** Processes started at once (two cores, other work beside). */
export const WIDTH = 3;

export function section(ctx: CheckContext): ServiceProcessTarget | null {
  return ctx.target.serviceProcess ?? null;
}

export function evidence(proc: ServiceProcess, note: string): EvidenceItem {
  return { note, response: proc.tail() || '(no output)' };
}

export function show(vary: Record<string, string | undefined>): string {
  const parts = Object.entries(vary).map(([k, v]) => (v === undefined ? `${k} unset` : `${k}=${v}`));
  return parts.length ? parts.join(', ') : 'no port variable';
}

/** The base start must work: otherwise no variation can be judged (error, with the process's output). */
export function baseFailed(spec: ServiceProcessTarget, proc: ServiceProcess, outcome: StartOutcome, vary: string): Error {
  const what = outcome.kind === 'exited' ? `ended (${describeExit(outcome.exit)})` : `did not listen within ${spec.startTimeoutMs} ms`;
  return new Error(`the declared serviceProcess (${spec.command.join(' ')}) ${what} with its base environment and ${vary}; output:\n${proc.tail()}`);
}
