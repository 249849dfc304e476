import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchSslLabsGrade, parseAnalyzeResponse, SslLabsError } from '../../src/tls/ssllabs';

// Hand-written in the shape of the public API v4 `analyze` Host document (no live call is ever made).
const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8'));

/** Serves recorded responses in order and records what was asked; stands in for api.ssllabs.com. */
function replay(responses: { status: number; body: unknown }[]) {
  const calls: { url: URL; email?: string }[] = [];
  const fetchImpl = (async (input: URL | string, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ url, email: (init?.headers as Record<string, string>)?.email });
    const next = responses.shift();
    if (!next) throw new Error('no more recorded responses');
    return new Response(JSON.stringify(next.body), { status: next.status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

describe('SSL Labs API v4 adapter', () => {
  it('parses a READY document; the host grade is the worst endpoint', () => {
    const result = parseAnalyzeResponse(fixture('ssllabs-ready.json'));
    expect(result.status).toBe('READY');
    expect(result.criteriaVersion).toBe('2009r');
    expect(result.endpoints.map((e) => [e.ipAddress, e.grade, e.isExceptional])).toEqual([['192.0.2.10', 'A+', true], ['192.0.2.11', 'B', false]]);
    expect(result.grade).toBe('B');
  });

  it('keeps gradeTrustIgnored and warnings for a name mismatch', () => {
    const result = parseAnalyzeResponse(fixture('ssllabs-ready-mismatch.json'));
    expect(result.grade).toBe('M');
    expect(result.endpoints[0]).toMatchObject({ gradeTrustIgnored: 'A', hasWarnings: true });
  });

  it('reports ERROR documents and invocation errors', () => {
    expect(parseAnalyzeResponse(fixture('ssllabs-dns-error.json'))).toMatchObject({ status: 'ERROR', statusMessage: 'Unable to resolve domain name', endpoints: [] });
    expect(() => parseAnalyzeResponse(fixture('ssllabs-invocation-error.json'))).toThrow(/qp.mandatory/);
    expect(() => parseAnalyzeResponse({ status: 'WHATEVER' })).toThrow(SslLabsError);
  });

  it('starts a new assessment, polls until READY, and sends the registered email', async () => {
    const { fetchImpl, calls } = replay([
      { status: 200, body: fixture('ssllabs-in-progress.json') },
      { status: 200, body: fixture('ssllabs-in-progress.json') },
      { status: 200, body: fixture('ssllabs-ready.json') },
    ]);
    const result = await fetchSslLabsGrade('www.example.org', { email: 'ops@example.org', fetchImpl, sleep: async () => {} });
    expect(result.grade).toBe('B');
    expect(calls).toHaveLength(3);
    expect(calls[0].url.pathname).toBe('/api/v4/analyze');
    expect(calls[0].url.searchParams.get('startNew')).toBe('on');
    expect(calls[1].url.searchParams.get('startNew')).toBeNull();
    expect(calls.every((c) => c.email === 'ops@example.org' && c.url.searchParams.get('host') === 'www.example.org')).toBe(true);
  });

  it('maps 441 to "not registered" and stops after maxPolls', async () => {
    await expect(fetchSslLabsGrade('www.example.org', { email: 'a@b.example', ...replay([{ status: 441, body: {} }]) })).rejects.toThrow(/not registered/);
    const stuck = replay([0, 1, 2].map(() => ({ status: 200, body: fixture('ssllabs-in-progress.json') })));
    await expect(fetchSslLabsGrade('www.example.org', { email: 'a@b.example', fetchImpl: stuck.fetchImpl, maxPolls: 2, sleep: async () => {} })).rejects.toThrow(/did not finish/);
  });

  it('uses the cache parameters when maxAgeHours is given', async () => {
    const { fetchImpl, calls } = replay([{ status: 200, body: fixture('ssllabs-ready.json') }]);
    await fetchSslLabsGrade('www.example.org', { email: 'a@b.example', fetchImpl, maxAgeHours: 24 });
    expect(calls[0].url.searchParams.get('fromCache')).toBe('on');
    expect(calls[0].url.searchParams.get('maxAge')).toBe('24');
  });
});
