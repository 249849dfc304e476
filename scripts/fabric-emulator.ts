/**
 * Start the Fabric Gateway emulator alone: `npx tsx scripts/fabric-emulator.ts <credentials-dir> [fault ...]`.
 * Writes the client certificate, key and TLS CA into the directory, prints one JSON line
 * {endpoint, hostOverride, mspId, channel, chaincode, certPath, keyPath, tlsCaCertPath} and runs
 * until SIGINT/SIGTERM or until its standard input closes (so a parent process can own it).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FabricGatewayEmulator } from '../sandbox/fabric';
import { FaultSwitchboard } from '../sandbox/faults/switchboard';

const [dirArg, ...faults] = process.argv.slice(2);
const dir = dirArg ?? (await mkdtemp(join(tmpdir(), 'gxv-fabric-creds-')));
const fabric = await new FabricGatewayEmulator({ faults: new FaultSwitchboard(faults) }).start();
const paths = await fabric.writeCredentials(dir);
console.log(JSON.stringify({
  endpoint: fabric.endpoint, hostOverride: fabric.hostOverride, mspId: fabric.mspId, channel: fabric.channel, chaincode: fabric.chaincode, ...paths,
}));

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await fabric.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
if (!process.stdin.isTTY) {
  process.stdin.on('end', shutdown);
  process.stdin.on('close', shutdown);
  process.stdin.resume();
}
