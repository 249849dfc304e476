import { defineCheck, pass, skip, type CheckContext, type CheckDef } from '../../../src/checks/define';
import type { Component } from '../../../src/evidence/types';
import type { RecordedExchange } from '../../../src/run/exchange-log';

/**
 * Passive rules (issue 14): checks of the `after` phase that read every answer the run saw, from
 * every layer, and send nothing of their own (the edge-pages rule adds a handful of discovery
 * GETs first). Problems are grouped per (problem, endpoint): one finding says how many answers
 * showed it, with the first one as evidence, so a banner on every answer is one line, not 3 000.
 */

export interface Problem {
  rule: string;
  /** Short and stable: it is the grouping key ("X-Powered-By: Express 5.1.0"). */
  text: string;
}

export interface PassiveDef {
  id: string;
  title: string;
  rules: string[];
  criteria?: string[];
  /** Which answers the rule judges (default: all). */
  applies?(x: RecordedExchange): boolean;
  inspect(x: RecordedExchange): Problem[];
  /** Requests to send before judging (discovery); their answers join the log. */
  prepare?(ctx: CheckContext): Promise<void>;
}

export const header = (x: RecordedExchange, name: string): string[] => x.responseHeaders[name.toLowerCase()] ?? [];

/** The request carried credentials (the senders show `authorization: Bearer <redacted>` in evidence). */
export const authenticated = (x: RecordedExchange): boolean => /^authorization:\s*Bearer /im.test(x.evidence.request ?? '');

/** An answer the edge produced itself, or one that came through it. */
export const viaTls = (x: RecordedExchange): boolean => x.url.startsWith('https:');

function componentOf(x: RecordedExchange): Component {
  return x.endpoint ? 'service' : viaTls(x) ? 'edge' : 'service';
}

export function passiveCheck(def: PassiveDef): CheckDef {
  return defineCheck({
    id: def.id,
    layer: 'security',
    title: def.title,
    criteria: def.criteria ?? ['SEC-2', 'ST-OWASP'],
    rules: def.rules,
    phase: 'after',
    async run(ctx) {
      if (def.prepare) await def.prepare(ctx);
      const log = ctx.exchanges().filter((x) => def.applies?.(x) ?? true);
      if (log.length === 0) return skip('No answer of the kind this rule judges was seen in the run (e.g. no HTTPS edge answers, no authenticated answers).');
      const groups = new Map<string, { problem: Problem; first: RecordedExchange; count: number }>();
      for (const x of log) {
        for (const problem of def.inspect(x)) {
          const key = `${problem.rule} ${problem.text} ${x.endpoint ?? new URL(x.url).host}`;
          const group = groups.get(key);
          if (group) group.count++;
          else groups.set(key, { problem, first: x, count: 1 });
        }
      }
      for (const { problem, first, count } of groups.values()) {
        ctx.findings.add({
          rule: problem.rule, endpoint: first.endpoint ?? (viaTls(first) ? 'edge' : null), component: componentOf(first),
          text: `${problem.text} — ${count} answer(s), first: ${first.method} ${first.url} (${first.status}, sent by ${first.checkId})`,
          evidence: [first.evidence],
        });
      }
      ctx.observe.judged(log.length);
      return pass({ message: `${log.length} answers of the run inspected`, measurements: { answers: log.length, problems: groups.size } });
    },
  });
}
