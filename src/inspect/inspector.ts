import { defineCheck, pass, type CheckContext, type CheckDef } from '../checks/define';
import type { Finding, Layer } from '../evidence/types';
import type { RecordedExchange } from '../run/exchange-log';
import { componentOf } from './exchange';

/**
 * Passive inspectors (style.md #13): checks of the `after` phase that read every answer the run's
 * checks received and judge it once, never sending anything. A rule says which answers it applies
 * to and what it finds in one; this module does the rest (reading the log, counting what was
 * judged, evidence and attribution), so each concern — error envelope, leaks, version banners,
 * caching headers — is a few lines of its own.
 */
export interface PassiveRule {
  /** The answers this rule judges (e.g. status ≥ 400). */
  applies(x: RecordedExchange): boolean;
  /** What is wrong with one answer: finding texts with their contract rule ids. */
  judge(x: RecordedExchange, ctx: CheckContext): Array<Pick<Finding, 'rule' | 'text' | 'advisory'>>;
}

export interface PassiveCheckDef {
  id: string;
  layer: Layer;
  title: string;
  criteria: string[];
  rules: string[];
  rule: PassiveRule;
  /** Words for the pass message: "error answers", "authenticated answers". */
  noun: string;
}

/** The same answer seen by several checks is judged once (same method, URL, status and body). */
const sameAnswer = (x: RecordedExchange) => `${x.method} ${x.url} ${x.status} ${x.body}`;

export function definePassiveCheck(def: PassiveCheckDef): CheckDef {
  return defineCheck({
    id: def.id,
    layer: def.layer,
    title: def.title,
    criteria: def.criteria,
    rules: def.rules,
    phase: 'after',
    async run(ctx) {
      const seen = new Set<string>();
      let judged = 0;
      let failing = 0;
      const senders = new Set<string>();
      for (const x of ctx.exchanges()) {
        if (x.checkId === def.id || !def.rule.applies(x)) continue;
        const key = sameAnswer(x);
        if (seen.has(key)) continue;
        seen.add(key);
        judged++;
        senders.add(x.checkId);
        const found = def.rule.judge(x, ctx);
        for (const f of found) {
          if (!f.advisory) failing++;
          ctx.findings.add({
            ...f,
            text: `${x.method} ${x.url} → ${x.status} (asked by ${x.checkId}): ${f.text}`,
            endpoint: x.endpoint,
            component: componentOf(x, ctx.target),
            evidence: [x.evidence],
          });
        }
      }
      ctx.observe.judged(judged);
      return pass({
        message: `${judged} ${def.noun} from ${senders.size} checks judged${failing === 0 ? ', none broke the rule' : ''}`,
        measurements: { judged, checks: senders.size },
      });
    },
  });
}
