import { z } from 'zod';
import { f, parseAmount, type Field } from '../kit';

/** The validated `rule` of #11; it becomes `ruleJson` (MAP-1). */
export interface AuthRule {
  requiredApprovers: number;
  approverGroup: string[];
  amountThreshold?: string;
}

type Checked = { ok: true; rule: AuthRule } | { ok: false; message: string };

const approverGroup = f.idArray();

/** §6.3 #11 rule checks, worded per route; only the three known keys survive (VAL-2). */
/** Faults of the rule checks: `lenientArrays` (id-array-size-unchecked), `groupEdgeRefused` (approver-group-edge-refused). */
export interface RuleFaults { lenientArrays?: boolean; groupEdgeRefused?: boolean }

export function checkRule(value: unknown, faults: RuleFaults = {}): Checked {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'rule is invalid' };
  const raw = value as Record<string, unknown>;
  const required = raw.requiredApprovers;
  if (typeof required !== 'number' || !Number.isInteger(required) || required < 1) {
    return { ok: false, message: 'requiredApprovers must be at least 1' };
  }
  // Fault `id-array-size-unchecked` reaches the nested approverGroup too.
  const group = (faults.lenientArrays && approverGroup.lenient ? approverGroup.lenient.schema : approverGroup.schema).safeParse(raw.approverGroup);
  if (!group.success) return { ok: false, message: 'approverGroup is invalid' };
  if (group.data.length < required || (faults.groupEdgeRefused && group.data.length === required)) {
    return { ok: false, message: 'approverGroup must have at least as many members as requiredApprovers' };
  }
  const rule: AuthRule = { requiredApprovers: required, approverGroup: group.data };
  if (raw.amountThreshold !== undefined && raw.amountThreshold !== null) {
    const threshold = parseAmount(raw.amountThreshold);
    if (threshold === null) return { ok: false, message: 'amountThreshold is invalid' };
    rule.amountThreshold = threshold;
  }
  return { ok: true, rule };
}

export function ruleField(faults?: { isOn(name: 'id-array-size-unchecked' | 'approver-group-edge-refused'): boolean }): Field<AuthRule, false> {
  const lenient = (): RuleFaults => ({ lenientArrays: faults?.isOn('id-array-size-unchecked') ?? false, groupEdgeRefused: faults?.isOn('approver-group-edge-refused') ?? false });
  return {
    schema: z.unknown().transform((value, ctx) => {
      const checked = checkRule(value, lenient());
      if (checked.ok) return checked.rule;
      ctx.addIssue({ code: 'custom', message: checked.message });
      return z.NEVER;
    }),
    optional: false,
    invalid: (value) => {
      const checked = checkRule(value, lenient());
      return checked.ok ? 'rule is invalid' : checked.message;
    },
  };
}
