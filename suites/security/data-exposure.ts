import { defineCheck } from '../../src/checks/define';
import { findForbiddenKeys } from '../../src/catalog/dtos';
import type { EvidenceItem } from '../../src/evidence/types';
import { maskSecret } from '../../src/secrets/index';
import { Findings } from './support/findings';
import { exposedEndpoints, queryResponses } from './support/responses';
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
  fixtureItems: exampleItems(exposedEndpoints()),
  async run(ctx) {
    const responses = await queryResponses(ctx);
    const findings = new Findings();
    let ok = 0;
    for (const { endpoint, reply } of responses) {
      const keys = findForbiddenKeys(reply.json);
      if (keys.length) findings.add(`${endpoint.id} ${endpoint.method} ${endpoint.path} exposes ${keys.join(', ')}`, masked(reply.evidence));
      if (reply.status === endpoint.success.status) {
        ok++;
      } else {
        findings.add(`${endpoint.id}: the example answered ${reply.status}, not ${endpoint.success.status}, so its data could not be inspected`, reply.evidence);
      }
      if (keys.length === 0) findings.sample(reply.evidence);
    }
    Object.assign(findings.measurements, { endpoints: responses.length, inspected: ok });
    return findings.finish(`${ok} query answers carried no forbidden property`, 'no passwordHash or biometricHash anywhere in a response (RESP-1)');
  },
});
