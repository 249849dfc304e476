import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceKey } from '../../src/catalog/services';

/** What a detached sandbox leaves for `sandbox down`: enough to stop it and prove nothing remains. */
export interface SandboxState {
  pid: number;
  startedAt: string;
  bootMs: number;
  tempDir: string;
  /** The services as the profile reaches them (behind delay proxies with `--latency`). */
  services: Record<ServiceKey, string>;
  /** Where the services listen; absent in states written before `--latency` existed. */
  directServices?: Record<ServiceKey, string>;
  /** `--latency` as applied (one-way per region), or null. */
  latency?: string | null;
  controlUrl: string;
  profileFile: string | null;
  faults: string[];
  infra: { postgres: { pid: number | null; port: number }; redis: { pid: number | null; port: number } };
  gatePort: number;
  /** sandbox/variants: which deployment runs (absent in state files written before variants). */
  variant?: string;
}

/** $GX_VERIFY_STATE_DIR, else $XDG_RUNTIME_DIR/gx-verify, else <tmp>/gx-verify-sandbox (0700). */
export function stateDir(): string {
  const dir = process.env.GX_VERIFY_STATE_DIR
    ?? (process.env.XDG_RUNTIME_DIR ? path.join(process.env.XDG_RUNTIME_DIR, 'gx-verify') : path.join(os.tmpdir(), 'gx-verify-sandbox'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export const statePaths = () => {
  const dir = stateDir();
  return { state: path.join(dir, 'state.json'), log: path.join(dir, 'daemon.log'), error: path.join(dir, 'error.txt') };
};

export function readState(): SandboxState | null {
  try {
    return JSON.parse(readFileSync(statePaths().state, 'utf8')) as SandboxState;
  } catch {
    return null;
  }
}

export function writeState(state: SandboxState): void {
  const file = statePaths().state;
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file); // atomic: a waiting parent never reads half a file
}

export function clearState(): void {
  const paths = statePaths();
  for (const file of [paths.state, paths.error, paths.log]) rmSync(file, { force: true });
}
