import { CheckSkipped, type CheckContext } from '../../../src/checks/define';
import type { PlannedRow } from '../../../src/fixtures/plan';
import { fitRow } from '../../../src/fixtures/writer';
import { introspect } from '../database/introspect';
import { withDb } from './db';

/**
 * Rows a check seeds for its own probe, fitted to the schema the target actually has (as the
 * fixtures are: ORM-only NOT NULL columns filled, absent bookkeeping columns left out). A row the
 * schema cannot hold skips the check with that reason; what was written before it is removed.
 */
export async function seedRows(ctx: CheckContext, purpose: string, rows: Array<Omit<PlannedRow, 'onConflict'>>, remove: () => Promise<void>): Promise<void> {
  try {
    await withDb(ctx, async (client) => {
      const schema = await introspect(client);
      for (const row of rows) {
        const fitted = fitRow({ ...row, onConflict: 'reset' }, schema);
        await client.query(fitted.sql, fitted.params);
      }
    });
  } catch (error) {
    await remove().catch(() => undefined);
    throw new CheckSkipped(`Needs to seed ${purpose} in the read model ("${rows.map((r) => r.table).join('", "')}" rows): ${(error as Error).message}`);
  }
}
