import { createHash, X509Certificate } from 'node:crypto';
import tls from 'node:tls';

/**
 * Verifies a server's certificate chain and name the way Node does (public roots plus the
 * profile's CA), then returns the SHA-256 of its public key. The browser and Playwright's request
 * context cannot be given the profile's CA; they are told to trust exactly this verified key
 * (Chromium's --ignore-certificate-errors-spki-list), nothing else. TLS itself is graded by the
 * security layer; here it only must not be bypassed.
 */
export async function verifiedServerKey(url: string, opts: { ca?: string | null; connectTo?: string | null; timeoutMs: number }): Promise<string> {
  const target = new URL(url);
  const [host, port] = opts.connectTo ? splitHostPort(opts.connectTo) : [target.hostname, target.port || '443'];
  const servername = /^[\d.]+$|:/.test(target.hostname) ? undefined : target.hostname;
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host, port: Number(port), servername, ca: opts.ca ? [...tls.rootCertificates, opts.ca] : undefined,
      checkServerIdentity: (_name, cert) => tls.checkServerIdentity(target.hostname.replace(/^\[|\]$/g, ''), cert),
      timeout: opts.timeoutMs, ALPNProtocols: ['http/1.1'],
    });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      socket.destroy();
      if (!socket.authorized) return reject(new Error(`${url}: certificate not trusted: ${String(socket.authorizationError)}`));
      const spki = new X509Certificate(cert.raw).publicKey.export({ type: 'spki', format: 'der' });
      resolve(createHash('sha256').update(spki).digest('base64'));
    });
    socket.once('timeout', () => { socket.destroy(); reject(new Error(`${url}: TLS handshake timed out`)); });
    socket.once('error', (err) => reject(new Error(`${url}: ${err.message}`)));
  });
}

export function splitHostPort(value: string): [string, string] {
  const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(value);
  if (!m) throw new Error(`expected host:port, got ${value}`);
  return [m[1], m[2]];
}
