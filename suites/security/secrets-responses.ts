import { defineCheck } from '../../src/checks/define';
import { scanText, type SecretFinding } from '../../src/secrets/index';
import { exposedEndpoints, queryResponses } from './support/responses';
import { secretOutcome } from './support/secret-findings';
import { exampleItems } from '../../src/fixtures/uses';

/**
 * SEC-SECRETS-RESPONSES (RESP-1, AUTH-4, SEC-4): the answers of every query endpoint (headers and
 * body) carry no secret: no profile secret value, no key or credential secretlint knows, no
 * password hash. I1's own access and refresh tokens are allowed (RESP-1).
 */

export const secretsResponsesCheck = defineCheck({
  id: 'SEC-SECRETS-RESPONSES',
  layer: 'security',
  title: 'HTTP answers carry no secrets, credentials or password hashes',
  criteria: ['SEC-4', 'SEC-2'],
  needs: ['fixtures'],
  fixtureItems: exampleItems(exposedEndpoints()),
  async run(ctx) {
    const responses = await queryResponses(ctx);
    const findings: SecretFinding[] = [];
    for (const { endpoint, reply } of responses) {
      const headers = Object.entries(reply.headers).flatMap(([k, vs]) => vs.map((v) => `${k}: ${v}`));
      const text = [`HTTP ${reply.status}`, ...headers, '', reply.text].join('\n');
      findings.push(...(await scanText(text, `response ${endpoint.id} ${endpoint.method} ${endpoint.path}`, { known: ctx.target.secrets })));
    }
    return secretOutcome(findings, `${responses.length} responses`, { responses: responses.length }, { rule: 'RESP-1', component: 'service' });
  },
});
