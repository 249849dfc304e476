import pg from 'pg';
import { request } from 'undici';
import { regionDispatcher } from '../../src/profile/dispatcher';
import type { CheckContext } from '../../src/checks/define';
import { endpointById } from '../../src/catalog/index';
import { Latencies } from '../../src/load/histogram';
import { requestMaker } from './requests';

/**
 * Measurements taken *during* a load run (PERF-2, PERF-3 "under normal load"): the projector's
 * own `projector_lag_ms` once a second, the suite's commit → read-model probes (a small transfer
 * whose outbox row is watched to COMMITTED and whose Transaction row is then awaited), and
 * pg_stat_statements snapshots before and after.
 */
export interface UnderLoad {
  projectorLag: number[];
  projectorUrl: string | null;
  probeLags: number[];
  probesSent: number;
  probesLost: number;
  /** Statements' interval figures (pg_stat_statements diff), when the database allows. */
  statements: StatementFigures[] | null;
  statementsProblem: string | null;
}

export interface StatementFigures { query: string; calls: number; meanMs: number; maxMs: number }

const METRIC = /^projector_lag_ms(?:\{[^}]*\})?\s+([0-9.eE+-]+)/m;

export class UnderLoadSampler {
  readonly data: UnderLoad = { projectorLag: [], projectorUrl: null, probeLags: [], probesSent: 0, probesLost: 0, statements: null, statementsProblem: null };
  private db: pg.Pool | null = null;
  private before: Map<string, { query: string; calls: number; total: number }> | null = null;
  private probing = false;
  private stopped = false;
  private probeCount = 0;

  constructor(private readonly ctx: CheckContext) {
    this.data.projectorUrl = ctx.target.workers?.projector ?? null;
    if (ctx.target.database) {
      this.db = new pg.Pool({ connectionString: ctx.target.database.url, max: 3, connectionTimeoutMillis: 10_000, allowExitOnIdle: true });
      this.db.on('error', () => undefined);
    }
  }

  async start(): Promise<void> {
    this.before = await this.snapshot();
  }

  /** Called once a second by the engine. */
  second(): void {
    if (this.stopped) return;
    if (this.data.projectorUrl) {
      request(`${this.data.projectorUrl}/metrics`, { headersTimeout: 2_000, bodyTimeout: 2_000 })
        .then((r) => r.body.text())
        .then((text) => { const m = text.match(METRIC); if (m && !this.stopped) this.data.projectorLag.push(Number(m[1])); })
        .catch(() => undefined);
    }
    if (!this.probing && this.db && this.ctx.target.allowWrites && this.ctx.fixtures) {
      this.probing = true;
      this.probe().catch(() => { this.data.probesLost++; }).finally(() => { this.probing = false; });
    }
  }

  /** One commit → read-model probe: lag from the outbox row's COMMITTED to its Transaction row. */
  private async probe(): Promise<void> {
    const db = this.db!;
    const make = await requestMaker(this.ctx, endpointById('#1'), 'write');
    const remark = `${this.ctx.fixtures!.namespace} load-probe ${++this.probeCount}`;
    const plan = make(0);
    const body = { ...(JSON.parse(plan.body ?? '{}') as object), remark };
    this.data.probesSent++;
    const res = await request(`${plan.origin}${plan.path}`, { method: 'POST', headers: plan.headers, body: JSON.stringify(body), dispatcher: regionDispatcher(this.ctx.region) });
    const answer = (await res.body.json().catch(() => ({}))) as { commandId?: string };
    if (res.statusCode !== 202 || !answer.commandId) { this.data.probesLost++; return; }
    const committed = await poll(async () => (await db.query('SELECT 1 FROM "OutboxCommand" WHERE id = $1 AND status = \'COMMITTED\'', [answer.commandId])).rowCount === 1, 15_000);
    const projected = await poll(async () => (await db.query('SELECT 1 FROM "Transaction" WHERE remark = $1', [remark])).rowCount! > 0, 15_000);
    if (committed === null || projected === null) { this.data.probesLost++; return; }
    this.data.probeLags.push(Math.max(0, projected - committed));
  }

  async stop(): Promise<UnderLoad> {
    this.stopped = true;
    const deadline = Date.now() + 20_000;
    while (this.probing && Date.now() < deadline) await sleep(50);
    const after = await this.snapshot();
    if (this.before && after) {
      this.data.statements = [...after.entries()].flatMap(([id, a]) => {
        const b = this.before!.get(id);
        const calls = a.calls - (b?.calls ?? 0);
        if (calls <= 0) return [];
        return [{ query: a.query, calls, meanMs: (a.total - (b?.total ?? 0)) / calls, maxMs: a.max }];
      });
    }
    await this.db?.end().catch(() => undefined);
    return this.data;
  }

  private async snapshot(): Promise<Map<string, { query: string; calls: number; total: number; max: number }> | null> {
    if (!this.db) { this.data.statementsProblem = 'the profile has no `database` section'; return null; }
    try {
      const { rows } = await this.db.query<{ id: string; query: string; calls: string; total: number; max: number }>(
        'SELECT queryid::text AS id, query, calls::text AS calls, total_exec_time AS total, max_exec_time AS max FROM pg_stat_statements WHERE toplevel');
      return new Map(rows.map((r) => [r.id, { query: r.query, calls: Number(r.calls), total: r.total, max: r.max }]));
    } catch (error) {
      this.data.statementsProblem = `pg_stat_statements is not readable: ${(error as Error).message}`;
      return null;
    }
  }
}

/** Read-model statements of the API: SELECTs on the §14 tables, not the suite's own or the workers' writes. */
export function readModelStatements(list: readonly StatementFigures[]): StatementFigures[] {
  return list.filter((s) => /^\s*(select|with)\b/i.test(s.query) && /"(Wallet|Transaction|UserProfile|KYCVerification|Organization|MultiSigTransaction|Loan|Proposal|SystemParameter|Country)"/.test(s.query)
    && !/pg_stat_statements|"OutboxCommand"|load-probe/.test(s.query));
}

/** p95 over calls, each statement's calls at its interval mean: what a per-call p95 is at least. */
export function callWeightedP95(list: readonly StatementFigures[]): number {
  const lat = new Latencies();
  for (const s of list) for (let i = 0; i < Math.min(s.calls, 100_000); i++) lat.record(s.meanMs);
  return lat.percentileMs(95);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poll(probe: () => Promise<boolean>, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return Date.now();
    if (Date.now() > deadline) return null;
    await sleep(10);
  }
}
