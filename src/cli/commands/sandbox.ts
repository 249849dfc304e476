import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAULTS, type FaultName } from '../../../sandbox/faults/catalog';
import type { InfraMode } from '../../../sandbox/infra';
import { isListening } from '../../../sandbox/infra/ports';
import { describeLatency, parseLatency, type LatencySpec } from '../../../sandbox/lifecycle/latency';
import { preflightPorts } from '../../../sandbox/lifecycle/port-preflight';
import { clearState, readState, statePaths, type SandboxState } from '../../../sandbox/lifecycle/state';
import { VARIANTS, type VariantName } from '../../../sandbox/variants';
import { ExitError } from '../exit-error';

export interface SandboxUpOptions {
  faults?: string[];
  writeProfile?: string;
  detach?: boolean;
  infra?: InfraMode;
  /** `--latency 250` or `asia=200,europe=80` (one-way ms, sandbox/lifecycle/latency.ts). */
  latency?: string;
  /** sandbox/variants: `contract` (default) or `orm`. */
  variant?: string;
  /** `--ports default|free`; the environment variable GX_VERIFY_SANDBOX_PORTS=free does the same. */
  ports?: string;
  /** `--monitoring`: Prometheus and Alertmanager too (operations checks, monitoring UIs). */
  monitoring?: boolean;
}

/** `--latency` checked before anything starts: a bad value is a usage error (exit 2). */
export function latencyOption(text: string | undefined): LatencySpec | undefined {
  if (text === undefined) return undefined;
  try {
    return parseLatency(text);
  } catch (err) {
    throw new ExitError(2, (err as Error).message);
  }
}

/** Default ports (3001-3007) unless `--ports free` or GX_VERIFY_SANDBOX_PORTS=free (tests, a second sandbox beside one on the defaults). */
function portsMode(flag: string | undefined): 'default' | 'free' {
  if (flag !== undefined && flag !== 'default' && flag !== 'free') throw new ExitError(2, `--ports must be "default" or "free", not "${flag}".`);
  return (flag ?? (process.env.GX_VERIFY_SANDBOX_PORTS === 'free' ? 'free' : 'default')) as 'default' | 'free';
}
const DAEMON = fileURLToPath(new URL('../../../sandbox/lifecycle/daemon.ts', import.meta.url));
const BOOT_WAIT_MS = 90_000;
const STOP_WAIT_MS = 30_000;

function alive(pid: number | null | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describe(parts: { services: Record<string, string>; controlUrl: string; tempDir: string; bootMs: number; faults: string[]; profileFile: string | null; latency?: string | null; variant?: string }): string {
  const lines = [`GX sandbox${parts.variant && parts.variant !== 'contract' ? ` (variant ${parts.variant})` : ''} ready in ${(parts.bootMs / 1000).toFixed(1)} s`];
  for (const [key, url] of Object.entries(parts.services)) lines.push(`  ${key.padEnd(13)} ${url}`);
  lines.push(`  control       ${parts.controlUrl}`, `  temp dir      ${parts.tempDir}`);
  lines.push(`  faults        ${parts.faults.length ? parts.faults.join(', ') : 'none'}`);
  if (parts.latency) lines.push(`  latency       ${parts.latency} (services listed as the profile reaches them)`);
  if (parts.profileFile) lines.push(`  profile       ${parts.profileFile}`);
  return `${lines.join('\n')}\n`;
}

function checkInfra(infra: unknown): InfraMode | undefined {
  if (infra === undefined || infra === 'binaries' || infra === 'containers') return infra;
  throw new ExitError(2, `--infra must be "binaries" or "containers", not "${String(infra)}".`);
}

export function checkVariant(variant: unknown): VariantName | undefined {
  if (variant === undefined || (VARIANTS as readonly unknown[]).includes(variant)) return variant as VariantName | undefined;
  throw new ExitError(2, `--variant must be one of ${VARIANTS.join(', ')}, not "${String(variant)}".`);
}

/** `sandbox up`: foreground until SIGINT/SIGTERM, or `--detach` to leave it running in the background. */
export async function sandboxUp(opts: SandboxUpOptions): Promise<void> {
  const infra = checkInfra(opts.infra);
  const variant = checkVariant(opts.variant);
  const ports = portsMode(opts.ports);
  const latency = latencyOption(opts.latency);
  const running = readState();
  if (running && alive(running.pid)) {
    throw new ExitError(2, `A detached sandbox is already running (pid ${running.pid}, control ${running.controlUrl}). Stop it with \`gx-verify sandbox down\`.`);
  }
  // A taken contract port fails here, in milliseconds, before any database starts.
  await preflightPorts(ports).catch((err: Error) => { throw new ExitError(2, `The sandbox cannot start: ${err.message}`); });
  if (opts.detach) return detach({ ...opts, infra, variant }, ports);

  const { startSandbox } = await import('../../../sandbox');
  const sandbox = await startSandbox({ faults: opts.faults, ports, infra, variant, monitoring: Boolean(opts.monitoring), latency }).catch((err: Error) => {
    throw new ExitError(2, `The sandbox could not start: ${err.message}`);
  });
  const profileFile = opts.writeProfile ? path.resolve(opts.writeProfile) : null;
  if (profileFile) sandbox.writeProfile(profileFile);
  process.stdout.write(describe({ ...sandbox, services: sandbox.publicServices, faults: sandbox.faults.list(), profileFile, latency: describeLatency(latency) }));
  process.stdout.write('Press Ctrl-C to stop.\n');
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write(`${signal}: stopping the sandbox...\n`);
  await sandbox.stop();
  process.stdout.write('Sandbox stopped; its processes, ports and temp dir are gone.\n');
}

async function detach(opts: SandboxUpOptions, ports: 'default' | 'free'): Promise<void> {
  clearState();
  const paths = statePaths();
  rmSync(paths.error, { force: true });
  const log = openSync(paths.log, 'a', 0o600);
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), DAEMON, JSON.stringify({
    faults: opts.faults, writeProfile: opts.writeProfile ? path.resolve(opts.writeProfile) : null, infra: opts.infra, ports, variant: opts.variant,
    monitoring: Boolean(opts.monitoring), parentPid: process.pid,
    latency: latencyOption(opts.latency),
  })], { detached: true, stdio: ['ignore', log, log], cwd: process.cwd(), env: process.env });
  closeSync(log);
  child.unref();
  let exitCode: number | null = null;
  child.once('exit', (code) => { exitCode = code ?? 1; });
  // Interrupted while waiting: the daemon stops what it started (it watches for this) before we leave.
  let interrupted: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => { interrupted = signal; if (child.pid) process.kill(child.pid, 'SIGTERM'); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await waitForDaemon(child.pid, paths, () => exitCode, () => interrupted);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function waitForDaemon(
  pid: number | undefined, paths: ReturnType<typeof statePaths>, exited: () => number | null, interrupted: () => NodeJS.Signals | null,
): Promise<void> {
  const deadline = Date.now() + BOOT_WAIT_MS;
  while (Date.now() < deadline) {
    if (interrupted()) {
      const stopBy = Date.now() + STOP_WAIT_MS;
      while (alive(pid) && Date.now() < stopBy) await sleep(100);
      throw new ExitError(2, `Interrupted (${interrupted()}) before the sandbox was ready; it stopped what it had started.`);
    }
    const state = readState();
    if (state && state.pid === pid) {
      process.stdout.write(describe(state));
      process.stdout.write(`Detached (pid ${state.pid}). Stop it with \`gx-verify sandbox down\`.\n`);
      return;
    }
    if (existsSync(paths.error) || exited() !== null || !alive(pid)) {
      const reason = existsSync(paths.error) ? readFileSync(paths.error, 'utf8') : tail(paths.log);
      clearState();
      throw new ExitError(2, `The sandbox could not start: ${reason}`);
    }
    await sleep(100);
  }
  if (pid) process.kill(pid, 'SIGTERM');
  throw new ExitError(2, `The sandbox did not become ready within ${BOOT_WAIT_MS / 1000} s; see ${paths.log}.`);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-10).join('\n') || 'no output';
  } catch {
    return 'no output';
  }
}

