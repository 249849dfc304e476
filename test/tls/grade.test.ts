import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdgeCerts, EDGE_HOSTNAME, type EdgeCerts } from '../../sandbox/edge/certs';
import { RegionalEdge, type StartedEdge } from '../../sandbox/edge/regional-edge';
import type { EdgeFaultName } from '../../sandbox/faults/edge-faults';
import { gradeTls } from '../../src/tls/grade';
import type { TlsReport } from '../../src/tls/types';
import { startUpstreams } from '../edge/helpers';

let certs: EdgeCerts;
let certDir: string;
let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
let edge: StartedEdge;

/** Grades the edge through its delay proxy (north-america RTT), as a remote client would see it. */
async function gradeWith(faults: EdgeFaultName[]): Promise<TlsReport> {
  await edge.faults.set(faults);
  const port = Number(new URL(edge.httpsUrl).port);
  return gradeTls({ host: '127.0.0.1', port, servername: EDGE_HOSTNAME, caPem: certs.caPem });
}
const reasons = (report: TlsReport) => report.rating.caps.map((c) => `${c.grade}: ${c.reason}`);

beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), 'gx-tls-grade-'));
  certs = await createEdgeCerts(certDir);
  upstreams = await startUpstreams();
  edge = await new RegionalEdge({ region: 'north-america', upstreams: upstreams.urls, certs }).start();
});
afterAll(async () => {
  await edge?.stop();
  await upstreams?.closeAll();
  if (certDir) await rm(certDir, { recursive: true, force: true });
});

describe('gradeTls against a real nginx edge', () => {
  it('clean edge: A+, TLS 1.2/1.3 only, ECDHE+AEAD only, full trusted chain, within 5 s', async () => {
    const report = await gradeWith([]);
    expect(report.rating.grade).toBe('A+');
    expect(report.rating.categories).toEqual({ protocolSupport: 100, keyExchange: 90, cipherStrength: 90 });
    expect(report.rating.caps).toEqual([]);
    expect(report.rating.warnings).toEqual([]);
    expect(report.protocols).toMatchObject({ TLSv1: 'not-offered', 'TLSv1.1': 'not-offered', 'TLSv1.2': 'offered', 'TLSv1.3': 'offered', SSLv3: 'not-offered', SSLv2: 'not-offered' });
    expect(report.suites.every((s) => s.aead && s.forwardSecret)).toBe(true);
    expect(report.suites.filter((s) => s.protocol === 'TLSv1.2').map((s) => s.iana).sort()).toEqual([
      'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256']);
    expect(report.suites.filter((s) => s.protocol === 'TLSv1.3')).toHaveLength(3);
    expect(report.serverCipherPreference).toBe(true);
    expect(report.groups.map((g) => g.name).sort()).toEqual(['X25519', 'prime256v1', 'secp384r1']);
    expect(report.chain).toMatchObject({ trusted: true, nameMatches: true, expired: false, chainComplete: true, trustStore: 'profile-ca' });
    expect(report.chain.certificates.map((c) => [c.keyType, c.keyBits, c.signatureAlgorithm])).toEqual([['RSA', 2048, 'ecdsa-with-SHA256'], ['EC', 256, 'ecdsa-with-SHA256']]);
    expect(report).toMatchObject({ secureRenegotiation: true, compression: false, ocspStapling: false });
    expect(report.hsts).toMatchObject({ present: true, maxAge: 63072000, includeSubDomains: true, preload: true, count: 1 });
    expect(report.alpn).toBe('h2');
    expect(report.errors).toEqual([]);
    expect(report.durationMs).toBeLessThan(5000);
  });

  it('edge-tls10 → B with the cap reason', async () => {
    const report = await gradeWith(['edge-tls10']);
    expect(report.rating.grade).toBe('B');
    expect(reasons(report)).toEqual(expect.arrayContaining(['B: TLS 1.0 is offered', 'B: TLS 1.1 is offered']));
    expect(report.protocols).toMatchObject({ TLSv1: 'offered', 'TLSv1.1': 'offered' });
    expect(report.rating.categories.protocolSupport).toBe(95);
    expect(report.suites.filter((s) => s.protocol === 'TLSv1').map((s) => s.iana).sort()).toEqual(['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA']);
  });

  it('edge-weak-cipher → capped at B by the 1024-bit DH key exchange, the CBC suite listed', async () => {
    const report = await gradeWith(['edge-weak-cipher']);
    expect(report.rating.grade).toBe('B');
    expect(report.rating.categories.keyExchange).toBe(80);
    expect(reasons(report).join('\n')).toMatch(/B: Key exchange score 80/);
    const dhe = report.suites.find((s) => s.iana === 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA');
    expect(dhe).toMatchObject({ protocol: 'TLSv1.2', cbc: true, ephemeral: { type: 'DH', bits: 1024 } });
  });

  it('edge-expired-cert → T (expired), A+ if trust is ignored', async () => {
    const report = await gradeWith(['edge-expired-cert']);
    expect(report.chain).toMatchObject({ expired: true, trusted: false, trustError: 'CERT_HAS_EXPIRED', nameMatches: true });
    expect(report.rating.grade).toBe('T');
    expect(report.rating.gradeTrustIgnored).toBe('A+');
    expect(report.rating.trustIssues).toContain('Certificate expired');
  });

  it('edge-wrong-name-cert → M (name mismatch), chain still trusted', async () => {
    const report = await gradeWith(['edge-wrong-name-cert']);
    expect(report.chain).toMatchObject({ nameMatches: false, trusted: true, expired: false });
    expect(report.rating.grade).toBe('M');
    expect(report.rating.trustIssues).toContain('Certificate name does not match the host name');
  });

  it('edge-no-hsts → A (not A+); edge-short-hsts → A- with the warning', async () => {
    const none = await gradeWith(['edge-no-hsts']);
    expect(none.hsts.present).toBe(false);
    expect(none.rating.grade).toBe('A');
    expect(reasons(none)).toEqual(['A: HSTS is not offered']);
    const short = await gradeWith(['edge-short-hsts']);
    expect(short.hsts.maxAge).toBe(86400);
    expect(short.rating.grade).toBe('A-');
    expect(short.rating.warnings).toEqual(['HSTS max-age 86400 s is below 180 days']);
  });

  it('without the profile CA the chain is untrusted against the system store → T', async () => {
    await edge.faults.set([]);
    const report = await gradeTls({ host: '127.0.0.1', port: edge.ports.https, servername: EDGE_HOSTNAME });
    expect(report.chain.trustStore).toBe('system');
    expect(report.chain.trusted).toBe(false);
    expect(report.rating.grade).toBe('T');
  });
});
