/**
 * A mutant that acts only while the sandbox boots (migrations, start-up wiring) cannot be switched
 * on in the judge's running sandbox: the judge runs this for it — a sandbox built from the
 * instrumented code with Stryker's __STRYKER_ACTIVE_MUTANT__ set before the boot, the part's
 * checks in batches, exit 1 at the first batch with a check red twice (killed), 0 when every check
 * passed (survived).
 *   __STRYKER_ACTIVE_MUTANT__=<id> npx tsx scripts/mutation/run-checks.ts <part>
 */
import { startHarness } from '../../test/integration/harness';
import { partNamed } from './parts';
import { checkOf, checksFor, firstLine, isRed, patient } from './selection';

const part = partNamed(process.argv[2] ?? '');
const ids = checksFor(part);
const BATCH = 24;

let code = 0;
const started = Date.now();
const h = await startHarness(`gxv-mut-${process.pid}`, { ledger: part.ledger });
const target = patient(h.target);
try {
  for (let i = 0; i < ids.length && code === 0; i += BATCH) {
    const results = await h.run(ids.slice(i, i + BATCH), { concurrency: 3, target });
    let red = [...results.values()].filter(isRed);
    // A loaded runner can time a request out: a mutant is killed only by a check that is red twice.
    if (red.length > 0) red = [...(await h.run([...new Set(red.map((r) => checkOf(r.id, ids) ?? r.id))], { concurrency: 2, target })).values()].filter(isRed);
    if (red.length > 0) {
      code = 1;
      process.stdout.write(`killed by ${firstLine(red[0])}${red.length > 1 ? ` (and ${red.length - 1} more)` : ''}\n`);
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
