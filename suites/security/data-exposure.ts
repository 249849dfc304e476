import { defineCheck } from '../../src/checks/define';
import { findForbiddenKeys } from '../../src/catalog/dtos';
import type { EvidenceItem } from '../../src/evidence/types';
import { maskSecret } from '../../src/secrets/index';
import { Findings } from './support/findings';
import { SEC_ROUTED } from '../integration/support/routing';
import { exposedEndpoints, INSPECTED_AT_LEAST, queryResponses } from './support/responses';
import { exampleItems } from '../../src/fixtures/uses';

/**
 * SEC-DATA-EXPOSURE (RESP-1, OWASP API3 excessive data exposure): the answers of every query
 * endpoint's example (and I1) carry no password or biometric hash at any depth. Each example must
 * succeed, so that its data is really inspected.
 */

/** The exposed values themselves stay out of the evidence: only their first characters are shown. */
const masked = (e: EvidenceItem): EvidenceItem => ({
  ...e,
  response: e.response?.replace(/("(?:passwordHash|biometricHash)"\s*:\s*")([^"]*)"/g, (_, key: string, value: string) => `${key}${maskSecret(value)}"`),
});

export const dataExposureCheck = defineCheck({
  id: 'SEC-DATA-EXPOSURE',
  layer: 'security',
  title: 'Query answers expose no password hashes, biometric hashes or other forbidden properties',
  criteria: ['SEC-2', 'SEC-4'],
  needs: ['fixtures'],
  rules: ['RESP-1'],
  dependsOn: SEC_ROUTED,
  // Most of the 18 examples must have come back with their data: a handful inspected proves little.
  minJudged: INSPECTED_AT_LEAST,
  fixtureItems: exampleItems(exposedEndpoints()),
  async run(ctx) {
    const responses = await queryResponses(ctx);
    const findings = new Findings(ctx);
    for (const { endpoint, reply, answer } of responses) {
      // Only the route's own success carries its data; anything else (its errors, an edge page) could not be inspected.
      if (!reply || !answer.expected) { findings.unusable(answer.kind); continue; }
      const keys = findForbiddenKeys(reply.json);
      if (keys.length) findings.add({ rule: 'RESP-1', endpoint: endpoint.id, text: `${endpoint.id} ${endpoint.method} ${endpoint.path} exposes ${keys.join(', ')}` }, masked(reply.evidence));
      else findings.sample(reply);
      if (reply.status === endpoint.success.status) findings.judged();
      else findings.unusable(`the route answered ${reply.status}, not its ${endpoint.success.status}`);
    }
    findings.measurements.endpoints = responses.length;
    return findings.finish(`${findings.judgedSoFar} query answers carried no forbidden property`, 'no passwordHash or biometricHash anywhere in a response (RESP-1)');
  },
});
