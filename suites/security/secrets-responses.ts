import { defineCheck } from '../../src/checks/define';
import { scanText, type SecretFinding } from '../../src/secrets/index';
import { SEC_ROUTED } from '../integration/support/routing';
import { exposedEndpoints, INSPECTED_AT_LEAST, queryResponses } from './support/responses';
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
  rules: ['RESP-1'],
  dependsOn: SEC_ROUTED,
  // Scanning 404 pages of another path says nothing about what the routes return.
  minJudged: INSPECTED_AT_LEAST,
  fixtureItems: exampleItems(exposedEndpoints()),
  async run(ctx) {
    const responses = await queryResponses(ctx);
    const found: SecretFinding[] = [];
    const byLabel = new Map<string, string>();
    let scanned = 0;
    for (const { endpoint, reply, answer } of responses) {
      if (!reply || !answer.expected) { ctx.observe.unusable(answer.kind); continue; }
      ctx.observe.judged();
      scanned++;
      const headers = Object.entries(reply.headers).flatMap(([k, vs]) => vs.map((v) => `${k}: ${v}`));
      const text = [`HTTP ${reply.status}`, ...headers, '', reply.text].join('\n');
      const label = `response ${endpoint.id} ${endpoint.method} ${endpoint.path}`;
      byLabel.set(label, endpoint.id);
      found.push(...(await scanText(text, label, { known: ctx.target.secrets })));
    }
    return secretOutcome(found, `${scanned} route answers`, { responses: responses.length, scanned },
      { rule: 'RESP-1', component: 'service', endpoint: (f) => byLabel.get(f.source) ?? null });
  },
});
