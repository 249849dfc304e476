import { CATALOG } from '../../src/catalog/index';
import { DOCUMENTED_ERRORS } from '../../src/rules/index';
import type { FaultSpec } from './spec';

/**
 * A fault per documented error (issue 10): `documented-error:<rule id>` makes the route answer
 * that one case with 500 instead of its documented status — every other answer of the route
 * stays right. The family's guarded spot is sandbox/services/kit/route.ts (documentedErrorFault).
 * Each fault turns red the INT-DOCERR check of its route, which declares the rule.
 */
export type DocumentedErrorFault = `documented-error:${string}`;

const keyOf = new Map(CATALOG.map((e) => [e.id, e.key]));
/** Documented errors provoked outside the INT-DOCERR family (they need a state of their own). */
const PROVED_BY: Record<string, string> = { '#32:404:status-not-found': 'INT-EMPTY-STATE' };

export const RULE_FAULTS: Record<DocumentedErrorFault, FaultSpec> = Object.fromEntries(
  DOCUMENTED_ERRORS.map((rule) => [`documented-error:${rule.id}`, {
    part: 'services',
    breaks: `${rule.endpoint} answers 500 instead of ${rule.status} "${rule.message}" when ${rule.text}.`,
    checks: [PROVED_BY[rule.id] ?? `INT-DOCERR-${keyOf.get(rule.endpoint!)}`],
    // A SHOULD row may be answered otherwise, but the fault's 500 also breaks ERR-5 — what the check reports red.
    rules: rule.strength === 'MUST' ? [rule.id] : [rule.id, 'ERR-5'],
  } satisfies FaultSpec]),
) as Record<DocumentedErrorFault, FaultSpec>;

/** ERR-7 and IDEM-7 (guarded in sandbox/services/kit/rejection-faults.ts), proven by the INT-DOCERR family. */
export const REJECTION_FAULTS = {
  'rejected-command-written': {
    part: 'services',
    breaks: 'A command route that rejects a request (a frozen sender, a self-transfer, a duplicate email, a bad field…) has already inserted its OutboxCommand row.',
    checks: ['INT-DOCERR-E01', 'INT-DOCERR-I4', 'INT-DOCERR-E08'],
    rules: ['ERR-7'],
  },
  'idempotency-records-errors': {
    part: 'services',
    breaks: 'A 4xx answer is stored under its X-Idempotency-Key like a 2xx reply, so the key cannot be used again.',
    checks: ['INT-DOCERR-E01', 'INT-DOCERR-I1'],
    rules: ['IDEM-7'],
  },
} as const satisfies Record<string, FaultSpec>;

