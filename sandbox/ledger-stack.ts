import { join } from 'node:path';
import pg from 'pg';
import { FabricGatewayEmulator, type StartedFabric } from './fabric';
import { issueClientCert } from './fabric/ca';
import type { FaultSwitchboard } from './faults/switchboard';
import { seedLedgerFromWorld } from './ledger/seed-world';
import { startWorkers, type StartedWorkers, type WorkerConfig } from './workers';
import { connectLedger } from './workers/fabric-connection';
import type { FixtureWorld } from '../src/fixtures/types';
import type { FabricTarget } from '../src/profile/target';

export { seedLedgerFromWorld } from './ledger/seed-world';

export interface LedgerStackOptions {
  databaseUrl: string;
  faults: FaultSwitchboard;
  /** The sandbox's own fixture world; written to the ledger before the workers start. */
  world: FixtureWorld;
  /** Credentials go to `<tempDir>/fabric/` (key file 0600). */
  tempDir: string;
  tenantId: string;
  /**
   * Worker settings (§15). The stack's defaults differ from the contract's in one place:
   * RETRY_BASE_MS 100 (not 1000), so a command the ledger rejects is FAILED after its five
   * attempts in about 2 s and RT-POISON stays fast; everything else is the contract default.
   */
  workers?: Partial<WorkerConfig>;
  /** Ledger governance voting period; short so #22 (execute after the vote) can be round-tripped. */
  votingPeriodMs?: number;
  log?: (entry: Record<string, unknown>) => void;
}

/** The `fabric` section of the profile (INTERFACE.md): file paths, no inline secrets. */
export type ProfileFabricSection = Required<FabricTarget>;

/** The optional `workers` section of the profile: the workers' HTTP servers (WRK-1, WRK-2). */
export interface ProfileWorkersSection {
  submitter: string[];
  projector: string;
}

export interface StartedLedgerStack {
  fabric: StartedFabric;
  workers: StartedWorkers;
  profileFabricSection: ProfileFabricSection;
  profileWorkersSection: ProfileWorkersSection;
  /** Write another fixture world (e.g. a run's `gxv-<run-id>` world) into the ledger. */
  seedWorld(world: FixtureWorld): void;
  /** Kill and restart the projector (control route POST /workers/projector/restart). */
  restartProjector(): Promise<void>;
  /** DR drill parts (control routes POST /dr/<part>/kill|restart). */
  dr: DrControl;
  /** Ledger outage (control routes POST /ledger/cut and /ledger/restore; OUT-9). */
  ledgerOutage: LedgerOutage;
  /** Commit one transaction whose only chaincode event has a name outside the catalog (control route POST /ledger/emit-event; PROJ-6). */
  emitEvent(name: string, payload: Record<string, unknown>): Promise<{ txId: string; block: number }>;
  stop(): Promise<void>;
}

/** Cut the peer off from every client (calls fail at once with UNAVAILABLE) and restore it. */
export interface LedgerOutage {
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
}

/** Kill (as kill -9) and restart the workers one at a time, for the OPS-4 drill. */
export interface DrControl {
  killProjector(): Promise<void>;
  /** Fault dr-lose-events: the restarted projector resumes at the ledger head, skipping what it had not applied. */
  restartProjector(): Promise<void>;
  killSubmitter(index: number): Promise<void>;
  restartSubmitter(index: number): Promise<void>;
}

export const LEDGER_STACK_DEFAULTS = { retryBaseMs: 100, votingPeriodMs: 2_000 } as const;

/**
 * The sandbox's write path: the Fabric Gateway emulator seeded from the fixture world, the
 * credentials on disk, and the workers (two outbox-submitters, the projector) connected to it
 * through the real fabric-gateway client.
 */
