import { loadChecks } from '../../checks/registry';
import { CRITERIA } from '../../criteria/registry';

/** `gx-verify criteria [--json]`: every criterion with group, statement, blocking and its linked checks. */
export interface CriterionListing {
  id: string;
  group: string;
  statement: string;
  blocking: boolean;
  source: string;
  area: string;
  rule: string;
  checks: string[];
}

export async function listCriteria(): Promise<CriterionListing[]> {
  const { checks } = await loadChecks();
  return CRITERIA.map((c) => ({
    id: c.id, group: c.group, statement: c.statement, blocking: c.blocking, source: c.source, area: c.area,
    rule: c.rule.kind, checks: checks.filter((k) => k.criteria.includes(c.id)).map((k) => k.id),
  }));
}

export async function criteria(opts: { json?: boolean }): Promise<void> {
  const list = await listCriteria();
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  for (const c of list) {
    process.stdout.write(`${c.id.padEnd(12)} ${c.group.padEnd(12)} ${c.blocking ? 'blocking' : 'advisory'}  ${c.statement}\n`);
    process.stdout.write(`${' '.repeat(13)}checks: ${c.checks.length > 0 ? c.checks.join(', ') : '(none yet: not evaluated unless waived)'}\n`);
  }
}
