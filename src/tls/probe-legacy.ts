import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { Endpoint } from './handshake';
import { withDistance } from '../clients/agents';

/**
 * SSL 2.0 and 3.0 cannot be spoken by node:tls or this OpenSSL 3 build, so they are probed with
 * hand-built ClientHellos over a raw socket: the server either answers with a ServerHello of that
 * version (offered) or with an alert / a close / a newer version (not offered). Only the hello is
 * exchanged; no handshake is completed.
 */

export interface LegacyProbe {
  state: 'offered' | 'not-offered' | 'not-testable';
  /** Code point of the suite the server picked (SSL 3.0 only). */
  cipherCode?: number;
  error?: string;
}

// Classic SSL 3.0 suites (RSA, DHE, ECDHE with AES/3DES/RC4/DES) plus the renegotiation SCSV.
const SSL3_SUITES = [0xc014, 0xc013, 0xc00a, 0xc009, 0x0039, 0x0033, 0x0035, 0x002f, 0x000a, 0x0016, 0x0013, 0x0005, 0x0004, 0x0009, 0x0015, 0x0012, 0x0003, 0x0008, 0x0006, 0x0014, 0x0011, 0x00ff];

export function ssl3ClientHello(): Buffer {
  const suites = Buffer.alloc(SSL3_SUITES.length * 2);
  SSL3_SUITES.forEach((code, i) => suites.writeUInt16BE(code, i * 2));
  const body = Buffer.concat([
    Buffer.from([0x03, 0x00]), randomBytes(32), Buffer.from([0x00]),
    Buffer.from([suites.length >> 8, suites.length & 0xff]), suites,
    Buffer.from([0x01, 0x00]),
  ]);
  const handshake = Buffer.concat([Buffer.from([0x01, 0x00, body.length >> 8, body.length & 0xff]), body]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x00, handshake.length >> 8, handshake.length & 0xff]), handshake]);
}

// SSL 2.0 cipher specs: RC4, RC2, IDEA, DES, 3DES (with their export variants).
const SSL2_SPECS = [0x010080, 0x020080, 0x030080, 0x040080, 0x050080, 0x060040, 0x0700c0];

export function ssl2ClientHello(): Buffer {
  const specs = Buffer.alloc(SSL2_SPECS.length * 3);
  SSL2_SPECS.forEach((spec, i) => specs.writeUIntBE(spec, i * 3, 3));
  const challenge = randomBytes(16);
  const body = Buffer.concat([
    Buffer.from([0x01, 0x00, 0x02, specs.length >> 8, specs.length & 0xff, 0x00, 0x00, 0x00, challenge.length]),
    specs, challenge,
  ]);
  return Buffer.concat([Buffer.from([0x80 | (body.length >> 8), body.length & 0xff]), body]);
}

/** Reads the first reply bytes and decides. */
export function judgeSsl3Reply(reply: Buffer): LegacyProbe {
  // Record: type 0x16 handshake, version 3.0; handshake type 2 (ServerHello) with server_version 3.0.
  if (reply.length >= 11 && reply[0] === 0x16 && reply[5] === 0x02 && reply[9] === 0x03 && reply[10] === 0x00) {
    const sessionIdLength = reply[43];
    const offset = 44 + (sessionIdLength ?? 0);
    return { state: 'offered', cipherCode: reply.length >= offset + 2 ? reply.readUInt16BE(offset) : undefined };
  }
  return { state: 'not-offered' };
}

export function judgeSsl2Reply(reply: Buffer): LegacyProbe {
  // SSLv2 record with the 2-byte header (high bit set) carrying SERVER-HELLO (message type 4).
  return { state: reply.length >= 3 && (reply[0] & 0x80) !== 0 && reply[2] === 0x04 ? 'offered' : 'not-offered' };
}

