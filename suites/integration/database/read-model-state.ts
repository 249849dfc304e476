import { defineCheck } from '../../../src/checks/define';
import { missingItems, type FixtureItem } from '../../../src/fixtures/items';
import { USER_KEYS } from '../../../src/fixtures/ids';
import { Problems } from '../support/problems';
import { withDb } from '../support/db';
import { world } from '../support/requests';
import { judgeFixtureWorld } from './fixture-world';
import { judgeTenantRows } from './tenant-rows';

/**
 * INT-DB-FIXTURES (§14 fixtures): the read-model state the suite relies on. The fixture world's
 * users, treasury, organization and system rows are usable as FIX-1 describes them, and the
 * tenant's rows keep every §14 enum and unique key (FIX-2, onChainTxId per PROJ-10). Reads only.
 */
/** The world items FIX-1 is judged on. */
const FIX1_ITEMS: FixtureItem[] = [...USER_KEYS, 'country', 'org'];

export const fixtureStateCheck = defineCheck({
  id: 'INT-DB-FIXTURES',
  layer: 'integration',
  title: 'The fixture world is usable as contract §14 describes it, and the tenant\'s rows keep every enum and unique key',
  criteria: ['FUNC-3'],
  needs: ['database', 'fixtures'],
  rules: ['FIX-1', 'FIX-2', 'PROJ-10'],
  async run(ctx) {
    const w = world(ctx);
    const problems = new Problems(ctx);
    await withDb(ctx, async (client) => {
      await judgeFixtureWorld(client, problems, w);
      await judgeTenantRows(client, problems, w.tenantId);
    });
    // Items the target does not hold (not provided, not seeded) are not judged: the message says which.
    const absent = missingItems(w, FIX1_ITEMS).map(([item]) => item);
    const note = absent.length > 0 ? `; not judged (unavailable fixture items): ${absent.join(', ')}` : '';
    return problems.finish(`fixture world usable (FIX-1) and tenant ${w.tenantId} rows keep the §14 enums and unique keys (FIX-2)${note}`, 'rows as contract §14 describes them');
  },
});
