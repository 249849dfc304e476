import { CheckFailure, defineCheck, pass } from '../../../src/checks/define';
import { withDb } from '../support/db';
import { EXPECTED_ENUMS, EXPECTED_TABLES } from './expected-schema';
import { compareEnums, compareTables } from './compare';
import { introspect } from './introspect';

/** INT-DB-SCHEMA (issue 4.6): every table, column, key and enum value of contract §14 exists. */
export const schemaCheck = defineCheck({
  id: 'INT-DB-SCHEMA',
  layer: 'integration',
  title: 'The database has every table, column, key and enum value of contract §14',
  criteria: ['FUNC-3', 'IT-DB-1'],
  needs: ['database'],
  async run(ctx) {
    const actual = await withDb(ctx, introspect);
    const diffs = [...compareTables(EXPECTED_TABLES, actual), ...compareEnums(EXPECTED_ENUMS, actual)];
    const blocking = diffs.filter((d) => !d.advisory);
    const advisory = diffs.filter((d) => d.advisory);
    const report = [
      ...blocking.map((d) => `DIFF ${d.what}`),
      ...advisory.map((d) => `ADVISORY (†) ${d.what}`),
    ].join('\n');
    const measurements = {
      tablesExpected: EXPECTED_TABLES.length, enumsExpected: EXPECTED_ENUMS.length,
      differences: blocking.length, advisoryDifferences: advisory.length,
    };
    const evidence = diffs.length > 0 ? [{ note: 'schema-drift report (contract §14 vs database)', response: report }] : [];
    // Every difference is a finding (none dropped); † differences are advisory.
    for (const d of diffs) ctx.findings.add({ rule: null, text: d.what, component: 'database', ...(d.advisory ? { advisory: true } : {}) });
    if (blocking.length > 0) {
      throw new CheckFailure({
        message: `${blocking.length} difference(s) from contract §14`,
        expected: 'every §14 table, column, key and enum value', received: blocking[0].what, evidence, measurements,
      });
    }
    const note = advisory.length > 0 ? `; ${advisory.length} advisory (†) difference(s) reported` : '';
    return pass({ message: `schema matches contract §14${note}`, evidence, measurements });
  },
});
