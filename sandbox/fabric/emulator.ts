import * as grpc from '@grpc/grpc-js';
import { gateway } from '@hyperledger/fabric-protos';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FaultSwitchboard } from '../faults/switchboard';
import { createTestPki, PEER_HOST, type KeyPairPem, type TestPki } from './ca';
import { gxChaincode } from './chaincode';
import { DEFAULT_VOTING_PERIOD_MS } from './chaincode/governance-contract';
import { key } from './chaincode/state';
import { gatewayService } from './gateway-server';
import { MspVerifier, newPeerSigner, serializeIdentity } from './identity';
import { Ledger } from './ledger';
import { Orderer } from './orderer';
import { EndorsingPeer } from './peer';
import { LedgerHandle } from './seed';

export interface FabricEmulatorOptions {
  faults: FaultSwitchboard;
  channel?: string;
  chaincode?: string;
  mspId?: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Block cutting: BatchTimeout (ms) and MaxMessageCount. Defaults 20 ms and 10. */
  batchTimeoutMs?: number;
  maxMessageCount?: number;
  /** Governance voting period written to the ledger at boot (the "ledger setting" of §7.2). */
  votingPeriodMs?: number;
}

export interface FabricCredentialPaths {
  certPath: string;
  keyPath: string;
  tlsCaCertPath: string;
}

export interface StartedFabric {
  /** host:port to dial (always 127.0.0.1). */
  endpoint: string;
  /** TLS CA certificate clients trust. */
  tlsCaCertPem: string;
  /** TLS server name of the peer (`grpc.ssl_target_name_override`; localhost/127.0.0.1 also valid). */
  hostOverride: string;
  mspId: string;
  channel: string;
  chaincode: string;
  /** A client identity of the channel MSP for the workers and the checks. */
  clientCertPem: string;
  clientKeyPem: string;
  /** The MSP root CA: tests issue other identities with it (see ca.ts issueClientCert). */
  mspCa: KeyPairPem;
  ledger: LedgerHandle;
  /** Cut the peer off (every Evaluate, Endorse, Submit and CommitStatus fails at once with UNAVAILABLE) or restore it; event streams stay up. */
  cutLedger(): void;
  restoreLedger(): void;
  readonly ledgerCut: boolean;
  /** Write the client cert, key (0600) and TLS CA cert into `dir` (FABRIC_CERT_PATH, FABRIC_KEY_PATH, FABRIC_PEER_TLS_CA_CERT_PATH). */
  writeCredentials(dir: string): Promise<FabricCredentialPaths>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * A one-peer, one-orderer Fabric network in process, speaking the real Fabric Gateway gRPC
 * protocol over TLS so the unmodified @hyperledger/fabric-gateway client works against it.
 */
export class FabricGatewayEmulator {
  constructor(private readonly opts: FabricEmulatorOptions) {}

  async start(): Promise<StartedFabric> {
    const channel = this.opts.channel ?? 'gxchannel';
    const chaincodeName = this.opts.chaincode ?? 'gxtv3';
    const mspId = this.opts.mspId ?? 'Org1MSP';
    const pki: TestPki = await createTestPki();
    const msp = new MspVerifier(mspId, pki.ca.certPem, channel);
    const ledger = new Ledger(channel);
    ledger.seedState([[key.config('governance'), Buffer.from(JSON.stringify({ votingPeriodMs: this.opts.votingPeriodMs ?? DEFAULT_VOTING_PERIOD_MS }))]]);
    const peer = new EndorsingPeer({
      channel, chaincodeName, chaincode: gxChaincode(), ledger, msp, faults: this.opts.faults,
      identity: { serialized: serializeIdentity(mspId, pki.peer.certPem), sign: newPeerSigner(pki.peer.keyPem) },
    });

    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(
        `127.0.0.1:${this.opts.port ?? 0}`,
        grpc.ServerCredentials.createSsl(null, [{ private_key: Buffer.from(pki.peerTls.keyPem), cert_chain: Buffer.from(pki.peerTls.certPem) }], false),
        (err, p) => (err ? reject(err) : resolve(p)),
      );
    });
    const endpoint = `127.0.0.1:${port}`;
    const peerRef = { address: `${PEER_HOST}:${port}`, mspId };
    const orderer = new Orderer({
      channel, ledger, peer, msp, faults: this.opts.faults, ref: { address: `orderer.example.com:${port}`, mspId: 'OrdererMSP' },
      batchTimeoutMs: this.opts.batchTimeoutMs, maxMessageCount: this.opts.maxMessageCount,
    });
    const outage = { cut: false };
    server.addService(gateway.GatewayService, gatewayService({ channel, ledger, peer, orderer, msp, peerRef, outage }));

    let stopped: Promise<void> | undefined;
    const stop = () => {
      stopped ??= (async () => {
        await orderer.stop();
        // Event streams never end on their own: give unary calls a moment, then close everything.
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => { server.forceShutdown(); resolve(); }, 500);
          server.tryShutdown(() => { clearTimeout(force); resolve(); });
        });
      })();
      return stopped;
    };

    return {
      endpoint,
      tlsCaCertPem: pki.tlsCa.certPem,
      hostOverride: PEER_HOST,
      mspId,
      channel,
      chaincode: chaincodeName,
      clientCertPem: pki.client.certPem,
      clientKeyPem: pki.client.keyPem,
      mspCa: pki.ca,
      ledger: new LedgerHandle(ledger),
      cutLedger: () => { outage.cut = true; },
      restoreLedger: () => { outage.cut = false; },
      get ledgerCut() { return outage.cut; },
      async writeCredentials(dir: string) {
        await mkdir(dir, { recursive: true });
        const paths = { certPath: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem'), tlsCaCertPath: join(dir, 'tls-ca.pem') };
        await writeFile(paths.certPath, pki.client.certPem);
        await writeFile(paths.keyPath, pki.client.keyPem, { mode: 0o600 });
        await writeFile(paths.tlsCaCertPath, pki.tlsCa.certPem);
        return paths;
      },
      stop,
      [Symbol.asyncDispose]: stop,
    };
  }
}
