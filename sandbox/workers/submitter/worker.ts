import type pg from 'pg';
import type { FaultSwitchboard } from '../../faults/switchboard';
import type { WorkerConfig } from '../config';
import { connectLedger, type FabricConnectionInfo, type LedgerConnection } from '../fabric-connection';
import { startWorkerHttp, type HealthReport, type WorkerHttpServer } from '../http';
import { backoffMs } from './backoff';
import { CircuitBreaker } from './breaker';
import { claimBatch } from './claim';
import { lookupTransaction, resolveStaleLocks } from './lock-timeout';
import { submitterMetrics, type SubmitterMetrics } from './metrics';
import { recordFailure, releaseUnattempted, type Owner, type Queryable } from './outcome';
import type { OutboxRow } from './row';
import { submitCommand } from './submit';

export interface SubmitterOptions {
  db: pg.Pool;
  fabric: FabricConnectionInfo;
  faults: FaultSwitchboard;
  config: WorkerConfig;
  workerId: string;
  port: number;
  log?: (entry: Record<string, unknown>) => void;
}

/** WRK-1: a poll cycle must have completed this recently for the worker to be healthy. */
const POLL_FRESHNESS_MS = 30_000;

/** One outbox-submitter replica: a poll loop (OUT-3) and its /health and /metrics server. */
export class OutboxSubmitter {
  readonly breaker = new CircuitBreaker();
  readonly metrics: SubmitterMetrics = submitterMetrics();
  private ledger: LedgerConnection | undefined;
  private http: WorkerHttpServer | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lastPollAt = 0;
  private lastQueueDepth = 0;

  constructor(private readonly opts: SubmitterOptions) {}

  get url(): string {
    if (!this.http) throw new Error('submitter not started');
    return this.http.url;
  }

  async start(): Promise<this> {
    const { config } = this.opts;
    this.ledger = connectLedger(this.opts.fabric, config.channel, config.chaincode, config.callTimeoutMs);
    this.http = await startWorkerHttp(this.opts.port, () => this.health(), this.metrics.registry);
    this.loop = this.run();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.http?.close();
    this.ledger?.close();
  }

  private async run(): Promise<void> {
    const { config } = this.opts;
    while (!this.stopped) {
      try {
        await this.pollOnce();
        this.lastPollAt = Date.now();
      } catch (err) {
        this.opts.log?.({ level: 'error', worker: this.opts.workerId, msg: 'poll failed', error: err instanceof Error ? err.message : String(err) });
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, config.pollIntervalMs);
        this.wake = () => { clearTimeout(timer); resolve(); };
      });
    }
  }

  /** One poll: resolve stale locks, claim a batch (unless the breaker is open), process it in order. */
  async pollOnce(): Promise<void> {
    const { db, config, faults, workerId } = this.opts;
    const ledger = this.ledger!;
    await resolveStaleLocks(db, config.tenantId, config.lockTimeoutMs,
      (txId) => lookupTransaction(ledger.network, config.channel, txId),
      (client, row, errorCode, error) => this.fail(client, { id: row.id, workerId: null }, row.attempts, { errorCode, error }));
    if (this.breaker.allows()) {
      const rows = await claimBatch(db, { tenantId: config.tenantId, workerId, batchSize: config.batchSize, faults });
      for (const row of rows) {
        const owner: Owner = { id: row.id, workerId: faults.isOn('submitter-double-claim') ? null : workerId };
        if (this.stopped || !this.breaker.allows()) await releaseUnattempted(db, owner);
        else await this.process(row, owner);
      }
    }
    this.lastQueueDepth = await this.queueDepth();
  }

  private async process(row: OutboxRow, owner: Owner): Promise<void> {
    const { db, faults } = this.opts;
    const result = await submitCommand(row, {
      db, contract: this.ledger!.contract, owner, faults,
      observe: (s) => this.metrics.submitDuration.observe({ command_type: row.commandType }, s),
    });
    switch (result.kind) {
      case 'committed':
        this.breaker.record(true);
        this.metrics.processed.inc({ status: 'success' });
        return;
      case 'failed':
        this.breaker.record(!result.failure.unavailable, result.failure.error);
        await this.fail(db, owner, row.attempts, result.failure);
        return;
      case 'unknown':
        this.breaker.record(false, result.failure.error);
        this.opts.log?.({ level: 'warn', worker: this.opts.workerId, msg: 'commit status unknown; left for lock-timeout resolution', commandId: row.id });
        return;
      case 'lost':
        return;
    }
  }

  private async fail(db: Queryable, owner: Owner, attempts: number, failure: { errorCode: string; error: string }): Promise<void> {
    const { config, faults } = this.opts;
    // OUT-6; fault submitter-no-backoff retries at once.
    const delay = faults.isOn('submitter-no-backoff') ? 0 : backoffMs(attempts, config.retryBaseMs, config.retryMaxMs, 0.2);
    const status = await recordFailure(db, owner, failure, config.maxRetries, delay);
    if (status === 'PENDING') this.metrics.processed.inc({ status: 'failed' });
    if (status === 'FAILED') this.metrics.processed.inc({ status: 'dead_lettered' });
  }

  private async queueDepth(): Promise<number> {
    const { rows } = await this.opts.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM "OutboxCommand" WHERE "tenantId" = $1 AND "status" IN ('PENDING', 'LOCKED', 'SUBMITTED')`,
      [this.opts.config.tenantId],
    );
    const depth = Number(rows[0].n);
    this.metrics.queueDepth.set(depth);
    return depth;
  }

  /** WRK-1 document; 503 when the database is unreachable or no poll completed in the last 30 s. */
  async health(): Promise<HealthReport> {
    let dbOk = true;
    let depth = this.lastQueueDepth;
    try {
      depth = await Promise.race([
        this.queueDepth(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('database check timed out')), 2_000).unref()),
      ]);
    } catch {
      dbOk = false;
    }
    const polledRecently = Date.now() - this.lastPollAt <= POLL_FRESHNESS_MS;
    const healthy = dbOk && polledRecently;
    return {
      healthy,
      body: { status: healthy ? 'healthy' : 'unhealthy', fabricCircuitBreaker: this.breaker.snapshot(), queueDepth: depth },
    };
  }
}
