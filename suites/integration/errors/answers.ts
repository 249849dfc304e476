import { definePassiveCheck } from '../../../src/inspect/inspector';
import { envelopeRule, leakRule } from '../../../src/inspect/error-answers';

/**
 * The run's error answers, every one of them, whichever check provoked it: a 413 from the
 * oversize probe, a 401 from the JWT matrix, a 500 a fuzz case caused, an edge's 404. Passive:
 * they send nothing and run once the other checks are done.
 */
export const errorEnvelopeCheck = definePassiveCheck({
  id: 'INT-ANSWERS-E1',
  layer: 'integration',
  title: 'Every error answer of the run is the E1 envelope (never HTML or another shape)',
  criteria: ['IT-API-4'],
  rules: ['ERR-1', 'ERR-2'],
  rule: envelopeRule,
  noun: 'error answers',
});

export const errorLeakAnswersCheck = definePassiveCheck({
  id: 'INT-ANSWERS-LEAKS',
  layer: 'integration',
  title: 'No error answer of the run shows stack traces, SQL, driver text, paths, hosts, tokens or secrets',
  criteria: ['IT-API-4', 'SEC-4', 'SEC-2'],
  rules: ['ERR-3'],
  rule: leakRule,
  noun: 'error answers',
});