export async function startLedgerStack(opts: LedgerStackOptions): Promise<StartedLedgerStack> {
  const fabric = await new FabricGatewayEmulator({
    faults: opts.faults, channel: 'gxchannel', chaincode: 'gxtv3', votingPeriodMs: opts.votingPeriodMs ?? LEDGER_STACK_DEFAULTS.votingPeriodMs,
  }).start();
  try {
    seedLedgerFromWorld(fabric.ledger, opts.world);
    const paths = await fabric.writeCredentials(join(opts.tempDir, 'fabric'));
    const workers = await startWorkers({
      databaseUrl: opts.databaseUrl,
      fabric: {
        endpoint: fabric.endpoint, tlsCaCertPem: fabric.tlsCaCertPem, hostOverride: fabric.hostOverride,
        mspId: fabric.mspId, clientCertPem: fabric.clientCertPem, clientKeyPem: fabric.clientKeyPem,
        // A second identity of the MSP, for fault submitter-operator-identity (CMD-5).
        operator: await issueClientCert(fabric.mspCa, 'gx-operator'),
      },
      faults: opts.faults,
      config: { retryBaseMs: LEDGER_STACK_DEFAULTS.retryBaseMs, ...opts.workers, tenantId: opts.tenantId, channel: fabric.channel, chaincode: fabric.chaincode },
      log: opts.log,
    });
    let stopped: Promise<void> | undefined;
    return {
      fabric,
      workers,
      profileFabricSection: {
        endpoint: fabric.endpoint, tlsCaCert: paths.tlsCaCertPath, mspId: fabric.mspId, certPath: paths.certPath, keyPath: paths.keyPath,
        channel: fabric.channel, chaincode: fabric.chaincode, hostOverride: fabric.hostOverride,
      },
      profileWorkersSection: { submitter: [...workers.submitterUrls], projector: workers.projectorUrl },
      seedWorld: (world) => seedLedgerFromWorld(fabric.ledger, world),
      restartProjector: () => workers.restartProjector(),
      ledgerOutage: { cut: () => fabric.cutLedger(), restore: () => fabric.restoreLedger(), get isCut() { return fabric.ledgerCut; } },
      async emitEvent(name, payload) {
        const conn = connectLedger({ endpoint: fabric.endpoint, tlsCaCertPem: fabric.tlsCaCertPem, hostOverride: fabric.hostOverride, mspId: fabric.mspId, clientCertPem: fabric.clientCertPem, clientKeyPem: fabric.clientKeyPem }, fabric.channel, fabric.chaincode, 10_000);
        try {
          const commit = await conn.contract.submitAsync('Sandbox:EmitEvent', { arguments: [name, JSON.stringify(payload)] });
          const status = await commit.getStatus();
          if (!status.successful) throw new Error(`Sandbox:EmitEvent committed with validation code ${status.code}`);
          return { txId: commit.getTransactionId(), block: Number(status.blockNumber) };
        } finally {
          conn.close();
        }
      },
      dr: {
        killProjector: () => workers.killProjector(),
        restartProjector: async () => {
          if (opts.faults.isOn('dr-lose-events')) await skipToLedgerHead(opts.databaseUrl, opts.tenantId, fabric.channel, fabric.ledger.height());
          await workers.startProjector();
        },
        killSubmitter: (index) => workers.killSubmitter(index),
        restartSubmitter: (index) => workers.startSubmitter(index),
      },
      stop: () => (stopped ??= (async () => {
        await workers.stop();
        await fabric.stop();
      })()),
    };
  } catch (err) {
    await fabric.stop();
    throw err;
  }
}

/** The defect of fault dr-lose-events: the checkpoint jumps to the ledger head while the projector is down. */
async function skipToLedgerHead(databaseUrl: string, tenantId: string, channel: string, height: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `UPDATE "ProjectorState" SET "lastBlock" = $3, "lastEventIndex" = 2147483647, "updatedAt" = now()
        WHERE "tenantId" = $1 AND "projectorName" = 'main-projector' AND "channel" = $2`,
      [tenantId, channel, String(Math.max(0, height - 1))],
    );
  } finally {
    await client.end();
  }
}
