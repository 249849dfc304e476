import { FAULTS } from '../../../sandbox/faults/catalog';
import { loadChecks } from '../../checks/registry';
import { ruleCoverage, summarize, type RuleCoverage } from '../../rules/coverage';

/** `gx-verify rules [--json]`: every contract rule and documented error, the checks testing it, the faults proving it. */
export async function rulesCoverage(): Promise<{ summary: ReturnType<typeof summarize>; rules: RuleCoverage[] }> {
  const { checks } = await loadChecks();
  const rules = ruleCoverage(checks, FAULTS);
  return { summary: summarize(rules), rules };
}

const cell = (list: string[], none: string) => (list.length > 0 ? list.join(', ') : none);

export async function rules(opts: { json?: boolean }): Promise<void> {
  const { summary, rules: list } = await rulesCoverage();
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ summary, rules: list }, null, 2)}\n`);
    return;
  }
  const width = Math.max(...list.map((r) => r.id.length));
  for (const r of list) {
    process.stdout.write(`${r.id.padEnd(width)}  ${r.strength.padEnd(6)}  checks: ${cell(r.checks, 'none')}  faults: ${cell(r.faults, 'unproven')}\n`);
  }
  const { required: q } = summary;
  process.stdout.write(`${summary.rules} rules and documented errors: ${summary.covered} tested by a check, ${summary.proven} proven by a fault. `
    + `MUST rules and documented errors: ${q.total}, covered ${q.covered}, proven ${q.proven}.\n`);
}
