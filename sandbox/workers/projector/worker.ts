import type pg from 'pg';
import type { FaultSwitchboard } from '../../faults/switchboard';
import type { WorkerConfig } from '../config';
import { connectLedger, type FabricConnectionInfo, type LedgerConnection } from '../fabric-connection';
import { startWorkerHttp, type HealthReport, type WorkerHttpServer } from '../http';
import { applyEvent, Killed } from './apply';
import { PROJECTOR_NAME, readCheckpoint, writeHeartbeat, type ProjectorKey } from './checkpoint';
import type { LedgerEvent, Position } from './event';
import { acquireProjectorLock, type HeldLock } from './lock';
import { projectorMetrics, type ProjectorMetrics } from './metrics';
import { followEvents, type EventStream } from './stream';

/** The projector-slow-under-load fault's least wait per event (over the 100 ms lag threshold). */
const SLOW_FLOOR_MS = 150;

export interface ProjectorOptions {
  pool: pg.Pool;
  fabric: FabricConnectionInfo;
  faults: FaultSwitchboard;
  config: WorkerConfig;
  port: number;
  log?: (entry: Record<string, unknown>) => void;
}

const QUEUE_LIMIT = 10_000;
const STREAM_DOWN_LIMIT_MS = 30_000;
const MAX_RETRY_MS = 30_000;
/** Fault projector-slow: how late each event is applied. */
const SLOW_APPLY_MS = 150;

/** The projector (§8): ordered ChaincodeEvents → idempotent read-model effects with the checkpoint in the same transaction. */
export class Projector {
  readonly metrics: ProjectorMetrics = projectorMetrics();
  private readonly key: ProjectorKey;
  private ledger: LedgerConnection | undefined;
  private http: WorkerHttpServer | undefined;
  private stream: EventStream | undefined;
  private lock: HeldLock | null = null;
  private heartbeat: NodeJS.Timeout | undefined;
  private applier: Promise<void> | undefined;
  private readonly queue: LedgerEvent[] = [];
  private wakeApplier: (() => void) | undefined;
  private stopped = false;
  private killed = false;
  private applied: Position = { block: 0n, index: -1 };
  private eventCounter = 0;
  private lastAppliedAt = Date.now();
  private streamDownSince: number | null = Date.now();
  /** ms from arrival to applied, last 1000 events (for lag measurements). */
  readonly applyLatencies: number[] = [];
  /** When recent events were applied (the projector-slow-under-load fault reads the rate). */
  private readonly appliedTimes: number[] = [];

  constructor(private readonly opts: ProjectorOptions) {
    this.key = { tenantId: opts.config.tenantId, channel: opts.config.channel };
  }

  get url(): string {
    if (!this.http) throw new Error('projector not started');
    return this.http.url;
  }

  get port(): number {
    return this.http?.port ?? 0;
  }

  async start(): Promise<this> {
    const { config, pool } = this.opts;
    this.http = await startWorkerHttp(this.opts.port, () => this.health(), this.metrics.registry, this.opts.faults);
    this.beat();
    this.heartbeat = setInterval(() => this.beat(), 1_000);
    this.lock = await acquireProjectorLock(pool, `gx-projector:${config.tenantId}:${config.channel}`, () => this.stopped);
    if (!this.lock) return this;
    const checkpoint = await readCheckpoint(pool, this.key);
    this.applied = checkpoint ?? { block: BigInt(config.startBlock), index: -1 };
    this.metrics.lastBlock.set(Number(this.applied.block));
    // Faults projector-double-apply (and the two below): resume at the start of the checkpoint block, replaying it.
    const replays = (['projector-double-apply', 'projector-counters-not-idempotent', 'projector-txid-per-apply'] as const).some((f) => this.opts.faults.isOn(f));
    const resumeAfter = replays ? { block: this.applied.block, index: -1 } : this.applied;
    this.ledger = connectLedger(this.opts.fabric, config.channel, config.chaincode, config.callTimeoutMs);
    this.stream = followEvents({
      network: this.ledger.network,
      chaincode: config.chaincode,
      after: resumeAfter,
      onEvent: (event) => this.enqueue(event),
      onStatus: (up, error) => {
        this.streamDownSince = up ? null : (this.streamDownSince ?? Date.now());
        if (!up) this.opts.log?.({ level: 'warn', worker: PROJECTOR_NAME, msg: 'event stream down; re-subscribing', error });
      },
    });
    this.applier = this.applyLoop();
    return this;
  }

  /** Stop; `kill` aborts the event in flight as a crash would (its open transaction rolls back). */
  async stop(options: { kill?: boolean } = {}): Promise<void> {
    this.stopped = true;
    if (options.kill) this.killed = true;
    this.wakeApplier?.();
    await this.stream?.stop();
    await this.applier;
    clearInterval(this.heartbeat);
    await this.lock?.release();
    await this.http?.close();
    this.ledger?.close();
  }

