import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FaultSwitchboard } from '../faults/switchboard';
import { resolveWorkerConfig, type WorkerConfig } from './config';
import type { FabricConnectionInfo } from './fabric-connection';
import { Projector } from './projector/worker';
import { OutboxSubmitter } from './submitter/worker';

export interface WorkerOptions {
  /** A pool to share, or a URL for the workers' own pool. */
  pool?: pg.Pool;
  databaseUrl?: string;
  fabric: FabricConnectionInfo;
  faults: FaultSwitchboard;
  config?: Partial<WorkerConfig>;
  log?: (entry: Record<string, unknown>) => void;
}

export interface StartedWorkers {
  submitterUrls: string[];
  projectorUrl: string;
  submitters: OutboxSubmitter[];
  /** The running projector (replaced by restartProjector). */
  projector(): Projector;
  /** Kill the projector mid-stream (its open transaction rolls back) and start a fresh one from the checkpoint, on the same port. */
  restartProjector(): Promise<void>;
  /** DR drills (OPS-4): kill the projector as kill -9 would (no restart), or start it again on its port. */
  killProjector(): Promise<void>;
  startProjector(): Promise<void>;
  /** DR drills: kill submitter replica `index` as kill -9 would, or restart it under the same worker id and port. */
  killSubmitter(index: number): Promise<void>;
  startSubmitter(index: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the sandbox's workers against the ledger: `submitterReplicas` outbox-submitters (each
 * its own worker id and HTTP port) and the one projector. They reach the ledger only through the
 * @hyperledger/fabric-gateway client, with the connection info of a StartedFabric or a real peer.
 */
export async function startWorkers(opts: WorkerOptions): Promise<StartedWorkers> {
  const config = resolveWorkerConfig(opts.config);
  if (!opts.pool && !opts.databaseUrl) throw new Error('startWorkers needs a pool or a databaseUrl');
  const ownPool = opts.pool ? null : new pg.Pool({ connectionString: opts.databaseUrl, max: 4 + 2 * config.submitterReplicas, connectionTimeoutMillis: 2_000 });
  ownPool?.on('error', () => undefined);
  // A checked-out client (the projector's advisory-lock session, a transaction between statements)
  // that loses its server must not crash the process: the next statement on it fails instead.
  ownPool?.on('connect', (client) => client.on('error', () => undefined));
  const pool = opts.pool ?? ownPool!;
  const submitters: OutboxSubmitter[] = [];
  let projector: Projector | undefined;
  try {
    const run = randomBytes(3).toString('hex');
    const newSubmitter = (i: number, port: number) =>
      new OutboxSubmitter({ db: pool, fabric: opts.fabric, faults: opts.faults, config, workerId: `outbox-submitter-${run}-${i}`, port, log: opts.log }).start();
    for (let i = 0; i < config.submitterReplicas; i++) {
      submitters.push(await newSubmitter(i, config.submitterPort === 0 ? 0 : config.submitterPort + i));
    }
    const submitterPorts = submitters.map((s) => Number(new URL(s.url).port));
    const killedSubmitters = new Set<number>();
    let projectorKilled = false;
    const newProjector = (port: number) => new Projector({ pool, fabric: opts.fabric, faults: opts.faults, config, port, log: opts.log }).start();
    projector = await newProjector(config.projectorPort);
    const projectorPort = projector.port;
    return {
      submitterUrls: submitters.map((s) => s.url),
      projectorUrl: projector.url,
      submitters,
      projector: () => projector!,
      async restartProjector() {
        await projector!.stop({ kill: true });
        projector = await newProjector(projectorPort);
      },
      async killProjector() {
        projectorKilled = true;
        await projector!.stop({ kill: true });
      },
      async startProjector() {
        if (!projectorKilled) return;
        projector = await newProjector(projectorPort);
        projectorKilled = false;
      },
      async killSubmitter(index) {
        if (!submitters[index]) throw new Error(`no submitter replica ${index}`);
        killedSubmitters.add(index);
        await submitters[index].kill();
      },
      async startSubmitter(index) {
        if (!killedSubmitters.has(index)) return;
        submitters[index] = await newSubmitter(index, submitterPorts[index]);
        killedSubmitters.delete(index);
      },
      async stop() {
        await Promise.allSettled([...submitters.filter((_, i) => !killedSubmitters.has(i)).map((s) => s.stop()), projectorKilled ? undefined : projector!.stop()]);
        await ownPool?.end();
      },
    };
  } catch (err) {
    await Promise.allSettled([...submitters.map((s) => s.stop()), projector?.stop()]);
    await ownPool?.end();
    throw err;
  }
}

export { resolveWorkerConfig, WORKER_DEFAULTS, type WorkerConfig } from './config';
export type { FabricConnectionInfo } from './fabric-connection';
export { COMMAND_MAP, toLedgerCall } from './submitter/mapping';
export { OutboxSubmitter } from './submitter/worker';
export { Projector } from './projector/worker';
