import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CipherInfo, ProtocolName } from './types';

const run = promisify(execFile);
const TLS13_SUITES = 'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256';

/** One line of `openssl ciphers -V -stdname`: `0xC0,0x2F - IANA - OPENSSL TLSv1.2 Kx=.. Au=.. Enc=..(bits) Mac=..`. */
export function parseCipherLine(line: string): CipherInfo | undefined {
  const match = /^\s*0x([0-9A-F]{2}),0x([0-9A-F]{2})\s+-\s+(\S+)\s+-\s+(\S+)\s+(\S+)\s+Kx=(\S+)\s+Au=(\S+)\s+Enc=(\S+)\s+Mac=(\S+)/i.exec(line);
  if (!match) return undefined;
  const [, hi, lo, iana, openssl, proto, kx, au, enc, mac] = match;
  const bits = enc === 'None' ? 0 : Number(/\((\d+)\)/.exec(enc)?.[1] ?? 0);
  const tls13 = proto === 'TLSv1.3';
  const anonymous = au === 'None';
  return {
    iana, openssl, code: parseInt(hi + lo, 16),
    minProtocol: (proto === 'SSLv3' ? 'SSLv3' : proto) as ProtocolName,
    kx, au, enc, bits, mac,
    aead: mac === 'AEAD',
    cbc: mac !== 'AEAD' && enc !== 'None' && !/RC4|CHACHA/i.test(enc),
    forwardSecret: tls13 || /^(ECDH|DH|ECDHEPSK|DHEPSK)$/.test(kx),
    anonymous,
    export: /EXP/i.test(openssl),
    rc4: /RC4/i.test(enc),
    tripleDes: /3DES/i.test(enc),
  };
}

let cached: Promise<CipherInfo[]> | undefined;

/** Every suite the local OpenSSL knows (security level 0, so weak ones are included). PSK/SRP suites are left out: they need credentials. */
export function localCipherCatalog(): Promise<CipherInfo[]> {
  cached ??= run('openssl', ['ciphers', '-V', '-stdname', '-ciphersuites', TLS13_SUITES, 'ALL:COMPLEMENTOFALL@SECLEVEL=0'], { timeout: 10_000 })
    .then(({ stdout }) => stdout.split('\n').map(parseCipherLine).filter((c): c is CipherInfo => !!c)
      .filter((c) => !/PSK|SRP/.test(c.kx) && !/PSK|SRP/.test(c.au)));
  return cached;
}

/** Suites usable with `protocol`: TLS 1.3 has its own; TLS 1.2 takes all older ones; 1.0/1.1 exclude the 1.2-only ones. */
export function suitesFor(protocol: ProtocolName, catalog: CipherInfo[]): CipherInfo[] {
  if (protocol === 'TLSv1.3') return catalog.filter((c) => c.minProtocol === 'TLSv1.3');
  if (protocol === 'TLSv1.2') return catalog.filter((c) => c.minProtocol !== 'TLSv1.3');
  return catalog.filter((c) => c.minProtocol === 'TLSv1' || c.minProtocol === 'SSLv3');
}