  private async enqueue(event: LedgerEvent): Promise<void> {
    for (let i = 0; this.queue.length >= QUEUE_LIMIT && !this.stopped && i < 600; i++) await sleep(100);
    this.queue.push(event);
    this.wakeApplier?.();
  }

  private async applyLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const event = this.queue[0];
      if (!event || this.opts.faults.isOn('projector-stall')) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, event ? 100 : 50);
          this.wakeApplier = () => { clearTimeout(timer); resolve(); };
        });
        continue;
      }
      // Fault projector-slow-under-load: a wait that grows with the event rate of the last second,
      // never under the floor (a slow runner sends fewer events: the fault must still show).
      if (this.opts.faults.isOn('projector-slow-under-load')) await sleep(Math.max(SLOW_FLOOR_MS, 10 * this.recentApplied()));
      try {
        // Fault projector-slow: no event is applied before it is SLOW_APPLY_MS old (each one late, none lost).
        if (this.opts.faults.isOn('projector-slow')) await new Promise((resolve) => setTimeout(resolve, Math.max(0, event.receivedAt + SLOW_APPLY_MS - Date.now())));
        const result = await applyEvent(event, { pool: this.opts.pool, key: this.key, faults: this.opts.faults, killed: () => this.killed });
        this.queue.shift();
        failures = 0;
        this.applied = { block: event.block, index: event.index };
        this.lastAppliedAt = Date.now();
        this.eventCounter++;
        this.appliedTimes.push(this.lastAppliedAt);
        if (this.appliedTimes.length > 1_000) this.appliedTimes.shift();
        this.applyLatencies.push(this.lastAppliedAt - event.receivedAt);
        if (this.applyLatencies.length > 1_000) this.applyLatencies.shift();
        this.metrics.lastBlock.set(Number(event.block));
        this.metrics.processed.inc({ event_name: event.name, status: result === 'applied' ? 'success' : result === 'ignored' ? 'ignored' : 'failed' });
      } catch (err) {
        if (err instanceof Killed) return;
        failures++;
        this.metrics.processed.inc({ event_name: event.name, status: 'failed' });
        this.opts.log?.({ level: 'error', worker: PROJECTOR_NAME, msg: 'event failed; retrying', event: event.name, block: String(event.block), index: event.index, error: err instanceof Error ? err.message : String(err) });
        // PROJ-5: retry the same event with backoff, never skip it.
        await sleep(Math.min(100 * 2 ** Math.min(failures, 10), MAX_RETRY_MS), () => this.stopped);
      }
    }
  }

  /** Events applied in the last second (from the apply latencies' timestamps). */
  private recentApplied(): number {
    const since = Date.now() - 1_000;
    return this.appliedTimes.filter((t) => t >= since).length;
  }

  /** PROJ-9 lag: age of the oldest event received but not applied; 0 when none is pending. */
  lagMs(): number {
    const oldest = this.queue[0];
    return oldest ? Date.now() - oldest.receivedAt : 0;
  }

  private beat(): void {
    const lag = this.lagMs();
    this.metrics.lag.set(lag);
    // Fault projector-heartbeat-when-busy: no heartbeat while idle (PROJ-9 wants one every second).
    if (this.opts.faults.isOn('projector-heartbeat-when-busy') && this.recentApplied() === 0) return;
    writeHeartbeat(this.opts.pool, this.key, lag).catch(() => undefined); // a missed beat shows as a stale heartbeat
  }

  /** WRK-2 document; 503 when the database is unreachable, the stream is down > 30 s, or events are pending but none applied within the threshold. */
  async health(): Promise<HealthReport> {
    let dbOk = true;
    try {
      await Promise.race([
        this.opts.pool.query('SELECT 1'),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('database check timed out')), 2_000).unref()),
      ]);
    } catch {
      dbOk = false;
    }
    const now = Date.now();
    const streamDown = this.streamDownSince !== null && now - this.streamDownSince > STREAM_DOWN_LIMIT_MS;
    const oldest = this.queue[0];
    const stalled = oldest !== undefined && now - Math.max(this.lastAppliedAt, oldest.receivedAt) > this.opts.config.projectionLagThresholdMs;
    const healthy = dbOk && !streamDown && !stalled;
    return {
      healthy,
      body: {
        status: healthy ? 'healthy' : 'unhealthy',
        lastProcessedBlock: String(this.applied.block),
        lastEventIndex: this.applied.index,
        eventCounter: this.eventCounter,
        lagMs: this.lagMs(),
      },
    };
  }
}

function sleep(ms: number, cancelled?: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => (cancelled?.() || Date.now() - started >= ms ? resolve() : setTimeout(tick, Math.min(100, ms)));
    setTimeout(tick, Math.min(100, ms));
  });
}
