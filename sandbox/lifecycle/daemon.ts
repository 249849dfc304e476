import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSandbox, type SandboxOptions } from './start';
import { clearState, statePaths, writeState } from './state';

/**
 * The process behind `sandbox up --detach`: starts the sandbox, records it in the state file,
 * and stops it cleanly on SIGTERM/SIGINT (sent by `sandbox down`). Arguments: one JSON object.
 */
const args = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions & { writeProfile?: string | null };

try {
  const sandbox = await startSandbox({ faults: args.faults, ports: args.ports ?? 'default', infra: args.infra, variant: args.variant });
  const profileFile = args.writeProfile ? path.resolve(args.writeProfile) : null;
  if (profileFile) sandbox.writeProfile(profileFile);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    let code = 0;
    try {
      await sandbox.stop();
    } catch (err) {
      process.stderr.write(`sandbox stop: ${(err as Error).message}\n`);
      code = 1;
    }
    clearState();
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  writeState({
    pid: process.pid, startedAt: new Date().toISOString(), bootMs: sandbox.bootMs, tempDir: sandbox.tempDir,
    services: sandbox.services, controlUrl: sandbox.controlUrl, profileFile, faults: sandbox.faults.list(),
    infra: sandbox.infra, gatePort: sandbox.gate.port,
  });
} catch (err) {
  writeFileSync(statePaths().error, (err as Error).message, { mode: 0o600 });
  process.exit(1);
}
