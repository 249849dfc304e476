import { CheckFailure, defineCheck, pass, skip } from '../../../src/checks/define';
import { withDb } from '../support/db';

/**
 * INT-DB-MIGRATIONS: the migrations table says every migration is applied. The sandbox records them
 * in `_gx_migrations`; Prisma deployments in `_prisma_migrations` (finished_at set, not rolled back).
 */
export const migrationsCheck = defineCheck({
  id: 'INT-DB-MIGRATIONS',
  layer: 'integration',
  title: 'Every database migration is recorded as applied',
  criteria: ['FUNC-3'],
  needs: ['database'],
  async run(ctx) {
    return withDb(ctx, async (client) => {
      const { rows } = await client.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_name IN ('_gx_migrations', '_prisma_migrations')`);
      const names = rows.map((r) => r.name);
      if (names.includes('_prisma_migrations')) {
        const all = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
          'SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at');
        const unfinished = all.rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
        const evidence = [{ note: '_prisma_migrations', response: all.rows.map((r) => `${r.migration_name} finished=${r.finished_at?.toISOString() ?? 'no'}`).join('\n') }];
        if (all.rows.length === 0 || unfinished.length > 0) {
          throw new CheckFailure({
            message: all.rows.length === 0 ? '_prisma_migrations is empty' : `${unfinished.length} migration(s) not finished`,
            expected: 'every migration finished', received: unfinished.map((r) => r.migration_name).join(', ') || 'no rows', evidence,
          });
        }
        return pass({ evidence, measurements: { migrations: all.rows.length } });
      }
      if (names.includes('_gx_migrations')) {
        const all = await client.query<{ version: number; name: string }>('SELECT version, name FROM "_gx_migrations" ORDER BY version');
        const versions = all.rows.map((r) => r.version);
        const gap = versions.findIndex((v, i) => v !== i + 1);
        const evidence = [{ note: '_gx_migrations', response: all.rows.map((r) => `${r.version} ${r.name}`).join('\n') }];
        if (all.rows.length === 0 || gap !== -1) {
          throw new CheckFailure({
            message: all.rows.length === 0 ? '_gx_migrations is empty' : `migration versions are not contiguous (at position ${gap + 1})`,
            expected: 'migrations 1..n recorded', received: versions.join(', ') || 'no rows', evidence,
          });
        }
        return pass({ evidence, measurements: { migrations: all.rows.length } });
      }
      return skip('no migrations table found (neither _gx_migrations nor _prisma_migrations); the schema check still compares §14');
    });
  },
});
