import type { Position } from './event';

export const PROJECTOR_NAME = 'main-projector';

export interface ProjectorKey {
  tenantId: string;
  channel: string;
}

/** Anything that runs a query: a pool, a client, or the projector's transaction-bound query. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
}

/** The saved (lastBlock, lastEventIndex), or null without a checkpoint row (then START_BLOCK applies, PROJ-4). */
export async function readCheckpoint(db: Queryable, key: ProjectorKey): Promise<Position | null> {
  const { rows } = await db.query(
    `SELECT "lastBlock", "lastEventIndex" FROM "ProjectorState" WHERE "tenantId" = $1 AND "projectorName" = $2 AND "channel" = $3`,
    [key.tenantId, PROJECTOR_NAME, key.channel],
  );
  return rows[0] ? { block: BigInt(rows[0].lastBlock), index: rows[0].lastEventIndex } : null;
}

export async function writeCheckpoint(db: Queryable, key: ProjectorKey, at: Position): Promise<void> {
  await db.query(
    `INSERT INTO "ProjectorState" ("tenantId", "projectorName", "channel", "lastBlock", "lastEventIndex", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT ("tenantId", "projectorName", "channel") DO UPDATE SET "lastBlock" = EXCLUDED."lastBlock", "lastEventIndex" = EXCLUDED."lastEventIndex", "updatedAt" = now()`,
    [key.tenantId, PROJECTOR_NAME, key.channel, String(at.block), at.index],
  );
}

/** PROJ-9 heartbeat: heartbeatAt and lagMs, also when idle. */
export async function writeHeartbeat(db: Queryable, key: ProjectorKey, lagMs: number): Promise<void> {
  await db.query(
    `INSERT INTO "ProjectorState" ("tenantId", "projectorName", "channel", "heartbeatAt", "lagMs", "updatedAt")
     VALUES ($1, $2, $3, now(), $4, now())
     ON CONFLICT ("tenantId", "projectorName", "channel") DO UPDATE SET "heartbeatAt" = now(), "lagMs" = EXCLUDED."lagMs", "updatedAt" = now()`,
    [key.tenantId, PROJECTOR_NAME, key.channel, Math.min(Math.round(lagMs), 2_147_483_647)],
  );
}
