import { analyseChain } from './certificate';
import { localCipherCatalog } from './cipher-catalog';
import { handshake, type Endpoint } from './handshake';
import { createLimiter } from './limiter';
import { probeHsts, probeSessionExtras } from './probe-extras';
import { probeCompression, probeLegacy } from './probe-legacy';
import { probeGroups, probeProtocol, TESTABLE_PROTOCOLS } from './probe-suites';
import { rate } from './rating';
import type { ChainFindings, ProtocolName, ProtocolState, TlsReport } from './types';

export interface GradeTlsOptions extends Endpoint {
  /** Concurrent handshakes (default 6). */
  concurrency?: number;
  /** Path fetched for the HSTS header (default `/`). */
  hstsPath?: string;
}

/**
 * Probes what a TLS server really negotiates and grades it with the SSL Labs rules (rating.ts).
 * Only the given host:port is contacted. SSL 2.0/3.0 are probed with raw hellos (probe-legacy.ts)
 * because neither node:tls nor the local OpenSSL 3 build can send them.
 */
export async function gradeTls(options: GradeTlsOptions): Promise<TlsReport> {
  const started = Date.now();
  const endpoint: Endpoint = { host: options.host, port: options.port, servername: options.servername, caPem: options.caPem };
  const limit = createLimiter(options.concurrency ?? 6);
  const errors: string[] = [];
  const catalog = await localCipherCatalog();

  const first = await limit(() => handshake(endpoint, { alpn: ['h2', 'http/1.1'] }));
  if (!first.ok) throw new Error(`No TLS handshake with ${options.host}:${options.port} (${first.error})`);

  const [probes, hsts, ssl2, ssl3] = await Promise.all([
    Promise.all(TESTABLE_PROTOCOLS.map((protocol) => probeProtocol(endpoint, protocol, catalog, limit))),
    probeHsts(endpoint, options.hstsPath ?? '/'),
    limit(() => probeLegacy(endpoint, 'SSLv2')),
    limit(() => probeLegacy(endpoint, 'SSLv3')),
  ]);
  const tls12 = probes.find((p) => p.protocol === 'TLSv1.2')?.state === 'offered';
  const [groups, extras, compression] = await Promise.all([
    probeGroups(endpoint, probes, limit),
    limit(() => probeSessionExtras(endpoint, tls12)),
    tls12 ? limit(() => probeCompression(endpoint)) : Promise.resolve(false as const),
  ]);
  if (compression === 'unknown') errors.push('compression: no ServerHello to a TLS 1.2 hello offering DEFLATE');

  const protocols = { SSLv2: ssl2.state, SSLv3: ssl3.state } as Record<ProtocolName, ProtocolState>;
  if (ssl2.error) errors.push(`SSLv2: ${ssl2.error}`);
  if (ssl3.error) errors.push(`SSLv3: ${ssl3.error}`);
  for (const probe of probes) {
    protocols[probe.protocol] = probe.state;
    if (probe.error) errors.push(`${probe.protocol}: ${probe.error}`);
  }
  if (extras.error) errors.push(`session extras: ${extras.error}`);
  if (hsts.error) errors.push(`HSTS: ${hsts.error}`);

  // node folds the host name check into authorizationError; the name is judged separately (M, not T).
  const verifyError = first.authorizationError && !/ALTNAME|hostname/i.test(first.authorizationError) ? first.authorizationError : undefined;
  const chain: ChainFindings = analyseChain(first.chainDer, options.servername, options.caPem, verifyError);
  // For SSL 3.0 only the suite the server picked from a raw hello is known.
  const ssl3Suite = catalog.find((c) => c.code === ssl3.cipherCode);
  const suites = [...(ssl3Suite ? [{ ...ssl3Suite, protocol: 'SSLv3' as const }] : []), ...probes.flatMap((p) => p.suites)];
  const preferences = probes.map((p) => p.serverPreference).filter((p) => p !== 'unknown');
  const report: Omit<TlsReport, 'rating'> = {
    host: options.host,
    port: options.port,
    servername: options.servername,
    probedAt: new Date(started).toISOString(),
    durationMs: 0,
    protocols,
    suites,
    serverCipherPreference: preferences.length ? preferences.every(Boolean) : 'unknown',
    groups,
    chain,
    ocspStapling: extras.ocspStapling,
    secureRenegotiation: extras.secureRenegotiation,
    compression: compression === true,
    hsts,
    alpn: first.alpn,
    errors,
  };
  const rating = rate(report);
  return { ...report, rating, durationMs: Date.now() - started };
}
