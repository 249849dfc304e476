import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Contract, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';

/**
 * How the workers reach the ledger: the peer's gateway endpoint, its TLS CA and the backend's own
 * ledger identity (CMD-5). A StartedFabric of the sandbox emulator fits this shape, and so does a
 * real peer's configuration (FABRIC_PEER_ENDPOINT, FABRIC_MSP_ID, cert, key, TLS CA).
 */
export interface FabricConnectionInfo {
  endpoint: string;
  tlsCaCertPem: string;
  /** TLS server name to expect (`grpc.ssl_target_name_override`); omitted = the endpoint host. */
  hostOverride?: string;
  mspId: string;
  clientCertPem: string;
  clientKeyPem: string;
  /** A second identity of the MSP (an operator's), used only by fault submitter-operator-identity (CMD-5). */
  operator?: { certPem: string; keyPem: string };
}

export interface LedgerConnection {
  gateway: Gateway;
  network: Network;
  contract: Contract;
  close(): void;
}

const deadline = (ms: number) => () => ({ deadline: Date.now() + ms });

/** One gRPC connection and Gateway per worker, through the public @hyperledger/fabric-gateway client only. */
export function connectLedger(info: FabricConnectionInfo, channel: string, chaincode: string, callTimeoutMs: number): LedgerConnection {
  const options: grpc.ChannelOptions = info.hostOverride ? { 'grpc.ssl_target_name_override': info.hostOverride } : {};
  const client = new grpc.Client(info.endpoint, grpc.credentials.createSsl(Buffer.from(info.tlsCaCertPem)), options);
  const gateway = connect({
    client,
    identity: { mspId: info.mspId, credentials: Buffer.from(info.clientCertPem) },
    signer: signers.newPrivateKeySigner(createPrivateKey(info.clientKeyPem)),
    hash: hash.sha256,
    evaluateOptions: deadline(Math.min(callTimeoutMs, 5_000)),
    endorseOptions: deadline(callTimeoutMs),
    submitOptions: deadline(callTimeoutMs),
    commitStatusOptions: deadline(callTimeoutMs),
  });
  const network = gateway.getNetwork(channel);
  return {
    gateway,
    network,
    contract: network.getContract(chaincode),
    close() {
      gateway.close();
      client.close();
    },
  };
}
