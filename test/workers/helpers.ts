import { createId } from '@paralleldrive/cuid2';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { migrate } from '../../sandbox/db/migrate';
import { FabricGatewayEmulator, type StartedFabric } from '../../sandbox/fabric';
import { FaultSwitchboard } from '../../sandbox/faults/switchboard';
import { PostgresBinary, type StartedPostgres } from '../../sandbox/infra/postgres';
import { startWorkers, type StartedWorkers, type WorkerConfig } from '../../sandbox/workers';

/** Real PostgreSQL (migrated), the Fabric Gateway emulator and a live fault switchboard. */
export interface WorkerHarness {
  pool: pg.Pool;
  postgres: StartedPostgres;
  fabric: StartedFabric;
  faults: FaultSwitchboard;
  tenantId: string;
  startWorkers(config?: Partial<WorkerConfig>): Promise<StartedWorkers>;
  stop(): Promise<void>;
}

export const FAST: Partial<WorkerConfig> = { retryBaseMs: 100, retryMaxMs: 800, pollIntervalMs: 50 };

export async function startHarness(): Promise<WorkerHarness> {
  const postgres = await new PostgresBinary().withParentDir(os.tmpdir()).start();
  const pool = new pg.Pool({ connectionString: postgres.url, max: 12 });
  pool.on('error', () => undefined);
  await migrate(pool);
  const faults = new FaultSwitchboard();
  const fabric = await new FabricGatewayEmulator({ faults }).start();
  const running: StartedWorkers[] = [];
  return {
    pool, postgres, fabric, faults, tenantId: 'default',
    async startWorkers(config = {}) {
      const w = await startWorkers({ pool, fabric, faults, config: { ...FAST, ...config } });
      running.push(w);
      return w;
    },
    async stop() {
      await Promise.allSettled(running.map((w) => w.stop()));
      await fabric.stop();
      await pool.end().catch(() => undefined);
      await postgres.stop();
    },
  };
}

export const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A user that exists on the ledger and in the read model, with a wallet holding `balance`. */
export async function seedUser(h: WorkerHarness, balance = '1000', opts: { countryCode?: string } = {}): Promise<{ userId: string; walletId: string }> {
  const userId = uid('user');
  const walletId = `wallet-${userId}`;
  h.fabric.ledger.seed({ users: [{ userId, nationality: opts.countryCode ?? null, wallet: { walletId, balance } }] });
  await h.pool.query(
    `INSERT INTO "UserProfile" ("profileId", "tenantId", "email", "passwordHash", "firstName", "lastName", "biometricHash", "status")
     VALUES ($1, 'default', $2, 'x', 'Test', 'User', $3, 'VERIFIED')`,
    [userId, `${userId}@example.test`, `seed-biometric-${userId}`],
  );
  await h.pool.query(
    `INSERT INTO "Wallet" ("walletId", "tenantId", "profileId", "primaryAccountId", "cachedBalance") VALUES ($1, 'default', $2, $2, $3::numeric)`,
    [walletId, userId, balance],
  );
  return { userId, walletId };
}

/** Insert a PENDING command the way the API services do (CMD-1). */
export async function insertCommand(h: WorkerHarness, commandType: string, payload: Record<string, string | null>): Promise<string> {
  const id = createId();
  await h.pool.query(
    `INSERT INTO "OutboxCommand" ("id", "tenantId", "service", "requestId", "commandType", "payload") VALUES ($1, 'default', 'svc-test', $2, $3::"CommandType", $4::jsonb)`,
    [id, randomUUID(), commandType, JSON.stringify(payload)],
  );
  return id;
}

export interface CommandRow {
  status: string;
  attempts: number;
  fabricTxId: string | null;
  commitBlock: string | null;
  errorCode: string | null;
  error: string | null;
  lockedBy: string | null;
  nextAttemptAt: Date;
  updatedAt: Date;
}

export async function commandRow(h: WorkerHarness, id: string): Promise<CommandRow> {
  const { rows } = await h.pool.query<CommandRow>(`SELECT * FROM "OutboxCommand" WHERE "id" = $1`, [id]);
  return rows[0];
}

/** Poll until `probe` returns a truthy value (bounded). */
export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function waitForStatus(h: WorkerHarness, id: string, statuses: string[], timeoutMs = 10_000): Promise<CommandRow> {
  return waitFor(async () => {
    const row = await commandRow(h, id);
    return statuses.includes(row.status) ? row : undefined;
  }, timeoutMs, `command ${id} to reach ${statuses.join('/')}`);
}

export async function balanceOf(h: WorkerHarness, walletId: string): Promise<string> {
  const { rows } = await h.pool.query<{ b: string }>(`SELECT "cachedBalance"::text AS b FROM "Wallet" WHERE "walletId" = $1`, [walletId]);
  return rows[0]?.b;
}

export async function projectorState(h: WorkerHarness): Promise<{ lastBlock: string; lastEventIndex: number; heartbeatAt: Date | null; lagMs: number }> {
  const { rows } = await h.pool.query(`SELECT * FROM "ProjectorState" WHERE "tenantId" = 'default' AND "projectorName" = 'main-projector' AND "channel" = 'gxchannel'`);
  return rows[0];
}