/** Everything a detached sandbox owns that might still be there. */
async function leftovers(state: SandboxState): Promise<string[]> {
  const found: string[] = [];
  for (const [name, pid] of [['sandbox', state.pid], ['postgres', state.infra.postgres.pid], ['redis-server', state.infra.redis.pid]] as const) {
    if (alive(pid)) found.push(`${name} process ${pid}`);
  }
  const ports = [state.infra.postgres.port, state.infra.redis.port, state.gatePort, Number(new URL(state.controlUrl).port),
    ...[...Object.values(state.services), ...Object.values(state.directServices ?? {})].map((u) => Number(new URL(u).port))];
  for (const port of ports) if (await isListening(port)) found.push(`port ${port}`);
  if (existsSync(state.tempDir)) found.push(`temp dir ${state.tempDir}`);
  return found;
}

/** `sandbox down`: stops the detached sandbox and proves no process, port or temp dir is left. */
export async function sandboxDown(): Promise<void> {
  const state = readState();
  if (!state) {
    process.stdout.write('No detached sandbox is running.\n');
    return;
  }
  if (alive(state.pid)) {
    process.kill(state.pid, 'SIGTERM');
    const deadline = Date.now() + STOP_WAIT_MS;
    while (alive(state.pid) && Date.now() < deadline) await sleep(100);
  }
  let remaining = await leftovers(state);
  if (remaining.length > 0) {
    // The sandbox process died or hung: finish its job by pid and path, never by name.
    for (const pid of [state.pid, state.infra.postgres.pid, state.infra.redis.pid]) if (alive(pid)) process.kill(pid!, 'SIGKILL');
    await sleep(300);
    rmSync(state.tempDir, { recursive: true, force: true });
    const forced = remaining;
    remaining = await leftovers(state);
    if (remaining.length > 0) throw new ExitError(2, `The sandbox did not stop cleanly; still present: ${remaining.join(', ')}.`);
    process.stdout.write(`The sandbox did not stop on its own; removed by force: ${forced.join(', ')}.\n`);
  }
  clearState();
  process.stdout.write(`Sandbox (pid ${state.pid}) stopped; no process, port or temp dir is left.\n`);
}

/** `sandbox faults`: every fault switch, what it breaks and the checks it must turn red. */
export function faultListing(): Array<{ name: string; part: string; breaks: string; checks: string[] }> {
  return (Object.keys(FAULTS) as FaultName[]).sort().map((name) => ({ name, part: FAULTS[name].part, breaks: FAULTS[name].breaks, checks: [...FAULTS[name].checks] }));
}

export async function sandboxFaults(opts: { json?: boolean }): Promise<void> {
  const rows = faultListing();
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    process.stdout.write(`${r.name.padEnd(width)}  ${r.part.padEnd(9)} ${r.breaks}\n${' '.repeat(width + 2)}checks: ${r.checks.join(', ')}\n`);
  }
  process.stdout.write(`${rows.length} fault switches.\n`);
}
