import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeLatency } from './latency';
import { startSandbox, type SandboxOptions, type StartedSandbox } from './start';
import { clearState, statePaths, writeState } from './state';

/**
 * The process behind `sandbox up --detach`: starts the sandbox, records it in the state file,
 * and stops it cleanly on SIGTERM/SIGINT (sent by `sandbox down`). Arguments: one JSON object.
 * A start failure goes to error.txt and daemon.log at once (the waiting command prints it);
 * when the waiting command gives up (interrupted, or gone) before the sandbox is ready, the
 * daemon stops what it started and leaves nothing behind.
 */
const args = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions & { writeProfile?: string | null; parentPid?: number };

const alive = (pid: number | undefined) => {
  if (!pid) return true;
  try { process.kill(pid, 0); return true; } catch { return false; }
};

let abandoned = false;
const giveUp = () => { abandoned = true; };
process.on('SIGTERM', giveUp);
process.on('SIGINT', giveUp);
const parentWatch = setInterval(() => { if (!alive(args.parentPid)) abandoned = true; }, 250);

let sandbox: StartedSandbox;
try {
  sandbox = await startSandbox({ faults: args.faults, ports: args.ports ?? 'default', infra: args.infra, monitoring: args.monitoring, latency: args.latency, variant: args.variant });
} catch (err) {
  const message = (err as Error).message;
  writeFileSync(statePaths().error, message, { mode: 0o600 });
  appendFileSync(statePaths().log, `${new Date().toISOString()} the sandbox could not start: ${message}\n`);
  process.exit(1);
}
clearInterval(parentWatch);
process.off('SIGTERM', giveUp);
process.off('SIGINT', giveUp);

let stopping = false;
const shutdown = async (why: string) => {
  if (stopping) return;
  stopping = true;
  let code = 0;
  try {
    await sandbox.stop();
  } catch (err) {
    process.stderr.write(`sandbox stop: ${(err as Error).message}\n`);
    code = 1;
  }
  appendFileSync(statePaths().log, `${new Date().toISOString()} stopped: ${why}\n`);
  clearState();
  process.exit(code);
};

if (abandoned) {
  await shutdown('the waiting command gave up before the sandbox was ready');
} else {
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  const profileFile = args.writeProfile ? path.resolve(args.writeProfile) : null;
  if (profileFile) sandbox.writeProfile(profileFile);
  writeState({
    pid: process.pid, startedAt: new Date().toISOString(), bootMs: sandbox.bootMs, tempDir: sandbox.tempDir, variant: sandbox.variant,
    services: sandbox.publicServices, directServices: sandbox.services, latency: describeLatency(args.latency), controlUrl: sandbox.controlUrl, profileFile, faults: sandbox.faults.list(),
    infra: sandbox.infra, gatePort: sandbox.gate.port,
  });
}
