import pg from 'pg';
import { compareEnums, compareTables } from '../../suites/integration/database/compare';
import { EXPECTED_ENUMS, EXPECTED_TABLES } from '../../suites/integration/database/expected-schema';
import { introspect, type ActualSchema } from '../../suites/integration/database/introspect';
import { fixtureIds } from '../fixtures/ids';
import { planWorld } from '../fixtures/plan';
import { predictItems } from '../fixtures/walk';
import type { Target } from '../profile/target';
import { describeError } from '../run/describe-error';
import type { DatabaseDiagnosis } from './types';

/**
 * The database as the suite will find it, read only: reachable, its differences from contract §14
 * (the comparison INT-DB-SCHEMA makes), its migrations table, and which fixture items seeding
 * could write into this schema.
 */
export async function inspectDatabase(target: Target): Promise<DatabaseDiagnosis | null> {
  if (!target.database) return null;
  const client = new pg.Client({ connectionString: target.database.url, connectionTimeoutMillis: 5_000, statement_timeout: 15_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const schema = await introspect(client);
    const diffs = [...compareTables(EXPECTED_TABLES, schema), ...compareEnums(EXPECTED_ENUMS, schema)];
    const fixtures = await predictFixtures(target, schema);
    const blocking = diffs.filter((d) => !d.advisory).map((d) => d.what);
    return {
      ok: true,
      detail: `reachable; ${schema.tables.size} tables, ${blocking.length} difference(s) from contract §14, ${diffs.length - blocking.length} advisory (†)`,
      differences: { blocking, advisory: diffs.filter((d) => d.advisory).map((d) => d.what) },
      migrations: await migrationsTable(client, schema),
      fixtures,
    };
  } catch (error) {
    return { ok: false, detail: `not reachable or not readable: ${describeError(error)}`, differences: { blocking: [], advisory: [] }, migrations: 'unknown', fixtures: [] };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function predictFixtures(target: Target, schema: ActualSchema): Promise<DatabaseDiagnosis['fixtures']> {
  const f = target.fixtures;
  if ((f && f.mode !== 'seed') || !target.allowWrites) return [];
  const plans = planWorld(fixtureIds('doctor'), { tenantId: target.tenantId, passwordHash: '', tenant: f?.tenant ?? [] });
  return (await predictItems(plans, schema)).items;
}

async function migrationsTable(client: pg.Client, schema: ActualSchema): Promise<string> {
  if (schema.tables.has('_prisma_migrations')) {
    const { rows } = await client.query<{ n: string; open: string }>(
      'SELECT count(*) AS n, count(*) FILTER (WHERE finished_at IS NULL AND rolled_back_at IS NULL) AS open FROM "_prisma_migrations"');
    return `_prisma_migrations: ${rows[0].n} migration(s), ${rows[0].open} unfinished`;
  }
  if (schema.tables.has('_gx_migrations')) {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "_gx_migrations"');
    return `_gx_migrations: ${rows[0].n} migration(s)`;
  }
  return 'no migrations table known to INT-DB-MIGRATIONS (_gx_migrations, _prisma_migrations): it will be skipped';
}
