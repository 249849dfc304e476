import { defineCheck, pass, skip, type CheckContext, type CheckDef, type Need } from '../../../../src/checks/define';
import type { Finding, Measurement } from '../../../../src/evidence/types';
import { ProbeSession } from './client';
import { CATALOG } from '../../../../src/catalog/index';
import { exampleItems } from '../../../../src/fixtures/uses';
import type { FixtureItem } from '../../../../src/fixtures/items';

/**
 * One probe family as a check: the shared safety gate (writes allowed; never a production profile
 * unless it says `allowAttacks: true`), the criteria the probes give evidence for, and the request
 * counts in the measurements. Families run `exclusive`: hostile input disturbs the target (writes,
 * slow bodies, megabyte payloads) and their timing judgements want a quiet target.
 */

/** Why the attack probes may not run against this target, or null. */
export function attackGate(ctx: CheckContext): string | null {
  if (!ctx.target.allowWrites) return 'Attack probes need `allowWrites: true` (hostile commands are sent).';
  if (ctx.target.production && !ctx.target.allowAttacks) {
    return 'The profile marks a production deployment (`production: true`): attack probes run only with `allowAttacks: true`.';
  }
  return null;
}

export interface FamilyOutcome {
  message: string;
  measurements?: Record<string, Measurement>;
}

export interface FamilyDef {
  id: string;
  title: string;
  rules: string[];
  timeoutMs: number;
  /** Besides writes and fixtures. */
  needs?: Need[];
  /** Fixture items besides those of the catalog examples and userA, userB, frozen. */
  fixtureItems?: FixtureItem[];
  /** Payload sets used (`name@version`), listed in the measurements. */
  payloads: string[];
  run(session: ProbeSession, ctx: CheckContext): Promise<FamilyOutcome>;
}

/** The security checks of issue 14 give evidence for SEC-2 and the OWASP scan; penetration testing only as support. */
export const PROBE_CRITERIA = ['SEC-2', 'ST-OWASP', 'ST-PENTEST'];

const PROBE_ITEMS = exampleItems(CATALOG, 'userA', 'userB', 'frozen');

export function probeFamily(def: FamilyDef): CheckDef {
  return defineCheck({
    id: def.id,
    layer: 'security',
    title: def.title,
    criteria: PROBE_CRITERIA,
    rules: def.rules,
    needs: ['writes', 'fixtures', ...(def.needs ?? [])],
    // The probes start from the catalog examples and act as userA, userB and the frozen user.
    fixtureItems: [...new Set([...PROBE_ITEMS, ...(def.fixtureItems ?? [])])],
    timeoutMs: def.timeoutMs,
    exclusive: true,
    async run(ctx) {
      const gate = attackGate(ctx);
      if (gate) return skip(gate);
      const session = new ProbeSession(ctx, def.id);
      const outcome = await def.run(session, ctx);
      return pass({
        message: outcome.message,
        measurements: { ...session.measurements(outcome.measurements), payloads: def.payloads.join(', '), findings: ctx.findings.list().length },
      });
    },
  });
}

/** A finding of a probe family: the rule, the route and what was sent, with its exchanges. */
export function finding(rule: string, endpoint: string | null, text: string, evidence: Finding['evidence'], extra: Partial<Finding> = {}): Finding {
  return { rule, endpoint, text, evidence, ...extra };
}
