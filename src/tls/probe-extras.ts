import { spawn } from 'node:child_process';
import type { TLSSocket } from 'node:tls';
import { handshake, type Endpoint } from './handshake';
import type { HstsFinding } from './types';
import { withDistance } from '../clients/agents';

export interface SessionExtras {
  secureRenegotiation: boolean | 'unknown';
  ocspStapling: boolean;
  error?: string;
}

/**
 * One `openssl s_client` session on TLS 1.2 (renegotiation does not exist in TLS 1.3) with an
 * OCSP status request: OpenSSL prints whether the server sent the renegotiation_info extension
 * and a stapled OCSP response. (Compression is probed with a raw hello: this build has no zlib.)
 */
export function probeSessionExtras(endpoint: Endpoint, tls12Offered: boolean, timeoutMs = 4000): Promise<SessionExtras> {
  const args = ['s_client', '-connect', `${endpoint.host}:${endpoint.port}`, '-servername', endpoint.servername, '-status'];
  if (tls12Offered) args.push('-tls1_2');
  return new Promise((resolve) => {
    const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), withDistance(timeoutMs));
    child.stdin.end();
    child.on('close', () => {
      clearTimeout(timer);
      const renegotiation = /Secure Renegotiation IS supported/.test(out) ? true : /Secure Renegotiation IS NOT supported/.test(out) ? false : 'unknown';
      const stapled = /OCSP Response Status: successful/.test(out);
      const connected = /CONNECTED/.test(out) && /Cipher is|Cipher    :/.test(out);
      resolve({
        secureRenegotiation: tls12Offered ? renegotiation : 'unknown',
        ocspStapling: stapled,
        error: connected ? undefined : 'openssl s_client did not complete a handshake',
      });
    });
  });
}

/** HSTS max-age below 180 days loses A+ (testssl's HSTS_MIN; SSL Labs: about six months). */
export const HSTS_MIN_SECONDS = 15_552_000;

export function parseHsts(values: string[]): HstsFinding {
  if (!values.length) return { present: false, count: 0, includeSubDomains: false, preload: false, malformed: false };
  const raw = values[0];
  const directives = raw.split(';').map((d) => d.trim()).filter(Boolean);
  const maxAgeDirective = directives.filter((d) => /^max-age\s*=/i.test(d));
  const maxAgeValue = maxAgeDirective[0]?.split('=')[1]?.trim().replace(/^"(.*)"$/, '$1');
  const maxAge = maxAgeValue !== undefined && /^\d+$/.test(maxAgeValue) ? Number(maxAgeValue) : undefined;
  return {
    present: true,
    raw,
    count: values.length,
    maxAge,
    includeSubDomains: directives.some((d) => /^includeSubDomains$/i.test(d)),
    preload: directives.some((d) => /^preload$/i.test(d)),
    malformed: maxAgeDirective.length !== 1 || maxAge === undefined || values.length > 1,
  };
}

/** Transport failures (no answer at all) before the HSTS probe gives up: a timeout is not an absent header. */
const HSTS_ATTEMPTS = 3;

/**
 * GET / over one TLS connection (HTTP/1.1) and read every Strict-Transport-Security header. A try
 * that got no HTTP answer (timeout, reset) is repeated: on a far or busy path it says nothing
 * about the header, and the grade would otherwise read it as "HSTS not offered".
 */
export async function probeHsts(endpoint: Endpoint, path = '/'): Promise<HstsFinding> {
  let found: HstsFinding = { ...parseHsts([]), error: 'not probed' };
  for (let attempt = 1; attempt <= HSTS_ATTEMPTS; attempt++) {
    found = await probeHstsOnce(endpoint, path);
    if (!found.error) return found;
  }
  return found;
}

async function probeHstsOnce(endpoint: Endpoint, path: string): Promise<HstsFinding> {
  let head = '';
  const use = (socket: TLSSocket) => new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n') || head.length > 65_536) resolve();
    });
    socket.on('end', () => resolve());
    socket.on('error', () => resolve());
    socket.write(`GET ${path} HTTP/1.1\r\nHost: ${endpoint.servername}\r\nUser-Agent: gx-verify-tls\r\nConnection: close\r\n\r\n`);
  });
  const result = await handshake(endpoint, { alpn: ['http/1.1'], use, timeoutMs: 5000 });
  if (!result.ok) return { ...parseHsts([]), error: result.error };
  const lines = head.split('\r\n\r\n')[0].split('\r\n');
  const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0) || undefined;
  const values = lines.slice(1).filter((l) => /^strict-transport-security\s*:/i.test(l)).map((l) => l.slice(l.indexOf(':') + 1).trim());
  return { ...parseHsts(values), status, error: status ? undefined : 'no HTTP response' };
}
