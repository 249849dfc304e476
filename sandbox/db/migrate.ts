import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type pg from 'pg';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));
const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;
/** pg_advisory_lock key shared by every migrator of a database, so two never interleave. */
const LOCK_KEY = 0x67787631; // "gxv1"

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

/** The versioned SQL files, in version order; a gap or duplicate version is a packaging error. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: FILE_NAME.exec(file) }))
    .filter((f): f is { file: string; match: RegExpExecArray } => f.match !== null)
    .map(({ file, match }) => {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return { version: Number(match[1]), name: match[2], sql, checksum: createHash('sha256').update(sql).digest('hex') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration versions must run 1, 2, 3...; found ${m.version} at position ${i + 1}`);
  });
  return migrations;
}

/**
 * Applies every migration not yet recorded in `_gx_migrations`, each in its own transaction.
 * Applying twice is a no-op. A recorded migration whose file changed is refused (checksum), since
 * the database would no longer match the files.
 */
export async function migrate(pool: pg.Pool, migrations = loadMigrations()): Promise<MigrationResult> {
  const client = await pool.connect();
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_gx_migrations" (
      "version" integer PRIMARY KEY,
      "name" text NOT NULL,
      "checksum" text NOT NULL,
      "appliedAt" timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number; checksum: string }>('SELECT "version", "checksum" FROM "_gx_migrations"');
    const recorded = new Map(rows.map((r) => [r.version, r.checksum]));
    for (const m of migrations) {
      const label = `${String(m.version).padStart(3, '0')}_${m.name}`;
      const checksum = recorded.get(m.version);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) throw new Error(`Migration ${label} was changed after it was applied (checksum differs)`);
        result.alreadyApplied.push(label);
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO "_gx_migrations" ("version", "name", "checksum") VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${label} failed: ${(err as Error).message}`);
      }
      result.applied.push(label);
    }
    return result;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}
