/**
 * The command StrykerJS's command runner runs for each mutant (and once unmutated, its dry run):
 * a sandbox built from the (instrumented) code in this directory, the part's checks in batches,
 * exit 1 at the first batch with a red check (the mutant is killed), 0 when every check passed
 * (it survived). The active mutant comes from Stryker's __STRYKER_ACTIVE_MUTANT__ variable.
 *   npx tsx scripts/mutation/run-checks.ts <part>
 */
import { checks as integration } from '../../suites/integration/index';
import { startHarness } from '../../test/integration/harness';
import { partNamed } from './parts';

const part = partNamed(process.argv[2] ?? '');
/** The slow sweeps last: most mutants are killed by a targeted check long before them. */
const LAST = new Set(['INT-VALIDATION-FUZZ', 'INT-ERROR-LEAK', 'INT-AUTHZ-ROLES', 'INT-BOUNDARIES']);
const selected = integration.filter(part.selects).map((c) => c.id);
const ids = [...selected.filter((id) => !LAST.has(id)), ...selected.filter((id) => LAST.has(id))];
const BATCH = 24;

let code = 0;
const started = Date.now();
const h = await startHarness(`gxv-mut-${process.pid}`, { ledger: part.ledger });
// A shared, loaded runner answers slowly: generous limits, so only a mutant makes a check red.
const target = { ...h.target, timeouts: { ...h.target.timeouts, requestMs: 60_000, checkMs: 300_000 } };
try {
  for (let i = 0; i < ids.length && code === 0; i += BATCH) {
    const isRed = (r: { status: string }) => r.status === 'fail' || r.status === 'error' || r.status === 'blocked';
    const results = await h.run(ids.slice(i, i + BATCH), { concurrency: 3, target });
    let red = [...results.values()].filter(isRed);
    // A loaded runner can time a request out: a mutant is killed only by a check that is red twice.
    if (red.length > 0) red = [...(await h.run(red.map((r) => r.id), { concurrency: 2, target })).values()].filter(isRed);
    if (red.length > 0) {
      code = 1;
      process.stdout.write(`killed by ${red.map((r) => r.id).join(', ')}: ${red[0].message.split('\n')[0].slice(0, 300)}\n`);
    }
  }
} catch (error) {
  code = 1;
  process.stdout.write(`the sandbox or the run failed: ${(error as Error).message}\n`);
} finally {
  await h.stop().catch(() => undefined);
}
process.stdout.write(`${part.name}: ${ids.length} checks, ${code === 0 ? 'all green' : 'red'} in ${Math.round((Date.now() - started) / 1000)} s (mutant ${process.env.__STRYKER_ACTIVE_MUTANT__ ?? 'none'})\n`);
process.exit(code);
