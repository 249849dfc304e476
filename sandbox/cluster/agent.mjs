// The probe agent of one pod of the sandbox's network-namespace cluster (plain JavaScript so each
// pod's agent starts in tens of milliseconds, without the TypeScript loader).
//
// Runs inside the pod's network namespace (`ip netns exec <ns> node agent.mjs '<config>'`):
// - listens on the workload's TCP ports (accepts, then closes) and UDP ports (echoes a datagram);
// - serves probe requests on a Unix socket (a file, reachable from any network namespace): one JSON
//   object per line, {id, host, port, protocol, timeoutMs} → {id, result, ms, detail}, where result
//   is allowed | blocked (no answer within the timeout) | refused (reset or ICMP unreachable) | error;
// - prints "ready" once every listener is bound, and exits when its stdin closes (its owner is gone).
import dgram from 'node:dgram';
import net from 'node:net';
import { rmSync } from 'node:fs';

const config = JSON.parse(process.argv[2]);

function listenTcp(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => socket.on('error', () => undefined).end());
    server.once('error', reject);
    server.listen(port, '0.0.0.0', resolve);
  });
}

function listenUdp(port) {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.on('message', (msg, rinfo) => socket.send(msg, rinfo.port, rinfo.address));
    socket.once('error', reject);
    socket.bind(port, '0.0.0.0', resolve);
  });
}

function probeTcp(req, done) {
  const socket = net.connect({ host: req.host, port: req.port });
  const timer = setTimeout(() => { socket.destroy(); done('blocked', 'no answer'); }, req.timeoutMs);
  socket.once('connect', () => { clearTimeout(timer); socket.destroy(); done('allowed', 'connected'); });
  socket.once('error', (e) => { clearTimeout(timer); done(e.code === 'ECONNREFUSED' ? 'refused' : 'error', e.code ?? e.message); });
}

function probeUdp(req, done) {
  const socket = dgram.createSocket('udp4');
  const nonce = `gxnp ${req.id} ${Math.random()}`;
  const finish = (result, detail) => { clearTimeout(timer); try { socket.close(); } catch { /* closed */ } done(result, detail); };
  const timer = setTimeout(() => finish('blocked', 'no answer'), req.timeoutMs);
  socket.on('message', (msg) => { if (msg.toString() === nonce) finish('allowed', 'echoed'); });
  socket.on('error', (e) => finish(e.code === 'ECONNREFUSED' ? 'refused' : 'error', e.code ?? e.message));
  socket.connect(req.port, req.host, () => socket.send(nonce));
}

function serveControl(path) {
  rmSync(path, { force: true });
  const server = net.createServer((conn) => {
    let buffer = '';
    conn.on('error', () => undefined);
    conn.on('data', (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let req;
        try { req = JSON.parse(line); } catch { continue; }
        const started = process.hrtime.bigint();
        const done = (result, detail) => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          if (!conn.destroyed) conn.write(`${JSON.stringify({ id: req.id, result, ms, detail })}\n`);
        };
        (req.protocol === 'UDP' ? probeUdp : probeTcp)(req, done);
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  });
}

try {
  await Promise.all([
    ...config.tcp.map(listenTcp),
    ...config.udp.map(listenUdp),
    serveControl(config.socket),
  ]);
} catch (e) {
  process.stderr.write(`agent ${config.pod}: ${e.message}\n`);
  process.exit(1);
}
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
