import type { Endpoint } from '../../../src/catalog/types';
import type { HttpExchange } from '../../../src/clients/http';
import type { Finding } from '../../../src/evidence/types';
import type { ContractRule } from '../../../src/rules/index';
import { envelopeProblem, isObject } from '../support/envelope';
import { shapeOf } from '../validation/fields';
import type { DocErrorCase } from './cases/index';

/**
 * Judging one answer to a documented-error case: the status (or what the contract also allows),
 * the E1 envelope, and the message. §0: checks compare `message` only where a rule says so —
 * VAL-6 does for the "… are required" and per-field messages, so those rows compare it; other rows
 * (state and business rules) report a different wording as advisory, never red: a deployment
 * nobody here built may word them its own way.
 */
export type Verdict = Omit<Finding, 'endpoint' | 'evidence'>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `Treasury wallet not found for country: <CC>` → placeholders match any text. */
export const messagePattern = (message: string): RegExp => new RegExp(`^${message.split(/<[^>]+>/).map(escape).join('.+')}`);

/** Rows whose wording VAL-6 fixes: missing/invalid fields. */
const FIELD_SLUGS = /^(required|invalid-.*|reason-required|vote-not-boolean|required-approvers|password-too-.*|no-fields)$/;
export const wordingIsNormative = (rule: ContractRule): boolean => FIELD_SLUGS.test(rule.id.split(':')[2]);

export function judgeAnswer(endpoint: Endpoint, rule: ContractRule, c: DocErrorCase, res: HttpExchange): Verdict[] {
  const should = rule.strength !== 'MUST';
  const expected = rule.status!;
  const allowed = [expected, ...(rule.alsoAccepted ?? []), ...(c.orderAllows ?? [])];
  if (!allowed.includes(res.status)) {
    const server = res.status >= 500 ? ' (a server error for client input)' : '';
    const text = `${c.how}: answered ${res.status}${server} instead of ${expected} "${rule.message}"`;
    // A SHOULD row may be answered otherwise, but never with a 5xx: that breaks ERR-5, a MUST.
    if (should && res.status >= 500) return [{ rule: 'ERR-5', text }, { rule: rule.id, advisory: true, text }];
    return [{ rule: rule.id, advisory: should, text }];
  }
  if (res.status !== expected) return []; // an answer the contract also allows (I3 200, #15 [], ERR-6 order)
  const shape = envelopeProblem(res, [expected]);
  if (shape) return [{ rule: 'ERR-1', text: `${c.how}: ${expected} is not E1: ${shape}` }];
  const message = isObject(res.body) ? String(res.body.message) : '';
  const wording = messageProblem(endpoint, rule, message);
  if (!wording) return [];
  const normative = wordingIsNormative(rule) && !should;
  return [{ rule: normative ? 'VAL-6' : rule.id, advisory: !normative, text: `${c.how}: ${wording}` }];
}

function messageProblem(endpoint: Endpoint, rule: ContractRule, message: string): string | null {
  if (rule.message!.includes('<field>')) {
    const fields = Object.keys(shapeOf(endpoint.request.body) ?? {});
    return fields.some((f) => message.includes(f)) ? null : `message "${message}" names none of the fields ${fields.join(', ')} (VAL-6)`;
  }
  return messagePattern(rule.message!).test(message) ? null : `message "${message}", reference wording "${rule.message}"`;
}
