import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway, type Signer } from '@hyperledger/fabric-gateway';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { FabricGatewayEmulator, type StartedFabric } from '../../sandbox/fabric';
import { FaultSwitchboard } from '../../sandbox/faults/switchboard';

/** Test wiring: the emulator on 127.0.0.1 and the real fabric-gateway client over TLS. */
export interface ClientIdentity {
  certPem: string;
  keyPem: string;
  mspId?: string;
}

export async function startFabric(faults = new FaultSwitchboard(), votingPeriodMs?: number): Promise<{ fabric: StartedFabric; faults: FaultSwitchboard }> {
  const fabric = await new FabricGatewayEmulator({ faults, votingPeriodMs }).start();
  return { fabric, faults };
}

const deadline = (ms: number) => () => ({ deadline: Date.now() + ms });

export function connectClient(fabric: StartedFabric, identity?: ClientIdentity, signer?: Signer): { gateway: Gateway; close: () => void } {
  const client = new grpc.Client(fabric.endpoint, grpc.credentials.createSsl(Buffer.from(fabric.tlsCaCertPem)), {
    'grpc.ssl_target_name_override': fabric.hostOverride,
  });
  const id = identity ?? { certPem: fabric.clientCertPem, keyPem: fabric.clientKeyPem };
  const gateway = connect({
    client,
    identity: { mspId: id.mspId ?? fabric.mspId, credentials: Buffer.from(id.certPem) },
    signer: signer ?? signers.newPrivateKeySigner(createPrivateKey(id.keyPem)),
    hash: hash.sha256,
    evaluateOptions: deadline(5_000),
    endorseOptions: deadline(10_000),
    submitOptions: deadline(5_000),
    commitStatusOptions: deadline(10_000),
    chaincodeEventsOptions: deadline(10_000),
  });
  return { gateway, close: () => { gateway.close(); client.close(); } };
}

export const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
export const json = <T = any>(bytes: Uint8Array): T => JSON.parse(utf8(bytes)) as T;
