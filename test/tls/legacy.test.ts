import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { compressionClientHello, judgeSsl3Reply, probeCompression, probeLegacy, serverHelloCompression, ssl2ClientHello, ssl3ClientHello } from '../../src/tls/probe-legacy';

// No SSL 2/3 server can be built with this OpenSSL, so these servers answer with hand-made
// hellos of those versions (or an alert), the way an old server would.
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function serve(reply: (hello: Buffer) => Buffer | null): Promise<number> {
  server = createServer((socket) => socket.once('data', (hello: Buffer) => {
    const answer = reply(hello);
    if (answer) socket.end(answer); else socket.destroy();
  }));
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve((server!.address() as { port: number }).port)));
}

function ssl3ServerHello(cipher: number, compression = 0, version = 0x00): Buffer {
  const body = Buffer.concat([Buffer.from([0x03, version]), Buffer.alloc(32, 7), Buffer.from([0x00, cipher >> 8, cipher & 0xff, compression])]);
  const handshake = Buffer.concat([Buffer.from([0x02, 0x00, 0x00, body.length]), body]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x00, 0x00, handshake.length]), handshake, Buffer.alloc(30)]);
}
const endpoint = (port: number) => ({ host: '127.0.0.1', port, servername: 'api.gxcoin.money' });

describe('raw SSL 2.0 / 3.0 probes', () => {
  it('builds well-formed hellos', () => {
    const v3 = ssl3ClientHello();
    expect([...v3.subarray(0, 3)]).toEqual([0x16, 0x03, 0x00]);
    expect(v3.readUInt16BE(3)).toBe(v3.length - 5);
    expect(v3[5]).toBe(0x01);
    const v2 = ssl2ClientHello();
    expect(v2[0] & 0x80).toBe(0x80);
    expect(((v2[0] & 0x7f) << 8) | v2[1]).toBe(v2.length - 2);
    expect([v2[2], v2[3], v2[4]]).toEqual([0x01, 0x00, 0x02]);
  });

  it('SSL 3.0 ServerHello → offered, with the picked suite', async () => {
    const port = await serve((hello) => (hello[0] === 0x16 && hello[1] === 3 && hello[2] === 0 ? ssl3ServerHello(0x002f) : null));
    expect(await probeLegacy(endpoint(port), 'SSLv3')).toEqual({ state: 'offered', cipherCode: 0x002f });
  });

  it('an alert or a TLS 1.2 ServerHello → not offered', async () => {
    let port = await serve(() => Buffer.from([0x15, 0x03, 0x00, 0x00, 0x02, 0x02, 0x46]));
    expect((await probeLegacy(endpoint(port), 'SSLv3')).state).toBe('not-offered');
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    port = await serve(() => null);
    expect((await probeLegacy(endpoint(port), 'SSLv3')).state).toBe('not-offered');
    const tls12 = ssl3ServerHello(0x002f);
    tls12[10] = 0x03;
    expect(judgeSsl3Reply(tls12).state).toBe('not-offered');
  });

  it('SSL 2.0 SERVER-HELLO → offered', async () => {
    const port = await serve((hello) => ((hello[0] & 0x80) && hello[2] === 0x01 ? Buffer.from([0x80, 0x20, 0x04, 0x00, 0x01, 0x00, 0x02, ...Buffer.alloc(30)]) : null));
    expect((await probeLegacy(endpoint(port), 'SSLv2')).state).toBe('offered');
  });

  it('TLS compression: a ServerHello choosing DEFLATE → true, null → false', async () => {
    const hello = compressionClientHello('api.gxcoin.money');
    expect([...hello.subarray(0, 3)]).toEqual([0x16, 0x03, 0x01]);
    expect(hello.includes(Buffer.from('api.gxcoin.money'))).toBe(true);
    let port = await serve((h) => (h[0] === 0x16 ? ssl3ServerHello(0xc02f, 1, 0x03) : null));
    expect(await probeCompression(endpoint(port))).toBe(true);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    port = await serve(() => ssl3ServerHello(0xc02f, 0, 0x03));
    expect(await probeCompression(endpoint(port))).toBe(false);
    expect(serverHelloCompression(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]))).toBeUndefined();
  });

  it('nothing listening → not testable', async () => {
    const port = await serve(() => null);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    expect((await probeLegacy(endpoint(port), 'SSLv3')).state).toBe('not-testable');
  });
});
