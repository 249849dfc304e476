import { connect, type DetailedPeerCertificate, type SecureVersion, type TLSSocket } from 'node:tls';
import type { EphemeralKey, ProtocolName } from './types';
import { withDistance } from '../clients/agents';

export interface Endpoint {
  host: string;
  port: number;
  servername: string;
  /** Trusted roots (PEM); the system store when absent. */
  caPem?: string;
}

export interface HandshakeOptions {
  protocol?: Exclude<ProtocolName, 'SSLv2' | 'SSLv3'>;
  /** OpenSSL cipher string (TLS 1.3 suites by their TLS_ names). */
  ciphers?: string;
  /** Group list for the key exchange (ECDHE curves, ffdhe groups). */
  groups?: string;
  alpn?: string[];
  timeoutMs?: number;
  /** Keep the socket open and hand it to `use` (e.g. to send an HTTP request). */
  use?: (socket: TLSSocket) => Promise<void>;
}

export type HandshakeResult =
  | { ok: true; protocol: string; cipher: { name: string; standardName: string }; ephemeral?: EphemeralKey; chainDer: Buffer[]; authorized: boolean; authorizationError?: string; alpn?: string }
  | { ok: false; error: string };

/** Walks node's issuer links: the certificates as received (node may append a trusted root it found itself). */
function chainOf(socket: TLSSocket): Buffer[] {
  const out: Buffer[] = [];
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    out.push(cert.raw);
    cert = cert.issuerCertificate;
  }
  return out;
}

/** One TLS handshake with node:tls; verification is recorded, never enforced, so every server can be graded. */
export function handshake(endpoint: Endpoint, options: HandshakeOptions = {}): Promise<HandshakeResult> {
  return new Promise((resolve) => {
    const version = options.protocol as SecureVersion | undefined;
    const socket = connect({
      host: endpoint.host,
      port: endpoint.port,
      servername: endpoint.servername,
      ca: endpoint.caPem,
      rejectUnauthorized: false,
      minVersion: version ?? 'TLSv1',
      maxVersion: version ?? 'TLSv1.3',
      ciphers: options.ciphers ?? 'ALL:COMPLEMENTOFALL@SECLEVEL=0',
      ecdhCurve: options.groups,
      ALPNProtocols: options.alpn,
      // The server's DH size is recorded, not judged here.
      minDHSize: 1,
      session: undefined,
    });
    let settled = false;
    const finish = (result: HandshakeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, error: 'timeout' }), withDistance(options.timeoutMs ?? 4000));
    socket.once('error', (error) => finish({ ok: false, error: (error as NodeJS.ErrnoException).code ?? error.message }));
    socket.once('secureConnect', async () => {
      const info = socket.getEphemeralKeyInfo() as { type?: string; name?: string; size?: number } | null;
      const ephemeral: EphemeralKey | undefined = info?.type === 'ECDH' || info?.type === 'DH'
        ? { type: info.type, name: info.name, bits: info.size ?? 0 }
        : undefined;
      const cipher = socket.getCipher();
      const result: HandshakeResult = {
        ok: true,
        protocol: socket.getProtocol() ?? 'unknown',
        cipher: { name: cipher.name, standardName: cipher.standardName },
        ephemeral,
        chainDer: chainOf(socket),
        authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : undefined,
        alpn: socket.alpnProtocol || undefined,
      };
      if (options.use) await options.use(socket).catch(() => undefined);
      finish(result);
    });
  });
}
