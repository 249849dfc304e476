import type { RegionTarget, Target } from '../../src/profile/target';

/** A small target for the harness's own tests: regions with per-service URLs, mint auth. */
export const TEST_SECRET = 'jwt-secret-do-not-leak-4f9a2c71b3';

export function region(name: string, base = 'http://127.0.0.1:9', edge: string | null = null): RegionTarget {
  return { name, serviceUrl: (s) => `${base}/${s}`, edgeUrl: edge, ca: null, connectTo: null };
}

export function testTarget(overrides: Partial<Target> = {}): Target {
  return {
    profileName: 'test',
    tenantId: 'default',
    regions: [region('asia'), region('europe')],
    auth: {
      mode: 'mint', issuer: 'gx-identity-service', audience: 'gx-api', secret: TEST_SECRET, algorithm: 'HS256',
      accessToken: async () => 'unused', refreshToken: async () => 'unused',
    },
    database: null,
    fabric: null,
    kubernetes: null,
    allowWrites: false,
    allowLoad: false,
    thresholds: { p95Ms: 500, errorRate: 0.01, projectorLagMs: 100, dbQueryP95Ms: 50, commitLatencyP50Ms: 400, tlsGrade: 'A+' },
    waivers: [],
    secrets: [TEST_SECRET],
    sandboxControl: null,
    ...overrides,
  };
}

/** A loopback port with nothing listening (bound, then released). */
export async function deadPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
