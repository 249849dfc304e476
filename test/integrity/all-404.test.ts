import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckDef } from '../../src/checks/define';
import type { CheckResult } from '../../src/evidence/types';
import { mintAuthProvider } from '../../src/profile/auth';
import type { RegionTarget, Target } from '../../src/profile/target';
import { runChecks } from '../../src/run/runner';
import { checks as integrationChecks } from '../../suites/integration/index';
import { checks as securityChecks } from '../../suites/security/index';
import { syntheticWorld } from '../catalog/world';
import { TEST_SECRET, testTarget } from '../run/fixture-target';

/**
 * A target where nothing is routed: a local server answering nginx's own HTML 404 page to every
 * request. Through the real runner, no check of any family passes on it: each says it could not
 * exercise its rule (error), or — through an edge — is blocked by the routing root cause.
 */
const NGINX_404 = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

let server: Server;
let base: string;
let dir: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(404, { 'content-type': 'text/html', server: 'nginx' });
      res.end(NGINX_404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  dir = await mkdtemp(path.join(tmpdir(), 'gxv-all404-'));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function target(region: RegionTarget, timeouts = { requestMs: 2000, checkMs: 20_000 }): Target {
  return testTarget({
    regions: [region],
    auth: mintAuthProvider({ secret: TEST_SECRET, algorithm: 'HS256', issuer: 'gx-identity-service', audience: 'gx-api' }),
    allowWrites: true,
    // Nothing listens there: RT-WRITE-PATH never reaches it (its command is not accepted); the round
    // trips behind it fail on it, which their prerequisite explains (blocked).
    database: { url: 'postgres://gxv@127.0.0.1:9/none' },
    // The ledger need met without fabric/workers sections: the round trips run and meet the 404s.
    workersExternal: true,
    timeouts,
    concurrency: 8,
    cors: { allowedOrigins: ['https://app.example.test'] },
  });
}

async function run(defs: readonly CheckDef[], t: Target): Promise<CheckResult[]> {
  return (await runChecks(defs, { runId: `all404-${Date.now()}`, target: t, fixtures: syntheticWorld(), artifactsDir: dir })).results;
}

const byFamily = (ids: RegExp) => [...integrationChecks, ...securityChecks].filter((c) => ids.test(c.id));
const FAMILIES: [string, RegExp][] = [
  ['contract', /^INT-(CONTRACT-(I5|E01|E24)|ERRORS-(I5|E03)|UNKNOWN-ROUTE|MALFORMED-JSON|CONTENT-TYPE|INFRA-(HEALTH|LIVEZ|READYZ))$/],
  ['jwt', /^INT-JWT-(NO-HEADER|EXPIRED|VALID-ACCEPTED|ACCESS-AT-REFRESH|REVOKED-REFRESH)$/],
  ['authz', /^INT-AUTHZ-/],
  ['validation', /^INT-(VALIDATION-FUZZ|ERROR-LEAK)$/],
  ['idempotency', /^INT-IDEMPOTENCY-(CONFLICT|KEY-FORMAT)$/],
  ['database (HTTP)', /^INT-DB-POOL$/],
  ['security', /^SEC-(HEADERS|CORS|DATA-EXPOSURE|SECRETS-RESPONSES)$/],
  ['documented errors, boundaries, account states', /^INT-(DOCERR-(I5|E03)|BOUNDARIES|AUTH-STATUSES|TAX-ELIGIBILITY)$/],
  ['round trip', /^RT-(WRITE-PATH|CMD-CREATE_USER|CMD-TRANSFER_TOKENS|STATUS-AGREEMENT)$/],
  ['HTTP conventions', /^INT-(HTTP-GET-FORMS|ERR-ORDER|NUMBER-LITERAL|SVC-OWN-ROUTES)$/],
];

describe('an all-404 target (nginx pages straight on the service URLs)', () => {
  const direct: RegionTarget = { name: 'local', serviceUrl: (s) => `${base}/${s}`, edgeUrl: null, ca: null, connectTo: null };

  it.each(FAMILIES)('%s: every check is error "could not exercise" (or blocked by one that is), none passes', async (_family, ids) => {
    const defs = byFamily(ids);
    expect(defs.length).toBeGreaterThan(0);
    const results = await run(defs, target(direct));
    const byId = new Map(results.map((r) => [r.id, r]));
    for (const r of results) {
      expect(['error', 'blocked'], `${r.id}: ${r.message}`).toContain(r.status);
      expect(r.message, r.id).toMatch(/could not exercise: 0 of \d+ exchange\(s\) could be judged .*edge HTML 404 page/);
      if (r.status === 'error') expect(r.observed?.judged, `${r.id}: ${r.message}`).toBe(0);
      for (const root of r.blockedBy ?? []) expect(byId.get(root)?.status, `${r.id} blocked by ${root}`).toBe('error');
    }
  }, 60_000);
});

describe('attribution', () => {
  it('SEC-ERROR-LEAK blames the proxy\'s own HTML pages on the edge, never on the endpoints it was probing', async () => {
    const direct: RegionTarget = { name: 'local', serviceUrl: (s) => `${base}/${s}`, edgeUrl: null, ca: null, connectTo: null };
    const [r] = await run(byFamily(/^SEC-ERROR-LEAK$/), target(direct));
    // The page breaks ERR-1 (E1 everywhere, the edge included): a true finding, once per kind of page.
    expect(r.status, r.message).toBe('fail');
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'ERR-1', endpoint: 'edge', component: 'edge' })]);
    expect(r.findings?.[0].text).toMatch(/the edge's 404 answer shows an HTML page/);
    expect(r.observed?.judged).toBe(0);
  }, 60_000);
});

describe('the same target as an edge that routes nothing', () => {
  const edge = (): RegionTarget => ({ name: 'asia', serviceUrl: (s) => `${base}/${s}`, edgeUrl: base, ca: null, connectTo: null });

  it('fails the routing checks once, with findings on the edge; every dependant is blocked by them', async () => {
    const defs = byFamily(/^(INT-EDGE-ROUTING|SEC-EDGE-ROUTES|SEC-EDGE-CLOSED-PATHS|INT-CONTRACT-I5|INT-JWT-NO-HEADER|INT-UNKNOWN-ROUTE|SEC-HEADERS|SEC-CORS|SEC-DATA-EXPOSURE)$/);
    const results = new Map((await run(defs, target(edge(), { requestMs: 2000, checkMs: 30_000 }))).map((r) => [r.id, r]));
    const root = results.get('SEC-EDGE-ROUTES-asia')!;
    expect(root.status, root.message).toBe('fail');
    expect(root.findings?.length).toBe(7);
    expect(root.findings?.every((f) => f.rule === 'EDGE-5' && f.component === 'edge' && f.endpoint === 'edge')).toBe(true);
    // The integration layer's own routing check is blocked by the security one: one red line per region.
    expect(results.get('INT-EDGE-ROUTING-asia')).toMatchObject({ status: 'blocked', blockedBy: ['SEC-EDGE-ROUTES-asia'] });
    for (const [id, r] of results) {
      if (id === 'SEC-EDGE-ROUTES-asia' || id === 'INT-EDGE-ROUTING-asia') continue;
      expect(r.status, `${id}: ${r.message}`).toBe('blocked');
      expect(r.blockedBy, id).toEqual(['SEC-EDGE-ROUTES-asia']);
    }
  }, 90_000);
});
