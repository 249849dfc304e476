import type pg from 'pg';
import type { FaultSwitchboard } from '../../faults/switchboard';
import type { WorkerConfig } from '../config';
import { connectLedger, type FabricConnectionInfo, type LedgerConnection } from '../fabric-connection';
import { startWorkerHttp, type HealthReport, type WorkerHttpServer } from '../http';
import { backoffMs } from './backoff';
import { killablePool, type KillablePool } from './killable-pool';
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
/**
 * After a restart under the same WORKER_ID (a container restarted in its pod), rows still locked
 * by this id from before the start are orphans of the dead process. Once no transaction of the
 * old process can still be on its way to the ledger (its connection died with it; this grace
 * covers one that was already received), they are resolved like lock-timeout rows (OUT-5: the
 * commit status decides), without waiting the full LOCK_TIMEOUT.
 */
const ORPHAN_GRACE_MS = 2_000;

/** One outbox-submitter replica: a poll loop (OUT-3) and its /health and /metrics server. */
export class OutboxSubmitter {
  readonly breaker = new CircuitBreaker();
  readonly metrics: SubmitterMetrics = submitterMetrics();
  private ledger: LedgerConnection | undefined;
  private operatorLedger: LedgerConnection | undefined;
  private http: WorkerHttpServer | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lastPollAt = 0;
  private lastQueueDepth = 0;
  private startedAt = new Date();
  private orphansResolved = false;
  private readonly killable: KillablePool;

  constructor(private readonly opts: SubmitterOptions) {
    this.killable = killablePool(opts.db);
    this.opts = { ...opts, db: this.killable.pool };
  }

  get url(): string {
    if (!this.http) throw new Error('submitter not started');
    return this.http.url;
  }

  async start(): Promise<this> {
    const { config } = this.opts;
    this.startedAt = new Date();
    this.ledger = connectLedger(this.opts.fabric, config.channel, config.chaincode, config.callTimeoutMs);
    const op = this.opts.fabric.operator;
    if (op) this.operatorLedger = connectLedger({ ...this.opts.fabric, clientCertPem: op.certPem, clientKeyPem: op.keyPem }, config.channel, config.chaincode, config.callTimeoutMs);
    this.http = await startWorkerHttp(this.opts.port, () => this.health(), this.metrics.registry, this.opts.faults);
    this.loop = this.run();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.http?.close();
    this.ledger?.close();
    this.operatorLedger?.close();
  }

  /**
   * Dies as `kill -9` would (OPS-4 drill): no further database write, its connections cut, its
   * ledger connection and HTTP server gone; rows it held stay LOCKED or SUBMITTED.
   */
  async kill(): Promise<void> {
    this.stopped = true;
    this.killable.kill();
    this.ledger?.close();
    this.operatorLedger?.close();
    this.wake?.();
    await this.http?.close();
    await this.loop?.catch(() => undefined);
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
    const lookup = (txId: string) => lookupTransaction(ledger.network, config.channel, txId);
    const failStale = (client: pg.PoolClient, row: { id: string; attempts: number }, errorCode: string, error: string) =>
      this.fail(client, { id: row.id, workerId: null }, row.attempts, { errorCode, error });
    await resolveStaleLocks(db, config.tenantId, config.lockTimeoutMs, lookup, failStale);
    if (!this.orphansResolved && Date.now() - this.startedAt.getTime() >= ORPHAN_GRACE_MS) {
      await resolveStaleLocks(db, config.tenantId, 0, lookup, failStale, { lockedBy: workerId, lockedBefore: this.startedAt });
      this.orphansResolved = true;
    }
    // Fault submitter-claims-while-open: an open breaker still claims, and fails each claimed row
    // without a ledger call, so it consumes their attempts (OUT-9).
    const claimsWhileOpen = faults.isOn('submitter-claims-while-open');
    if (this.breaker.allows() || claimsWhileOpen) {
      const rows = await claimBatch(db, { tenantId: config.tenantId, workerId, batchSize: config.batchSize, faults });
      for (const row of rows) {
        const owner: Owner = { id: row.id, workerId: faults.isOn('submitter-double-claim') ? null : workerId };
        if (!this.stopped && !this.breaker.allows() && claimsWhileOpen) await this.fail(db, owner, row.attempts, { errorCode: 'CIRCUIT_OPEN', error: 'ledger circuit breaker open' });
        else if (this.stopped || !this.breaker.allows()) await releaseUnattempted(db, owner);
        else await this.process(row, owner);
      }
    }
    this.lastQueueDepth = await this.queueDepth();
  }

  private async process(row: OutboxRow, owner: Owner): Promise<void> {
    const { db, faults } = this.opts;
    const result = await submitCommand(row, {
      db, contract: this.ledger!.contract, operatorContract: this.operatorLedger?.contract, owner, faults,
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
    // Fault submitter-extra-retry dead-letters one attempt late (OUT-7); submitter-drops-error-code loses the code (OUT-8).
    const maxRetries = faults.isOn('submitter-extra-retry') ? config.maxRetries + 1 : config.maxRetries;
    const recorded = faults.isOn('submitter-drops-error-code') ? { ...failure, errorCode: null } : failure;
    const status = await recordFailure(db, owner, recorded, maxRetries, delay, faults.isOn('submitter-attempts-on-failure'));
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
