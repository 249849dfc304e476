import type { CheckResult } from '../evidence/types';
import type { Essential, RuleContext } from './types';

/**
 * Essential evidence (issue 9): a criterion cannot pass without passing results of these checks —
 * from every region or edge region when asked, covering every listed endpoint when asked. What
 * is missing is said in words; it never silently becomes a pass.
 */

/** The check id without its region suffix (`SEC-TLS-GRADE-asia` → `SEC-TLS-GRADE`). */
export function baseId(result: Pick<CheckResult, 'id' | 'region'>): string {
  return result.region && result.id.endsWith(`-${result.region}`) ? result.id.slice(0, -(result.region.length + 1)) : result.id;
}

/** `INT-ERRORS-*` style globs on base ids; no glob characters means an exact id. */
export function matchesGlob(id: string, glob: string): boolean {
  if (!glob.includes('*')) return id === glob;
  const pattern = new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return pattern.test(id);
}

const list = (items: readonly string[], max = 12) =>
  items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');

/** What is missing for one essential, or null when the results hold it. */
export function missingEssential(essential: Essential, results: readonly CheckResult[], ctx: RuleContext): string | null {
  const matching = results.filter((r) => matchesGlob(baseId(r), essential.checks));
  const passing = matching.filter((r) => r.status === 'pass');
  const what = `${essential.checks} (${essential.why})`;
  if (passing.length === 0) {
    if (matching.length === 0) return `${what}: no such check ran`;
    const statuses = [...new Set(matching.map((r) => r.status))].join('/');
    return `${what}: none passed (${statuses})`;
  }
  const regions = essential.regions === 'all' ? ctx.regions : essential.regions === 'all-edges' ? ctx.edgeRegions : null;
  if (regions) {
    if (regions.length === 0) return `${what}: the target has no ${essential.regions === 'all-edges' ? 'edge ' : ''}regions`;
    const seen = new Set(passing.map((r) => r.region));
    // A check that runs once (region null) counts for the region it ran on only when the target has one region.
    const missing = regions.filter((r) => !seen.has(r) && !(regions.length === 1 && seen.has(null)));
    if (missing.length > 0) return `${what}: no passing result from ${missing.join(', ')}`;
  }
  if (essential.endpoints) {
    const covered = new Set(passing.map((r) => r.endpoint));
    const missing = essential.endpoints.filter((e) => !covered.has(e));
    if (missing.length > 0) {
      return `${what}: ${essential.endpoints.length - missing.length} of ${essential.endpoints.length} endpoints covered; not covered: ${list(missing)}`;
    }
  }
  return null;
}

export function missingEssentials(essentials: readonly Essential[] | undefined, results: readonly CheckResult[], ctx: RuleContext): string[] {
  return (essentials ?? []).map((e) => missingEssential(e, results, ctx)).filter((m): m is string => m !== null);
}
