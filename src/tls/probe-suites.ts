import { suitesFor } from './cipher-catalog';
import { handshake, type Endpoint, type HandshakeResult } from './handshake';
import type { AcceptedSuite, CipherInfo, EphemeralKey, ProtocolName, ProtocolState } from './types';

type Limit = <T>(task: () => Promise<T>) => Promise<T>;
type TestableProtocol = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
export const TESTABLE_PROTOCOLS: readonly TestableProtocol[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export interface ProtocolProbe {
  protocol: TestableProtocol;
  state: ProtocolState;
  suites: AcceptedSuite[];
  serverPreference: boolean | 'unknown';
  error?: string;
}

/** Errors that mean "the server refused this offer", as opposed to a network failure. */
function isRefusal(error: string): boolean {
  return /ALERT|WRONG_VERSION|NO_PROTOCOLS|UNSUPPORTED_PROTOCOL|NO_CIPHERS|NO_SHARED|ECONNRESET|VERSION_TOO_LOW|UNEXPECTED_EOF|EPROTO/i.test(error);
}

/** node passes TLS_* names to the TLS 1.3 list and the rest to the legacy list; the level must not stick to a 1.3 name. */
const cipherString = (suites: CipherInfo[]) => {
  const names = suites.map((s) => s.openssl).join(':');
  return suites.every((s) => s.minProtocol === 'TLSv1.3') ? names : `${names}:@SECLEVEL=0`;
};

/**
 * Enumerates the suites a protocol accepts by elimination: offer everything the local OpenSSL
 * knows, note what the server picks, remove it, repeat until the server refuses. With server
 * preference on, the order found is the server's order. N accepted suites cost N+1 handshakes.
 */
export async function probeProtocol(endpoint: Endpoint, protocol: TestableProtocol, catalog: CipherInfo[], limit: Limit): Promise<ProtocolProbe> {
  let remaining = suitesFor(protocol, catalog);
  const accepted: AcceptedSuite[] = [];
  let error: string | undefined;
  for (let round = 0; round < 200 && remaining.length; round += 1) {
    const result: HandshakeResult = await limit(() => handshake(endpoint, { protocol, ciphers: cipherString(remaining) }));
    if (!result.ok) {
      if (!isRefusal(result.error)) error = result.error;
      break;
    }
    if (result.protocol !== protocol) break;
    const picked = remaining.find((s) => s.iana === result.cipher.standardName || s.openssl === result.cipher.name);
    if (!picked) {
      error = `server chose ${result.cipher.standardName}, which was not offered`;
      break;
    }
    accepted.push({ ...picked, protocol, ephemeral: result.ephemeral });
    remaining = remaining.filter((s) => s !== picked);
  }
  const state: ProtocolState = accepted.length ? 'offered' : error ? 'not-testable' : 'not-offered';
  return { protocol, state, suites: accepted, serverPreference: await preference(endpoint, protocol, accepted, limit), error };
}

/** Offer the server's top two suites in reverse order: a server that enforces its order still picks its first. */
async function preference(endpoint: Endpoint, protocol: TestableProtocol, accepted: AcceptedSuite[], limit: Limit): Promise<boolean | 'unknown'> {
  if (accepted.length < 2) return 'unknown';
  const [first, second] = accepted;
  const result = await limit(() => handshake(endpoint, { protocol, ciphers: cipherString([second, first]) }));
  if (!result.ok) return 'unknown';
  return result.cipher.standardName === first.iana;
}

const GROUPS = ['X25519', 'X448', 'prime256v1', 'secp384r1', 'secp521r1', 'ffdhe2048', 'ffdhe3072', 'ffdhe4096', 'ffdhe6144', 'ffdhe8192'];

/** Key exchange groups accepted on the best protocol that has named groups (TLS 1.3, else TLS 1.2 ECDHE). */
export async function probeGroups(endpoint: Endpoint, protocols: ProtocolProbe[], limit: Limit): Promise<EphemeralKey[]> {
  const tls13 = protocols.find((p) => p.protocol === 'TLSv1.3' && p.state === 'offered');
  const tls12 = protocols.find((p) => p.protocol === 'TLSv1.2' && p.state === 'offered');
  const ecdhe12 = tls12?.suites.filter((s) => s.kx === 'ECDH') ?? [];
  if (!tls13 && !ecdhe12.length) return [];
  const protocol: ProtocolName = tls13 ? 'TLSv1.3' : 'TLSv1.2';
  const candidates = tls13 ? GROUPS : GROUPS.filter((g) => !g.startsWith('ffdhe'));
  const results = await Promise.all(candidates.map((group) => limit(() => handshake(endpoint, {
    protocol: protocol as TestableProtocol,
    groups: group,
    ciphers: tls13 ? undefined : cipherString(ecdhe12),
  }))));
  return results.flatMap((r) => (r.ok && r.ephemeral ? [r.ephemeral] : []));
}