/** Error answers judged by the passive inspectors (INT-ANSWERS-*): seen in the answers of any check. */
export const ANSWER_FAULTS = {
  // --- handler survivors of the first mutation sample (sandbox/services/kit/outbox.ts, tax/eligibility.ts) ---
  'payload-amount-rescaled': {
    part: 'services', breaks: 'Command payloads store amounts in nano-units ("1" becomes "1000000000"): the request\'s value is mis-scaled before the ledger.',
    checks: ['INT-PAYLOAD-EXACT'], rules: ['MAP-1'],
  },
  'eligibility-ignores-balance': {
    part: 'services', breaks: '#39 calls an account with a zero balance eligible for velocity tax.',
    checks: ['INT-TAX-ELIGIBILITY'], rules: ['TAX-1'],
  },
  'approver-group-edge-refused': {
    part: 'services', breaks: '#11 refuses a rule whose approverGroup has exactly requiredApprovers members (an off-by-one guard: `<=` for `<`).',
    checks: ['INT-DOCERR-E11'], rules: ['#11:400:approver-group-too-small'],
  },
  'eligibility-taxes-treasury': {
    part: 'services', breaks: '#39 calls the treasury account eligible for velocity tax (the reference policy exempts treasuries).',
    checks: ['INT-TAX-ELIGIBILITY'], rules: ['TAX-1'],
  },
  // --- rules the documented-error family and the state checks prove (services, workers) ---
  'self-transfer-allowed': {
    part: 'services', breaks: '#1 accepts a transfer to oneself (202) and leaves the refusal to the ledger.',
    checks: ['INT-DOCERR-E01'], rules: ['VAL-4', '#1:400:self-transfer'],
  },
  'command-skips-lookup': {
    part: 'services', breaks: '#6 and #7 do not look the wallet up first: an unknown walletId is accepted (202) and sent to the ledger.',
    checks: ['INT-DOCERR-E06', 'INT-DOCERR-E07'], rules: ['CMD-6', '#6:404:wallet-not-found', '#7:404:wallet-not-found'],
  },
  'login-ignores-deleted': {
    part: 'services', breaks: 'I1 finds deleted profiles by email, so a deleted account still logs in.',
    checks: ['INT-AUTH-STATUSES'], rules: ['ID-1'],
  },
  'idempotency-request-id-unscoped': {
    part: 'services', breaks: 'The command requestId is derived from the idempotency key alone, so a second caller\'s equal key collides with the first caller\'s row.',
    checks: ['INT-IDEMPOTENCY-SCOPE'], rules: ['IDEM-8'],
  },
  'worker-health-drift': {
    part: 'workers', breaks: 'Worker /health documents drift: queueDepth is sent as text and lastProcessedBlock as a number.',
    checks: ['INT-WORKER-ENDPOINTS'], rules: ['WRK-1', 'WRK-2'],
  },
  // --- worker HTTP servers (sandbox/workers/http.ts) ---
  'worker-metrics-prefixed': {
    part: 'workers', breaks: 'The workers export their §10 metrics under a gx_ prefix (gx_outbox_queue_depth, gx_projector_lag_ms…).',
    checks: ['INT-WORKER-ENDPOINTS'], rules: ['MET-1'],
  },
  'worker-unknown-route-text': {
    part: 'workers', breaks: 'Unknown worker routes answer a plain-text 404 instead of E1.',
    checks: ['INT-WORKER-ENDPOINTS'], rules: ['WRK-3'],
  },
  // --- per-status auth rules and idempotency scope (sandbox/services/kit, identity) ---
  'refresh-ignores-status': {
    part: 'services', breaks: 'I2 issues access tokens to SUSPENDED and CLOSED accounts (only a missing profile is refused).',
    checks: ['INT-AUTH-STATUSES'], rules: ['AUTH-6'],
  },
  'inactive-commands-accepted': {
    part: 'services', breaks: 'Commands sent with the token of a SUSPENDED, CLOSED or deleted account are accepted (202).',
    checks: ['INT-AUTH-STATUSES'], rules: ['SEC-JWT-2'],
  },
  'idempotency-global-scope': {
    part: 'services', breaks: 'Idempotency keys are scoped to the tenant only, not to the caller: another user\'s equal key collides (422) or replays.',
    checks: ['INT-IDEMPOTENCY-SCOPE'], rules: ['IDEM-3'],
  },
  // --- readiness under each unready condition (sandbox/services/kit/health.ts) ---
  'readyz-ignores-missing-projector': {
    part: 'services', breaks: '/readyz reads a missing ProjectorState row as an idle projector (ready).',
    checks: ['INT-READYZ-PROJECTOR'], rules: ['RDY-2'],
  },
  'readyz-ignores-heartbeat': {
    part: 'services', breaks: '/readyz does not look at the heartbeat age: a projector dead for an hour still reads as ready.',
    checks: ['INT-READYZ-PROJECTOR'], rules: ['RDY-2'],
  },
  'readyz-ignores-lag': {
    part: 'services', breaks: '/readyz does not compare lagMs with the threshold.',
    checks: ['INT-READYZ-PROJECTOR'], rules: ['RDY-2'],
  },
  // --- §4 edges (sandbox/services/kit/validation.ts) ---
  'integer-bounds-off-by-one': {
    part: 'services',
    breaks: 'Integer fields take min−1 and max+1 (taxRateBps 10001, evidenceSize 2147483648, age 151, requiredApprovers 0).',
    checks: ['INT-BOUNDARIES'],
    rules: ['VAL-1'],
  },
  'id-array-size-unchecked': {
    part: 'services',
    breaks: 'Id arrays (stakeholderIds, approverGroup) of any size are taken: 101 elements pass.',
    checks: ['INT-BOUNDARIES'],
    rules: ['VAL-1'],
  },
  'amount-precision-unchecked': {
    part: 'services',
    breaks: 'Amounts with 10 fraction digits or 28 integer digits are taken as they come.',
    checks: ['INT-BOUNDARIES'],
    rules: ['VAL-1'],
  },
  // --- time-based rules at their tolerance edge (sandbox/services/kit/auth.ts) ---
  'auth-nbf-present-refused': {
    part: 'services',
    breaks: 'Access tokens carrying an nbf claim are refused even when it has passed (a mutation survivor: nbf was only ever sent in the future).',
    checks: ['INT-JWT-VALID-ACCEPTED'],
    rules: ['AUTH-2'],
  },
  'auth-clock-tolerance-minutes': {
    part: 'services',
    breaks: 'Access tokens get five minutes of clock tolerance on exp and nbf instead of AUTH-2\'s 30 s (a token 32 s past exp passes).',
    checks: ['INT-JWT-EXPIRED', 'INT-JWT-NBF-FUTURE'],
    rules: ['AUTH-2'],
  },
  // --- list semantics (sandbox/services/tokenomics/wallets.ts, governance/proposals.ts) ---
  'paging-offset-ignored': {
    part: 'services',
    breaks: '#5 ignores offset: every page starts at the newest transaction.',
    checks: ['INT-LIST-MATCHES'],
    rules: ['TOK-4'],
  },
  'proposals-filter-dropped': {
    part: 'services',
    breaks: '#24 lists proposals of every status, not only ACTIVE ones.',
    checks: ['INT-LIST-MATCHES'],
  },
  'oversize-error-stack': {
    part: 'services',
    breaks: 'The 413 answer to an oversized body carries a stack trace in its message (status and envelope stay right).',
    checks: ['INT-ANSWERS-LEAKS'],
    rules: ['ERR-3'],
  },
} as const satisfies Record<string, FaultSpec>;
