import type { LabelSelector } from '../manifests/schema';

/**
 * Kubernetes label selectors: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist)
 * are ANDed; an empty selector (`{}`) selects everything. Whether an *absent* selector means
 * "all" or "none" depends on where it sits, so callers decide that (engine/peer.ts).
 */

export type Labels = Readonly<Record<string, string>>;

export function matchesSelector(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In': if (!has || !values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
    }
  }
  return true;
}

/** What the API server refuses in a selector (In/NotIn need values, Exists/DoesNotExist none). */
export function selectorProblems(selector: LabelSelector, at: string): string[] {
  return (selector.matchExpressions ?? []).flatMap((e, i) => {
    const n = e.values?.length ?? 0;
    if ((e.operator === 'In' || e.operator === 'NotIn') && n === 0) return [`${at}.matchExpressions[${i}]: ${e.operator} needs values`];
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && n > 0) return [`${at}.matchExpressions[${i}]: ${e.operator} takes no values`];
    return [];
  });
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** `app=postgres, tier in (a,b)`; `{} (all)` for the empty selector. */
export function describeSelector(selector: LabelSelector): string {
  if (isEmptySelector(selector)) return '{} (all)';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const op = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!exists' }[e.operator];
    parts.push(e.values?.length ? `${e.key} ${op} (${e.values.join(',')})` : `${e.key} ${op}`);
  }
  return parts.join(', ');
}
