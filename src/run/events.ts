import type { CheckResult, Layer } from '../evidence/types';

/** What the runner tells its observers while a run goes. */
export type ProgressEvent =
  | { type: 'start'; total: number }
  | { type: 'check-start'; id: string; layer: Layer }
  | { type: 'check-done'; result: CheckResult; done: number; total: number; failures: number }
  | { type: 'log'; id: string; message: string }
  | { type: 'aborted'; done: number; total: number }
  | { type: 'finish'; done: number; total: number; failures: number };

export type ProgressListener = (event: ProgressEvent) => void;
