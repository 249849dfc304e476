/**
 * gx-verify's public API for people who write their own checks (`import { defineCheck } from
 * 'gx-verify'`): a check is a plain object; the runner gives it the target, fixtures, findings and
 * time limits, and turns its outcome into evidence for the criteria it names. Load your modules
 * with `run --check-modules <file,...>` or the profile's `checkModules`; they run beside the
 * built-in layers, in the same runner and reports. See fixtures/examples/ for a complete one.
 */
export { CheckFailure, defineCheck, pass, skip } from './checks/define';
export type { CheckContext, CheckDef, CheckOutcome, Need } from './checks/define';
export type { CheckResult, Component, EvidenceItem, Finding, Layer, Measurement } from './evidence/types';
export { send as sendHttp } from './clients/http';
export type { HttpExchange, HttpRequest } from './clients/http';
export { CRITERION_IDS } from './criteria/registry';
export { CONTRACT_RULES } from './rules/index';
