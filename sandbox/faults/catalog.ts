import { AUTH_FAULTS, AUTH_RULE_FAULTS } from './auth-faults';
import { CONTRACT_FAULTS } from './contract-faults';
import { CORE_FAULTS } from './core-faults';
import { EDGE_FAULTS } from './edge-faults';
import { FABRIC_FAULTS } from './fabric-faults';
import { NETPOL_FAULTS } from './netpol-faults';
import { OPS_FAULTS } from './ops-faults';
import { LOAD_FAULTS } from './load-faults';
import { SECURITY_FAULTS } from './security-faults';
import { PROBE_FAULTS } from './probe-faults';
import { PROCESS_FAULTS } from './process-faults';
import { WORKER_FAULTS } from './worker-faults';
import { ANSWER_FAULTS, REJECTION_FAULTS, RULE_FAULTS, type DocumentedErrorFault } from './rule-faults';
import type { FaultSpec } from './spec';
import { RULE_LINKS } from './rule-links';

/**
 * Every fault switch of the sandbox: what it breaks and which checks it must turn red.
 * This is the one place linking faults to checks; `gx-verify sandbox faults` and
 * `gx-verify checks` read it, and test/faults tests prove each link both ways.
 * Each part keeps its own list (core-faults.ts, and the worker/fabric and edge lists).
 */
const NAMED_FAULTS = {
  ...CORE_FAULTS,
  ...AUTH_FAULTS,
  ...AUTH_RULE_FAULTS,
  ...CONTRACT_FAULTS,
  ...EDGE_FAULTS,
  ...FABRIC_FAULTS,
  ...SECURITY_FAULTS,
  ...WORKER_FAULTS,
  ...NETPOL_FAULTS,
  ...OPS_FAULTS,
  ...PROBE_FAULTS,
  ...LOAD_FAULTS,
  ...PROCESS_FAULTS,
  ...REJECTION_FAULTS,
  ...ANSWER_FAULTS,
} as const satisfies Record<string, FaultSpec>;

/** The named faults, and the parameterised family `documented-error:<rule id>` (rule-faults.ts). */
export const FAULTS: typeof NAMED_FAULTS & Record<DocumentedErrorFault, FaultSpec> = {
  ...(Object.fromEntries(Object.entries(NAMED_FAULTS).map(([name, spec]) => [name, RULE_LINKS[name] ? { ...spec, rules: RULE_LINKS[name] } : spec])) as typeof NAMED_FAULTS),
  ...RULE_FAULTS,
};

export type FaultName = keyof typeof NAMED_FAULTS | DocumentedErrorFault;
export type { FaultSpec };
export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[];

export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULTS, name);
}
