import type { CheckResult } from '../evidence/types';
import type { Rule, RuleContext, RuleFn, RuleOutcome } from './types';

/**
 * Rules turning the results of a criterion's linked checks into pass / fail / not-evaluated.
 * Not-evaluated is never a pass: a criterion without evidence says so, with the skip reasons.
 */

const MAX_LISTED = 3;

function list(items: string[]): string {
  const shown = items.slice(0, MAX_LISTED).join('; ');
  return items.length > MAX_LISTED ? `${shown}; and ${items.length - MAX_LISTED} more` : shown;
}

/** The gist of a check message: its first two non-empty lines ("3 problem(s):" says little alone). */
function firstLine(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' ');
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** Any fail or error → fail; nothing ran (none linked, or all skipped) → not-evaluated; else pass. */
export const defaultRule: RuleFn = (linked) => {
  if (linked.length === 0) {
    return { status: 'not-evaluated', reason: 'No check gives evidence for this criterion.' };
  }
  const broken = linked.filter((r) => r.status === 'fail' || r.status === 'error');
  if (broken.length > 0) {
    const what = broken.map((r) => `${r.id} ${r.status === 'fail' ? 'failed' : 'errored'}: ${firstLine(r.message)}`);
    return { status: 'fail', reason: `${broken.length} of ${linked.length} checks did not pass. ${list(what)}` };
  }
  // Blocked checks are neither evidence for nor against: the criterion waits on their root cause.
  const blocked = linked.filter((r) => r.status === 'blocked');
  if (blocked.length > 0) {
    const roots = [...new Set(blocked.flatMap((r) => r.blockedBy ?? []))];
    return {
      status: 'not-evaluated',
      reason: `${blocked.length} of ${linked.length} linked checks are blocked by ${roots.join(', ') || 'a failed prerequisite'}: `
        + `${list(blocked.map((r) => r.id))}. Fix the root cause first.`,
    };
  }
  const skipped = linked.filter((r) => r.status === 'skipped');
  const ran = linked.length - skipped.length;
  if (ran === 0) {
    const reasons = [...new Set(skipped.map((r) => firstLine(r.message)))];
    return { status: 'not-evaluated', reason: `All ${skipped.length} linked checks were skipped: ${list(reasons)}` };
  }
  const note = skipped.length > 0
    ? ` (${skipped.length} skipped: ${list([...new Set(skipped.map((r) => firstLine(r.message)))])})`
    : '';
  return { status: 'pass', reason: `${ran} of ${linked.length} checks passed${note}.` };
};

/** Default rule, plus evidence from every region (or edge region) of the target, and at least `minRegions`. */
function allRegionsRule(minRegions: number, edgesOnly: boolean): RuleFn {
  return (linked, ctx) => {
    const base = defaultRule(linked, ctx);
    if (base.status !== 'pass') return base;
    const regions = edgesOnly ? ctx.edgeRegions : ctx.regions;
    const kind = edgesOnly ? 'edge regions' : 'regions';
    if (regions.length < minRegions) {
      return {
        status: 'not-evaluated',
        reason: `Needs ${minRegions} ${kind}; the profile names ${regions.length} (${regions.join(', ') || 'none'}).`,
      };
    }
    const seen = new Set(linked.filter((r) => r.status === 'pass' && r.region).map((r) => r.region as string));
    const missing = regions.filter((r) => !seen.has(r));
    if (missing.length > 0) {
      return { status: 'not-evaluated', reason: `No passing evidence from region(s) ${missing.join(', ')}. ${base.reason}` };
    }
    return { status: 'pass', reason: `Evidence from every ${kind.slice(0, -1)} (${regions.join(', ')}): ${base.reason}` };
  };
}

/** Linked checks can only refute: a failure fails, anything else leaves the criterion open. */
function supportingOnlyRule(missing: string): RuleFn {
  return (linked, ctx) => {
    const base = defaultRule(linked, ctx);
    if (base.status === 'fail') return base;
    return { status: 'not-evaluated', reason: `${missing} Supporting evidence: ${base.reason}` };
  };
}

/** Default rule, plus passing checks that cover every listed endpoint id. */
function coverageRule(endpoints: readonly string[]): RuleFn {
  return (linked, ctx) => {
    const base = defaultRule(linked, ctx);
    if (base.status !== 'pass') return base;
    const covered = new Set(linked.filter((r) => r.status === 'pass' && r.endpoint).map((r) => r.endpoint as string));
    const missing = endpoints.filter((e) => !covered.has(e));
    if (missing.length > 0) {
      const shown = missing.length > 10 ? `${missing.slice(0, 10).join(', ')} and ${missing.length - 10} more` : missing.join(', ');
      return {
        status: 'not-evaluated',
        reason: `${endpoints.length - missing.length} of ${endpoints.length} endpoints covered by passing checks; not covered: ${shown}.`,
      };
    }
    return { status: 'pass', reason: `All ${endpoints.length} endpoints covered. ${base.reason}` };
  };
}

export function ruleFor(rule: Rule): RuleFn {
  switch (rule.kind) {
    case 'default': return defaultRule;
    case 'all-regions': return allRegionsRule(rule.minRegions ?? 1, rule.edgesOnly ?? false);
    case 'supporting-only': return supportingOnlyRule(rule.missing);
    case 'endpoint-coverage': return coverageRule(rule.endpoints);
  }
}

export function applyRule(rule: Rule, linked: CheckResult[], ctx: RuleContext): RuleOutcome {
  return ruleFor(rule)(linked, ctx);
}
