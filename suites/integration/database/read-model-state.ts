import { defineCheck } from '../../../src/checks/define';
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
    return problems.finish(`fixture world usable (FIX-1) and tenant ${w.tenantId} rows keep the §14 enums and unique keys (FIX-2)`, 'rows as contract §14 describes them');
  },
});