function exchange(endpoint: Endpoint, hello: Buffer, timeoutMs: number): Promise<Buffer | Error> {
  return new Promise((resolve) => {
    const socket = connect({ host: endpoint.host, port: endpoint.port });
    const chunks: Buffer[] = [];
    const done = (value: Buffer | Error) => { clearTimeout(timer); socket.destroy(); resolve(value); };
    const timer = setTimeout(() => done(Buffer.concat(chunks)), withDistance(timeoutMs));
    socket.on('connect', () => socket.write(hello));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).length >= 128) done(Buffer.concat(chunks));
    });
    socket.on('end', () => done(Buffer.concat(chunks)));
    socket.on('error', (error) => done(chunks.length ? Buffer.concat(chunks) : error));
  });
}

export async function probeLegacy(endpoint: Endpoint, version: 'SSLv2' | 'SSLv3', timeoutMs = 3000): Promise<LegacyProbe> {
  const reply = await exchange(endpoint, version === 'SSLv2' ? ssl2ClientHello() : ssl3ClientHello(), timeoutMs);
  if (reply instanceof Error) {
    // A reset right after the hello is a refusal; failing to connect at all proves nothing.
    const code = (reply as NodeJS.ErrnoException).code;
    return code === 'ECONNRESET' || code === 'EPIPE' ? { state: 'not-offered' } : { state: 'not-testable', error: code ?? reply.message };
  }
  return version === 'SSLv2' ? judgeSsl2Reply(reply) : judgeSsl3Reply(reply);
}

// --- TLS compression (CRIME): this OpenSSL build has no zlib, so s_client cannot offer DEFLATE; a raw hello can. ---

const TLS12_SUITES = [0xc02f, 0xc030, 0xc02b, 0xc02c, 0xcca8, 0xcca9, 0xc013, 0xc014, 0xc009, 0xc00a, 0x009e, 0x009f, 0x0033, 0x0039, 0x009c, 0x009d, 0x002f, 0x0035, 0x00ff];

function extension(type: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type >> 8, type & 0xff, data.length >> 8, data.length & 0xff]), data]);
}
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const list16 = (values: number[]) => Buffer.concat([u16(values.length * 2), ...values.map(u16)]);

/** A TLS 1.2 ClientHello offering DEFLATE (1) before null (0) compression. */
export function compressionClientHello(servername: string): Buffer {
  const name = Buffer.from(servername);
  const extensions = Buffer.concat([
    extension(0x0000, Buffer.concat([u16(name.length + 3), Buffer.from([0x00]), u16(name.length), name])),
    extension(0x000a, list16([0x001d, 0x0017, 0x0018])),
    extension(0x000b, Buffer.from([0x01, 0x00])),
    extension(0x000d, list16([0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0603])),
    extension(0xff01, Buffer.from([0x00])),
  ]);
  const suites = list16(TLS12_SUITES);
  const body = Buffer.concat([
    Buffer.from([0x03, 0x03]), randomBytes(32), Buffer.from([0x00]), suites,
    Buffer.from([0x02, 0x01, 0x00]), u16(extensions.length), extensions,
  ]);
  const handshake = Buffer.concat([Buffer.from([0x01, 0x00]), u16(body.length), body]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x01]), u16(handshake.length), handshake]);
}

/** The compression method in a ServerHello, or undefined when the reply is not a ServerHello. */
export function serverHelloCompression(reply: Buffer): number | undefined {
  if (reply.length < 44 || reply[0] !== 0x16 || reply[5] !== 0x02) return undefined;
  const offset = 44 + reply[43] + 2;
  return reply.length > offset ? reply[offset] : undefined;
}

export async function probeCompression(endpoint: Endpoint, timeoutMs = 3000): Promise<boolean | 'unknown'> {
  const reply = await exchange(endpoint, compressionClientHello(endpoint.servername), timeoutMs);
  if (reply instanceof Error) return 'unknown';
  const method = serverHelloCompression(reply);
  return method === undefined ? 'unknown' : method !== 0;
}
