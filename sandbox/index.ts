/** The embedded GX deployment: `startSandbox` boots it, the parts live in the sibling folders. */
export { startSandbox, type SandboxHooks, type SandboxOptions, type StartedSandbox } from './lifecycle/start';
export type { SandboxProfileDocument } from './lifecycle/profile';
export { FaultSwitchboard } from './faults/switchboard';
