import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/checks/define';
import type { Finding } from '../../src/evidence/types';
import type { RecordedExchange } from '../../src/run/exchange-log';
import { mixedContentCheck } from '../../suites/security/passive/rules';

/** SEC-PASSIVE-MIXED-CONTENT on recorded answers: links, redirects and HTML pages count; data in a JSON body does not. */
function answer(contentType: string, body: string, headers: Record<string, string[]> = {}): RecordedExchange {
  return {
    checkId: 'X', region: 'local', endpoint: null, method: 'GET', url: 'https://127.0.0.1:8443/some/page', status: 200,
    responseHeaders: { 'content-type': [contentType], ...headers }, body, bodyTruncated: false, durationMs: 1,
    evidence: { note: 'recorded', request: 'GET /some/page' },
  };
}

async function findingsOf(log: RecordedExchange[]): Promise<Finding[]> {
  const found: Finding[] = [];
  const ctx = { exchanges: () => log, findings: { add: (f: Finding) => found.push(f) }, observe: { judged: () => undefined, unusable: () => undefined } };
  await mixedContentCheck.run(ctx as unknown as CheckContext);
  return found;
}

describe('SEC-PASSIVE-MIXED-CONTENT', () => {
  it('finds a plain-http URL in a Link header and in an HTML page', async () => {
    const found = await findingsOf([
      answer('application/json', '{}', { link: ['<http://gxv-spoofed.invalid/x>; rel="self"'] }),
      answer('text/html; charset=utf-8', '<img src="http://cdn.example.invalid/logo.png">'),
    ]);
    expect(found.map((f) => f.rule)).toEqual(['EDGE-1', 'EDGE-1']);
  });

  it('leaves a plain-http URL that is data in a JSON body alone (a monitoring API listing its scrape targets)', async () => {
    const found = await findingsOf([answer('application/json', '{"activeTargets":[{"scrapeUrl":"http://127.0.0.1:3001/metrics"}]}')]);
    expect(found).toEqual([]);
  });
});
