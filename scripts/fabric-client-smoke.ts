/**
 * A plain Fabric client against the emulator, using only @hyperledger/fabric-gateway, @grpc/grpc-js
 * and node:crypto. `npx tsx scripts/fabric-client-smoke.ts` starts the emulator in a child process
 * (scripts/fabric-emulator.ts); or point it at a running peer with FABRIC_PEER_ENDPOINT,
 * FABRIC_CERT_PATH, FABRIC_KEY_PATH, FABRIC_PEER_TLS_CA_CERT_PATH (and FABRIC_PEER_HOST_OVERRIDE,
 * FABRIC_MSP_ID, FABRIC_CHANNEL_NAME, FABRIC_CHAINCODE_NAME). It submits IdentityContract:CreateUser,
 * evaluates GetUser and GetBalance, checks the commit with qscc, and reads the chaincode events.
 */
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers } from '@hyperledger/fabric-gateway';
import { spawn, type ChildProcess } from 'node:child_process';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

interface Peer {
  endpoint: string;
  hostOverride: string;
  mspId: string;
  channel: string;
  chaincode: string;
  certPath: string;
  keyPath: string;
  tlsCaCertPath: string;
}

async function startEmulator(): Promise<{ peer: Peer; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/fabric-emulator.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('emulator did not start within 30 s')), 30_000);
    lines.once('line', (line) => { clearTimeout(timer); resolve(line); });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { peer: JSON.parse(first) as Peer, child };
}

function peerFromEnv(): Peer | undefined {
  const env = process.env;
  if (!env.FABRIC_PEER_ENDPOINT) return undefined;
  return {
    endpoint: env.FABRIC_PEER_ENDPOINT,
    hostOverride: env.FABRIC_PEER_HOST_OVERRIDE ?? 'peer0.org1.example.com',
    mspId: env.FABRIC_MSP_ID ?? 'Org1MSP',
    channel: env.FABRIC_CHANNEL_NAME ?? 'gxchannel',
    chaincode: env.FABRIC_CHAINCODE_NAME ?? 'gxtv3',
    certPath: env.FABRIC_CERT_PATH ?? '',
    keyPath: env.FABRIC_KEY_PATH ?? '',
    tlsCaCertPath: env.FABRIC_PEER_TLS_CA_CERT_PATH ?? '',
  };
}

const started = peerFromEnv() ? undefined : await startEmulator();
const peer = peerFromEnv() ?? started!.peer;
const deadline = (ms: number) => () => ({ deadline: Date.now() + ms });
const client = new grpc.Client(peer.endpoint, grpc.credentials.createSsl(await readFile(peer.tlsCaCertPath)), {
  'grpc.ssl_target_name_override': peer.hostOverride,
});
const gateway = connect({
  client,
  identity: { mspId: peer.mspId, credentials: await readFile(peer.certPath) },
  signer: signers.newPrivateKeySigner(createPrivateKey(await readFile(peer.keyPath))),
  hash: hash.sha256,
  evaluateOptions: deadline(5_000),
  endorseOptions: deadline(15_000),
  submitOptions: deadline(5_000),
  commitStatusOptions: deadline(60_000),
});

let failed = false;
try {
  const network = gateway.getNetwork(peer.channel);
  const contract = network.getContract(peer.chaincode);
  const utf8 = new TextDecoder();
  const userId = `smoke-${randomUUID()}`;

  const submitted = await contract.submitAsync('IdentityContract:CreateUser', { arguments: [userId, `bio-${userId}`, '', '30'] });
  const status = await submitted.getStatus();
  console.log(`submit  CreateUser ${userId}: tx ${status.transactionId} code ${status.code} (successful ${status.successful}) block ${status.blockNumber}`);
  if (!status.successful) throw new Error('transaction was not committed as VALID');

  console.log(`evaluate GetUser:    ${utf8.decode(await contract.evaluateTransaction('IdentityContract:GetUser', userId))}`);
  console.log(`evaluate GetBalance: ${utf8.decode(await contract.evaluateTransaction('TokenomicsContract:GetBalance', userId))}`);
  const processed = await network.getContract('qscc').evaluateTransaction('GetTransactionByID', peer.channel, status.transactionId);
  console.log(`qscc GetTransactionByID: ${processed.length} bytes of ProcessedTransaction`);

  const events = await network.getChaincodeEvents(peer.chaincode, { startBlock: status.blockNumber });
  try {
    let seen = 0;
    for await (const event of events) {
      if (event.transactionId !== status.transactionId) continue;
      console.log(`event   block ${event.blockNumber} ${event.eventName}: ${utf8.decode(event.payload)}`);
      if (++seen === 2) break;
    }
  } finally {
    events.close();
  }
} catch (err) {
  failed = true;
  console.error('smoke failed:', err);
} finally {
  gateway.close();
  client.close();
  started?.child.stdin?.end();
}
process.exitCode = failed ? 1 : 0;
